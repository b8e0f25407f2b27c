import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import os from 'node:os';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
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

/** Options for tests and tuning; `verifyJournal(db)` picks sensible defaults. */
export interface VerifyOptions {
  /** Threads to use, the calling thread included. Default: available cores, at most 4. */
  threads?: number;
  /** Below this many entries per thread the walk stays on the calling thread. Default 50 000. */
  minEntriesPerThread?: number;
  /** Throw when a worker fails instead of checking its share on the calling thread (tests). */
  noFallback?: boolean;
}

/**
 * Walks every terminal's chain in sequence order (streaming, constant memory) and
 * reports the first entry that does not fit:
 * - missing: the next sequence number is absent (a row was deleted);
 * - altered: the row's hash is not SHA-256(prev_hash || body), or the body disagrees
 *   with its columns (id, store, terminal, time);
 * - inserted: a self-consistent row that does not chain onto its predecessor, or rows
 *   renumbered to make room for one (reported at the sequence the intruder took).
 *
 * Large journals in a database file are split into contiguous sequence ranges checked in
 * parallel (the calling thread takes the first share, worker threads the rest; the call stays
 * synchronous). A range starting at seq `lo` starts from the stored hash of entry `lo − 1` and
 * reads on past its end until the next present entry, so each range judges its rows exactly as
 * the single walk would once everything before it verified; the result is the first failing
 * range's first failure, which is the single walk's answer (same seq, reason, detail, count).
 */
export function verifyJournal(db: Sqlite, options: VerifyOptions = {}): VerifyResult {
  const chains = terminalChains(db);
  const total = chains.reduce((n, c) => n + c.last, 0);
  const cores = Math.min(os.availableParallelism(), 4);
  const threads = Math.max(1, Math.min(options.threads ?? cores, Math.floor(total / (options.minEntriesPerThread ?? 50_000))));
  const file = db.memory || db.inTransaction ? null : db.name;
  const shares = split(chains, file ? threads : 1);
  const results = shares.length > 1 ? runParallel(db, file!, shares, options.noFallback === true) : [verifyRanges(db, crypto, shares[0] ?? [])];
  let count = 0;
  for (const r of results) {
    if (r.failure) return { ok: false, count: count + r.count, ...r.failure };
    count += r.count;
  }
  return { ok: true, count, terminals: chains.length };
}

interface Chain {
  terminal: string;
  /** The highest sequence number present. */
  last: number;
}

/** A terminal's entries lo..hi (inclusive). */
interface Range {
  terminal: string;
  lo: number;
  hi: number;
}

type Verdict = { seq: number; reason: 'altered' | 'missing' | 'inserted'; detail: string };

interface RangesResult {
  /** Entries that verified before the failure (or in all ranges). */
  count: number;
  failure: (Verdict & { terminalId: string }) | null;
}

function terminalChains(db: Sqlite): Chain[] {
  // Index seeks only: one per terminal, instead of scanning the whole (terminal_id, seq) index.
  const next = db.prepare(`SELECT terminal_id FROM ledger_journal WHERE terminal_id > ? ORDER BY terminal_id LIMIT 1`).pluck();
  const last = db.prepare(`SELECT MAX(seq) FROM ledger_journal WHERE terminal_id = ?`).pluck();
  const chains: Chain[] = [];
  let t = db.prepare(`SELECT MIN(terminal_id) FROM ledger_journal`).pluck().get() as string | null | undefined;
  while (t !== undefined && t !== null) {
    chains.push({ terminal: t, last: last.get(t) as number });
    t = next.get(t) as string | undefined;
  }
  return chains;
}

/** Cuts the chains, in terminal order, into `n` shares of about equal entry counts. */
function split(chains: Chain[], n: number): Range[][] {
  const total = chains.reduce((s, c) => s + c.last, 0);
  const per = Math.ceil(total / n);
  const shares: Range[][] = [[]];
  let room = per;
  for (const c of chains) {
    let lo = 1;
    while (lo <= c.last) {
      if (room === 0) {
        shares.push([]);
        room = per;
      }
      const hi = Math.min(c.last, lo + room - 1);
      shares.at(-1)!.push({ terminal: c.terminal, lo, hi });
      room -= hi - lo + 1;
      lo = hi + 1;
    }
  }
  return shares;
}

