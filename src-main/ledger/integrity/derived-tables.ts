import type { Sqlite } from '../types';

/**
 * Tables the journal does NOT rebuild, so neither `journal verify` nor the start-up digest
 * compares them:
 * - `audit`: who tried what, refusals included (a record of attempts, not of committed state);
 * - `migrations`, `sqlite_sequence`: SQLite's and TypeORM's bookkeeping;
 * - `receipt`, `print_job`: this terminal's paper artefacts of committed sales (numbered per
 *   terminal and day, reprints, the print queue); not journaled yet (issue 10);
 * - `staff_sign_in_guard`: local sign-in lockout counters (attempts, not rights);
 * - `sync_state`: this terminal's enrollment and the server's signed ack, checked on its own by
 *   `checkJournalAgainstAck`;
 * - `ledger_digest`, `ledger_digest_meta`: the start-up digest itself (see digest.ts);
 * - `staff_unjournaled`: upgrade bookkeeping, the staff rows still to be journaled once.
 * Signed-in sessions and resume tokens are local too; they live in memory, not in a table.
 * Every other table (balances, holds, transfers, postings, idempotency records, the journal, and
 * each workflow's tables written by its projector) must equal what replaying the journal gives.
 * A new table that is local state must be added here, with its reason.
 */
export const NOT_DERIVED: ReadonlySet<string> = new Set([
  'audit',
  'migrations',
  'sqlite_sequence',
  'receipt',
  'print_job',
  'staff_sign_in_guard',
  'sync_state',
  'ledger_digest',
  'ledger_digest_meta',
  'staff_unjournaled',
]);

/** The derived tables of a database, by name. */
export function derivedTables(db: Sqlite): string[] {
  const names = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  return names.filter((n) => !NOT_DERIVED.has(n));
}

/** A table's key columns (its primary key, or every column when it has none), in key order. */
export function keyColumns(db: Sqlite, table: string): { key: string[]; columns: string[] } {
  const info = db.prepare(`SELECT name, pk FROM pragma_table_info(?)`).all(table) as { name: string; pk: number }[];
  const key = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  const columns = info.map((c) => c.name);
  return { key: key.length > 0 ? key : columns, columns };
}

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;
