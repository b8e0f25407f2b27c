import type { ImportRow, Sqlite } from '../../../src-main/ledger';
import type { Ledger } from '../../../src-main/ledger';

/** Everything replay must reproduce: accounts with counters, holds, transfers, postings, commands, the journal. */
export function snapshot(db: Sqlite): Record<string, unknown[]> {
  const q = (sql: string) => db.prepare(sql).all();
  return {
    accounts: q(`SELECT id, code, kind, unit, normal, is_group, parent_id, quota, non_negative,
      debits_posted, credits_posted, debits_pending, credits_pending, created_at FROM ledger_account ORDER BY id`),
    holds: q(`SELECT * FROM ledger_hold ORDER BY id`),
    transfers: q(`SELECT * FROM ledger_transfer ORDER BY id`),
    postings: q(`SELECT * FROM ledger_posting ORDER BY transfer_id, leg`),
    commands: q(`SELECT * FROM ledger_command ORDER BY command_id`),
    journal: q(`SELECT id, seq, terminal_id, hex(hash) h FROM ledger_journal ORDER BY terminal_id, seq`),
  };
}

/** Replays the source journal, in order, into `target` (an empty ledger). */
export function rebuild(source: Sqlite, target: Ledger): number {
  const rows = source
    .prepare(`SELECT id, terminal_id, seq, body, prev_hash, hash FROM ledger_journal ORDER BY terminal_id, seq`)
    .all() as ImportRow[];
  return target.importJournal(rows);
}
