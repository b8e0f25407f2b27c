import { MAX_BATCH, entryChains, type PushResponse, type SignedAck, type WireEntry } from '../src-main/domain/sync/protocol';
import type { ServerDb, Sql } from './db';
import { SyncHttpError } from './errors';
import type { Signer } from './secrets';
import { projectSales } from './read-model/sales-store';

export const GENESIS_HEX = '0'.repeat(64);
// One INSERT per batch (10 params a row: under both PostgreSQL's 65,535 and SQLite's 32,766 limits).
const INSERT_CHUNK = 1000;

export interface Head {
  seq: number;
  hash: string;
}

export async function headOf(sql: Sql, terminalId: string): Promise<Head> {
  const row = await sql.one<{ head_seq: number | string; head_hash: string }>(`SELECT head_seq, head_hash FROM terminal WHERE id = ?`, [terminalId]);
  return row ? { seq: Number(row.head_seq), hash: row.head_hash } : { seq: 0, hash: GENESIS_HEX };
}

export function signHead(signer: Signer, terminalId: string, head: Head, now: Date): SignedAck {
  return signer.sign({ terminalId, seq: head.seq, hash: head.hash, at: now.toISOString() });
}

/**
 * Stores a batch of one terminal's journal, all or nothing, and answers with the signed head.
 * - an entry the server already holds (seq ≤ head) must be byte-for-byte the same hash: a resent
 *   batch is counted as duplicates and changes nothing; a different one is a CONFLICT;
 * - the next entry must be head + 1 (else GAP, with the seq expected, so the terminal resends
 *   from there) and chain from the head: prev_hash equal to the held hash and
 *   hash = SHA-256(prev_hash ‖ body) (else CHAIN_BROKEN, naming the seq);
 * - the body must say it is this terminal's entry with this seq and id.
 * The terminal row is updated first, so two pushes for one terminal (two server processes)
 * queue on its row lock (PostgreSQL) or the write lock (SQLite) and never interleave.
 */
export async function storeBatch(db: ServerDb, signer: Signer, terminalId: string, entries: WireEntry[], now: Date, reportedSeq?: number): Promise<PushResponse> {
  if (entries.length > MAX_BATCH) throw new SyncHttpError(413, { code: 'INVALID_INPUT', message: `At most ${MAX_BATCH} entries per push.` });
  return db.tx(async (sql) => {
    const touched = await sql.run(`UPDATE terminal SET last_seen_at = ? WHERE id = ? AND revoked_at IS NULL`, [now.toISOString(), terminalId]);
    if (touched === 0) throw new SyncHttpError(401, { code: 'REVOKED', message: 'This terminal was revoked on the server.' });
    const start = await headOf(sql, terminalId);
    const refuse = (status: number, code: 'GAP' | 'CHAIN_BROKEN' | 'CONFLICT' | 'WRONG_TERMINAL', seq: number, message: string, expectedSeq?: number) =>
      new SyncHttpError(status, { code, message, seq, head: signHead(signer, terminalId, start, now), ...(expectedSeq !== undefined ? { expectedSeq } : {}) });

    const held = new Map<number, string>();
    const oldSeqs = entries.filter((e) => e.seq <= start.seq).map((e) => e.seq);
    if (oldSeqs.length) {
      const rows = await sql.all<{ seq: number | string; hash: string }>(`SELECT seq, hash FROM journal_entry WHERE terminal_id = ? AND seq >= ? AND seq <= ?`, [
        terminalId,
        Math.min(...oldSeqs),
        Math.max(...oldSeqs),
      ]);
      for (const r of rows) held.set(Number(r.seq), r.hash);
    }
    let head = start;
    let duplicates = 0;
    const fresh: (WireEntry & { store: string; parsed: Record<string, unknown> })[] = [];
    for (const e of entries) {
      if (e.seq <= start.seq) {
        if (held.get(e.seq) !== e.hash) throw refuse(409, 'CONFLICT', e.seq, `Entry ${e.seq} differs from the copy the server already holds.`);
        duplicates++;
        continue;
      }
      if (e.seq !== head.seq + 1) throw refuse(409, 'GAP', e.seq, `Entry ${e.seq} arrived before entry ${head.seq + 1}; resend from ${head.seq + 1}.`, head.seq + 1);
      if (e.prevHash !== head.hash) throw refuse(422, 'CHAIN_BROKEN', e.seq, `Entry ${e.seq} does not chain from entry ${head.seq} held by the server.`);
      if (!entryChains(e)) throw refuse(422, 'CHAIN_BROKEN', e.seq, `Entry ${e.seq}: hash is not SHA-256(previous hash ‖ body).`);
      const body = parseBody(e.body);
      if (body?.terminal !== terminalId) throw refuse(403, 'WRONG_TERMINAL', e.seq, `Entry ${e.seq} belongs to another terminal.`);
      if (body.seq !== e.seq || body.id !== e.id) throw refuse(422, 'CHAIN_BROKEN', e.seq, `Entry ${e.seq}: its body disagrees with its seq or id.`);
      fresh.push({ ...e, store: typeof body.store === 'string' ? body.store : '', parsed: body });
      head = { seq: e.seq, hash: e.hash };
    }
    const receivedAt = now.toISOString();
    for (let i = 0; i < fresh.length; i += INSERT_CHUNK) {
      const chunk = fresh.slice(i, i + INSERT_CHUNK);
      const params: unknown[] = [];
      for (const e of chunk) params.push(terminalId, e.seq, e.id, e.store, e.committedAt, e.commandId, e.body, e.prevHash, e.hash, receivedAt);
      await sql.run(
        `INSERT INTO journal_entry (terminal_id, seq, id, store_id, committed_at, command_id, body, prev_hash, hash, received_at) VALUES ${chunk
          .map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .join(', ')}`,
        params,
      );
    }
    await projectSales(sql, terminalId, fresh.map((e) => ({ seq: e.seq, body: e.parsed })));
    if (fresh.length) await sql.run(`UPDATE terminal SET head_seq = ?, head_hash = ?, last_error = NULL WHERE id = ?`, [head.seq, head.hash, terminalId]);
    if (reportedSeq !== undefined) await sql.run(`UPDATE terminal SET reported_seq = ? WHERE id = ?`, [Math.max(reportedSeq, head.seq), terminalId]);
    return { ack: signHead(signer, terminalId, head, now), accepted: fresh.length, duplicates };
  });
}

function parseBody(text: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