/**
 * Runs shares 1.. in worker threads (each on its own read-only connection) while this thread
 * checks share 0, then blocks on Atomics.wait for their answers, so verifyJournal stays
 * synchronous. A worker that cannot start is replaced by checking its share here.
 */
function runParallel(db: Sqlite, file: string, shares: Range[][], noFallback: boolean): RangesResult[] {
  let sqlitePath: string;
  try {
    // Resolved lazily: a bundle without import.meta.url falls back to the single walk.
    sqlitePath = createRequire(import.meta.url).resolve('better-sqlite3');
  } catch (e) {
    if (noFallback) throw e;
    return [verifyRanges(db, crypto, shares.flat())];
  }
  const jobs = shares.slice(1).map((ranges) => {
    const flags = new Int32Array(new SharedArrayBuffer(8));
    const { port1, port2 } = new MessageChannel();
    try {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { sqlitePath, file, ranges, flags: flags.buffer, port: port2 },
        transferList: [port2],
      });
      worker.unref();
      return { ranges, flags, port: port1, worker };
    } catch (e) {
      if (noFallback) throw e;
      return { ranges, flags, port: port1, worker: null };
    }
  });
  const results: RangesResult[] = [verifyRanges(db, crypto, shares[0]!)];
  for (const job of jobs) {
    // Once the first failure is known, later shares cannot change the answer.
    if (results.some((r) => r.failure)) {
      void job.worker?.terminate();
      job.port.close();
      continue;
    }
    let answer: (RangesResult & { error?: string }) | undefined;
    if (job.worker && Atomics.wait(job.flags, 0, 0, 30_000) !== 'timed-out') {
      Atomics.wait(job.flags, 1, 0);
      answer = receiveMessageOnPort(job.port)?.message as (RangesResult & { error?: string }) | undefined;
    }
    job.port.close();
    if (!answer || answer.error !== undefined) {
      void job.worker?.terminate();
      if (noFallback) throw new Error(`verify worker failed: ${answer?.error ?? 'no answer'}`);
      answer = verifyRanges(db, crypto, job.ranges);
    }
    results.push(answer);
  }
  return results;
}

/**
 * Checks the given ranges in order and stops at the first failure. Self-contained (it uses
 * only its parameters and globals) because worker threads run it from its source text.
 */
