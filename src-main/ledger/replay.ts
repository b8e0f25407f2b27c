import { LedgerError, canonicalJson, chainHash } from '../domain/ledger';
import type { Ctx } from './accounts';
import type { EventProjectors } from './command';
import { applyOp } from './ops';
import type { EntryBody } from './types';

/** A journal row as stored (ledger_journal columns). */
export interface ImportRow {
  id: string;
  terminal_id: string;
  seq: number;
  body: string;
  prev_hash: Buffer;
  hash: Buffer;
}

/**
 * Applies journal rows in order: each must extend its terminal's chain (next seq,
 * prev_hash = current head, hash = SHA-256(prev_hash || body)); its ops are applied
 * with the same rules as a live command, at the entry's own time; the row and the
 * command's idempotency record are copied; business events are projected into the
 * workflows' tables by the projectors they registered. An entry already present is skipped.
 * Runs inside the caller's transaction.
 */
export function importEntries(ctx: Ctx, projectors: EventProjectors, rows: Iterable<ImportRow>): number {
  const { st } = ctx;
  let n = 0;
  for (const row of rows) {
    const existing = st.journalById.get(row.id);
    if (existing) {
      if (!existing.hash.equals(row.hash)) throw new LedgerError('JOURNAL_MISMATCH', { entryId: row.id, reason: 'same id, different hash' });
      continue;
    }
    const head = st.journalHead.get(row.terminal_id) ?? { seq: 0, hash: Buffer.alloc(32) };
    const mismatch = (reason: string) => new LedgerError('JOURNAL_MISMATCH', { entryId: row.id, seq: row.seq, reason });
    if (row.seq !== head.seq + 1) throw mismatch(`expected seq ${head.seq + 1}`);
    if (!head.hash.equals(row.prev_hash)) throw mismatch('prev_hash is not the head');
    if (!chainHash(row.prev_hash, row.body).equals(row.hash)) throw mismatch('hash does not match body');
    const body = JSON.parse(row.body) as EntryBody;
    if (body.id !== row.id || body.seq !== row.seq || body.terminal !== row.terminal_id) throw mismatch('columns differ from body');
    for (const op of body.ops) applyOp(ctx, op, body.id, body.at);
    // Business events after the ledger ops: they only point at accounts, holds and transfers.
    for (const event of body.events ?? []) projectors.apply(event, body.at);
    st.insertJournal.run(body.id, body.store, body.terminal, body.seq, body.at, body.command?.id ?? null, row.body, row.prev_hash, row.hash);
    if (body.command) {
      st.insertCommand.run(body.command.id, body.command.fingerprint, canonicalJson(body.command.result), body.id);
    }
    n++;
  }
  return n;
}
