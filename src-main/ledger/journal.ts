import { GENESIS_HASH, canonicalJson, chainHash } from '../domain/ledger';
import type { JournalRow, Statements } from './statements';
import type { EntryBody, Sqlite } from './types';

export interface JournalHead {
  seq: number;
  hash: Buffer;
}

export function journalHead(st: Statements, terminalId: string): JournalHead {
  return st.journalHead.get(terminalId) ?? { seq: 0, hash: GENESIS_HASH };
}

/** Appends one entry after `head`; returns the new head. Runs inside the caller's transaction. */
export function appendEntry(st: Statements, head: JournalHead, body: EntryBody): JournalHead {
  const text = canonicalJson(body);
  const hash = chainHash(head.hash, text);
  st.insertJournal.run(body.id, body.store, body.terminal, body.seq, body.at, body.command?.id ?? null, text, head.hash, hash);
  return { seq: body.seq, hash };
}

export type VerifyResult =
  | { ok: true; count: number; terminals: number }
  | {
      ok: false;
      count: number;
      terminalId: string;
      seq: number;
      reason: 'altered' | 'missing' | 'inserted';
      detail: string;
    };

/**
 * Walks every terminal's chain in sequence order (streaming, constant memory) and
 * reports the first entry that does not fit:
 * - missing: the next sequence number is absent (a row was deleted);
 * - altered: the row's hash is not SHA-256(prev_hash || body), or the body disagrees
 *   with its columns (id, store, terminal, time);
 * - inserted: a self-consistent row that does not chain onto its predecessor, or rows
 *   renumbered to make room for one (reported at the sequence the intruder took).
 */
export function verifyJournal(db: Sqlite): VerifyResult {
  const rows = db
    .prepare(`SELECT id, store_id, terminal_id, seq, committed_at, body, prev_hash, hash FROM ledger_journal ORDER BY terminal_id, seq`)
    .iterate() as IterableIterator<JournalRow>;
  let count = 0;
  let terminals = 0;
  let terminal: string | null = null;
  let expected = 1;
  let prev: Buffer = GENESIS_HASH;
  const fail = (t: string, seq: number, reason: 'altered' | 'missing' | 'inserted', detail: string): VerifyResult => {
    return { ok: false, count, terminalId: t, seq, reason, detail };
  };
  for (const row of rows) {
    if (row.terminal_id !== terminal) {
      terminal = row.terminal_id;
      terminals++;
      expected = 1;
      prev = GENESIS_HASH;
    }
    if (row.seq > expected) {
      (rows as unknown as { return?: () => void }).return?.();
      return fail(terminal, expected, 'missing', `expected seq ${expected}, found ${row.seq}`);
    }
    const result = checkRow(row, expected, prev);
    if (result) {
      (rows as unknown as { return?: () => void }).return?.();
      return fail(terminal, result.seq, result.reason, result.detail);
    }
    prev = row.hash;
    expected++;
    count++;
  }
  return { ok: true, count, terminals };
}

function checkRow(
  row: JournalRow,
  expected: number,
  prev: Buffer,
): { seq: number; reason: 'altered' | 'missing' | 'inserted'; detail: string } | null {
  if (row.seq < expected) return { seq: row.seq, reason: 'inserted', detail: `seq ${row.seq} repeats` };
  if (!Buffer.isBuffer(row.hash) || !Buffer.isBuffer(row.prev_hash) || !chainHash(row.prev_hash, row.body).equals(row.hash)) {
    return { seq: row.seq, reason: 'altered', detail: 'hash does not match SHA-256(prev_hash || body)' };
  }
  let meta: { id?: unknown; store?: unknown; terminal?: unknown; seq?: unknown; at?: unknown };
  try {
    meta = JSON.parse(row.body) as typeof meta;
  } catch {
    return { seq: row.seq, reason: 'altered', detail: 'body is not JSON' };
  }
  if (typeof meta.seq === 'number' && meta.seq !== row.seq) {
    return meta.seq < row.seq
      ? { seq: meta.seq, reason: 'inserted', detail: `entry recorded as seq ${meta.seq} sits at seq ${row.seq}: rows were renumbered after an insert` }
      : { seq: row.seq, reason: 'missing', detail: `entry recorded as seq ${meta.seq} sits at seq ${row.seq}: rows were renumbered after a delete` };
  }
  if (meta.id !== row.id || meta.store !== row.store_id || meta.terminal !== row.terminal_id || meta.at !== row.committed_at) {
    return { seq: row.seq, reason: 'altered', detail: 'columns differ from the hashed body' };
  }
  if (!row.prev_hash.equals(prev)) {
    return { seq: row.seq, reason: 'inserted', detail: 'prev_hash does not match the previous entry' };
  }
  return null;
}
