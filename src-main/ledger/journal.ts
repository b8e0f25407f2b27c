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
  const terminalIds = db.prepare(`SELECT DISTINCT terminal_id FROM ledger_journal ORDER BY terminal_id`).pluck().all() as string[];
  // Fast pass: only what the chain needs (seq, body, hash) plus a cheap column-vs-body probe done
  // inside SQLite; any row that does not pass is re-read whole and judged by checkRow.
  const fast = db
    .prepare(
      `SELECT seq, body, hash, substr(body, 8, 24) = committed_at AND instr(body, id) > 0 AND instr(body, store_id) > 0
       FROM ledger_journal WHERE terminal_id = ? ORDER BY seq`,
    )
    .raw(true);
  const full = db.prepare(`SELECT * FROM ledger_journal WHERE terminal_id = ? AND seq = ?`);
  let count = 0;
  for (const terminal of terminalIds) {
    let expected = 1;
    let prev: Buffer = GENESIS_HASH;
    for (const [seq, body, hash, probe] of fast.iterate(terminal) as IterableIterator<[number, string, Buffer, number]>) {
      if (seq !== expected || probe !== 1 || !Buffer.isBuffer(hash) || !chainHash(prev, body).equals(hash)) {
        const bad =
          seq > expected
            ? { seq: expected, reason: 'missing' as const, detail: `expected seq ${expected}, found ${seq}` }
            : checkRow(full.get(terminal, seq) as JournalRow, expected, prev);
        if (bad) return { ok: false, count, terminalId: terminal, seq: bad.seq, reason: bad.reason, detail: bad.detail };
      }
      prev = hash;
      expected++;
      count++;
    }
  }
  return { ok: true, count, terminals: terminalIds.length };
}

/** The top-level members a canonical body must carry, in canonical (sorted) order, for a quick check. */
function fastMeta(row: JournalRow): boolean {
  const b = row.body;
  return (
    b.startsWith(`{"at":${JSON.stringify(row.committed_at)},"command":`) &&
    b.includes(`,"id":${JSON.stringify(row.id)},"ops":[`) &&
    b.includes(`],"seq":${row.seq},"store":${JSON.stringify(row.store_id)},"terminal":${JSON.stringify(row.terminal_id)},"type":`)
  );
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
  if (!fastMeta(row)) {
    // Slow path, only for a row that fails the quick check: say precisely what is wrong.
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
    return { seq: row.seq, reason: 'altered', detail: 'columns differ from the hashed body' };
  }
  if (!row.prev_hash.equals(prev)) {
    return { seq: row.seq, reason: 'inserted', detail: 'prev_hash does not match the previous entry' };
  }
  return null;
}