function verifyRanges(db: Sqlite, nodeCrypto: typeof crypto, ranges: Range[]): RangesResult {
  const GENESIS = Buffer.alloc(32);
  const oneShot = (nodeCrypto as { hash?: (alg: string, data: Uint8Array, enc: 'buffer') => Buffer }).hash;
  let scratch = Buffer.alloc(64 * 1024);
  // Same as chainHash in domain/ledger (SHA-256(prev_hash || body)), inlined for the workers.
  const link = (prev: Uint8Array, body: string): Buffer => {
    if (oneShot === undefined || prev.length !== 32) return nodeCrypto.createHash('sha256').update(prev).update(body, 'utf8').digest();
    const bound = 32 + body.length * 3;
    if (bound > scratch.length) scratch = Buffer.alloc(Math.max(bound, scratch.length * 2));
    scratch.set(prev, 0);
    const n = scratch.write(body, 32, 'utf8');
    return oneShot('sha256', scratch.subarray(0, 32 + n), 'buffer');
  };
  /** The top-level members a canonical body must carry, in canonical (sorted) order, for a quick check. */
  const fastMeta = (row: JournalRow): boolean => {
    const b = row.body;
    return (
      b.startsWith(`{"at":${JSON.stringify(row.committed_at)},"command":`) &&
      b.includes(`,"id":${JSON.stringify(row.id)},"ops":[`) &&
      b.includes(`],"seq":${row.seq},"store":${JSON.stringify(row.store_id)},"terminal":${JSON.stringify(row.terminal_id)},"type":`)
    );
  };
  const checkRow = (row: JournalRow, expected: number, prev: Buffer): Verdict | null => {
    if (row.seq < expected) return { seq: row.seq, reason: 'inserted', detail: `seq ${row.seq} repeats` };
    if (!Buffer.isBuffer(row.hash) || !Buffer.isBuffer(row.prev_hash) || !link(row.prev_hash, row.body).equals(row.hash)) {
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
  };

  // Fast pass: only what the chain needs (seq, body, hash) plus a cheap column-vs-body probe done
  // inside SQLite; any row that does not pass is re-read whole and judged by checkRow.
  const fast = db
    .prepare(
      `SELECT seq, body, hash, substr(body, 8, 24) = committed_at AND instr(body, id) > 0 AND instr(body, store_id) > 0
       FROM ledger_journal WHERE terminal_id = ? AND seq >= ? ORDER BY seq`,
    )
    .raw(true);
  const full = db.prepare(`SELECT * FROM ledger_journal WHERE terminal_id = ? AND seq = ?`);
  const hashAt = db.prepare(`SELECT hash FROM ledger_journal WHERE terminal_id = ? AND seq = ?`).pluck();
  let count = 0;
  for (const { terminal, lo, hi } of ranges) {
    let expected = lo;
    // If entry lo − 1 is absent or bad, the range before this one reports it first.
    const stored = lo === 1 ? GENESIS : (hashAt.get(terminal, lo - 1) as unknown);
    let prev: Buffer = Buffer.isBuffer(stored) ? stored : GENESIS;
    for (const [seq, body, hash, probe] of fast.iterate(terminal, lo) as IterableIterator<[number, string, Buffer, number]>) {
      // Past the range with nothing missing: the next range takes over from here.
      if (seq > hi && expected > hi) break;
      if (seq !== expected || probe !== 1 || !Buffer.isBuffer(hash) || !link(prev, body).equals(hash)) {
        const bad =
          seq > expected
            ? { seq: expected, reason: 'missing' as const, detail: `expected seq ${expected}, found ${seq}` }
            : checkRow(full.get(terminal, seq) as JournalRow, expected, prev);
        if (bad) return { count, failure: { terminalId: terminal, ...bad } };
      }
      prev = hash;
      expected++;
      count++;
    }
  }
  return { count, failure: null };
}

/** A worker: opens the file read-only, runs verifyRanges on its share, answers through the port. */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const flags = new Int32Array(workerData.flags);
Atomics.store(flags, 0, 1);
Atomics.notify(flags, 0);
let answer;
try {
  // Helper some TypeScript transpilers call from function bodies to keep names.
  var __name = (f) => f;
  const Database = require(workerData.sqlitePath);
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  try {
    answer = (${verifyRanges.toString()})(db, require('node:crypto'), workerData.ranges);
  } finally {
    db.close();
  }
} catch (e) {
  answer = { error: String((e && e.stack) || e) };
}
workerData.port.postMessage(answer);
Atomics.store(flags, 1, 1);
Atomics.notify(flags, 1);
`;

/**
 * The start-up check's look at the journal: the newest `n` entries of a terminal's chain, judged
 * exactly as verifyJournal judges them (starting from the stored hash of the entry before), plus
 * a count of the terminal's entries against its highest seq (an index count), so a row deleted
 * anywhere shows as missing. An entry changed further back is left to the full verify.
 */
export function verifyJournalTail(db: Sqlite, terminalId: string, n: number): VerifyResult {
  const { last, count } = db.prepare(`SELECT COALESCE(MAX(seq), 0) AS last, COUNT(*) AS count FROM ledger_journal WHERE terminal_id = ?`).get(terminalId) as { last: number; count: number };
  if (last === 0) return { ok: true, count: 0, terminals: 0 };
  const lo = Math.max(1, last - n + 1);
  const r = verifyRanges(db, crypto, [{ terminal: terminalId, lo, hi: last }]);
  if (r.failure) return { ok: false, count: r.count, ...r.failure };
  if (count !== last) {
    return { ok: false, count: r.count, terminalId, seq: last, reason: 'missing', detail: `${count} entries for ${last} sequence numbers: ${last - count} missing before seq ${lo}` };
  }
  return { ok: true, count: r.count, terminals: 1 };
}
