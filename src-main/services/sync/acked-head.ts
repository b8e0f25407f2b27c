import type { Database as Sqlite } from 'better-sqlite3';
import { verifyAck } from '../../domain/sync/protocol';
import { readSyncState } from './state';

export type AckedHeadCheck =
  | { state: 'not-enrolled' }
  | { state: 'ok'; ackedSeq: number; localSeq: number }
  | { state: 'truncated' | 'rewritten' | 'bad-signature'; ackedSeq: number; localSeq: number; detail: string };

/**
 * Holds the local journal against the latest head the server signed for it. Local verification
 * (`verifyJournal`) proves the chain is whole; this proves it still reaches and matches what the
 * server acknowledged, which local verification cannot see:
 * - truncated: entries up to the acked seq are missing (the newest were dropped);
 * - rewritten: the local entry at the acked seq has another hash, so it or an entry before it was
 *   changed and the chain recomputed;
 * - bad-signature: the stored ack is not the server's (sync_state edited by hand).
 * Run `verifyJournal` too: together they say entries 1..acked seq are exactly what the server holds.
 */
export function checkJournalAgainstAck(db: Sqlite, terminalId: string): AckedHeadCheck {
  const hasTable = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'`).get();
  const state = hasTable ? readSyncState(db, terminalId) : null;
  if (!state) return { state: 'not-enrolled' };
  const localSeq = (db.prepare(`SELECT MAX(seq) FROM ledger_journal WHERE terminal_id = ?`).pluck().get(terminalId) as number | null) ?? 0;
  const { ack } = state;
  if (!verifyAck(ack, state.serverKey)) {
    return { state: 'bad-signature', ackedSeq: ack.seq, localSeq, detail: `the stored server ack for seq ${ack.seq} does not carry the server's signature` };
  }
  if (ack.seq === 0) return { state: 'ok', ackedSeq: 0, localSeq };
  const hash = db.prepare(`SELECT hash FROM ledger_journal WHERE terminal_id = ? AND seq = ?`).pluck().get(terminalId, ack.seq) as Buffer | undefined;
  if (!hash || localSeq < ack.seq) {
    return { state: 'truncated', ackedSeq: ack.seq, localSeq, detail: `the server acknowledged entries up to seq ${ack.seq}, the local journal ends at ${localSeq}` };
  }
  if (hash.toString('hex') !== ack.hash) {
    return { state: 'rewritten', ackedSeq: ack.seq, localSeq, detail: `local entry ${ack.seq} differs from the one the server acknowledged: an entry at or before it was changed` };
  }
  return { state: 'ok', ackedSeq: ack.seq, localSeq };
}
