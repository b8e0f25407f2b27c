import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Sqlite } from '../types';
import { checkDigestRows, compareRecomputed, recomputeQueries, type DigestFinding } from './digest';

/**
 * The scan part of the digest check (every derived table recomputed against the running digest)
 * in a worker thread on its own read-only connection, so the terminal starts at once and the
 * event loop never waits for it: on a year of rows it takes 1.7–3.2 s on a loaded 2-core VM
 * (`npm run bench -- integrity`). The worker reads the running digest and the tables in ONE
 * read transaction (a WAL snapshot), so commits made meanwhile cannot make it disagree. Falls
 * back to the calling thread when a worker cannot run (an in-memory database, a bundle without
 * a resolvable better-sqlite3).
 */
export async function checkDigestRowsOffThread(db: Sqlite): Promise<DigestFinding | null> {
  const file = db.memory ? null : db.name;
  let sqlitePath: string | null = null;
  try {
    sqlitePath = createRequire(import.meta.url).resolve('better-sqlite3');
  } catch {
    sqlitePath = null;
  }
  if (!file || !sqlitePath) return checkDigestRows(db);
  const queries = recomputeQueries(db);
  const answer = await new Promise<Answer | null>((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sqlitePath, file, queries } });
    } catch {
      return resolve(null);
    }
    worker.once('message', (m: Answer) => resolve(m));
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
  if (!answer || 'error' in answer) return checkDigestRows(db);
  return compareRecomputed(answer.stored, answer.computed);
}

type Answer = { stored: { tbl: string; rows: number; sum: number }[]; computed: { table: string; rows: number; sum: number }[] } | { error: string };

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
let answer;
try {
  const Database = require(workerData.sqlitePath);
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  try {
    db.prepare('BEGIN').run();
    const stored = db.prepare('SELECT tbl, rows, sum FROM ledger_digest').all();
    const computed = workerData.queries.map((q) => ({ table: q.table, ...db.prepare(q.sql).get() }));
    db.prepare('COMMIT').run();
    answer = { stored, computed };
  } finally {
    db.close();
  }
} catch (e) {
  answer = { error: String((e && e.stack) || e) };
}
parentPort.postMessage(answer);
`;
