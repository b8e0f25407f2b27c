import { afterAll, beforeAll, expect } from 'vitest';
import type { Database as Sqlite } from 'better-sqlite3';
import { GENESIS_HASH, chainHash } from '../../../../src-main/domain/ledger';
import { openServerDb } from '../../../../src-server/db';
import { businessDay } from '../../../../src-server/read-model/sales-projector';
import { tempDir } from '../../../support/services';
import { findPostgresBin, startPgCluster, type PgCluster } from './postgres';
import type { ServerTarget } from './server-process';

const PG_BIN = findPostgresBin();
if (!PG_BIN) console.warn('PostgreSQL binaries (initdb, pg_ctl) not found: the PostgreSQL server suite is SKIPPED. Install the Debian package postgresql.');

export interface DatabaseKind {
  name: 'SQLite' | 'PostgreSQL';
  /** Skipped (visibly, as a skipped suite) only when PostgreSQL is not installed. */
  available: boolean;
  /** A fresh, empty server database for one test. */
  target(): Promise<ServerTarget>;
}

/**
 * The two databases every server suite runs on. Call inside a describe: a PostgreSQL cluster is
 * started once for the file and removed after it.
 */
export function databaseKinds(): DatabaseKind[] {
  let cluster: PgCluster | null = null;
  let n = 0;
  beforeAll(async () => {
    if (PG_BIN) cluster = await startPgCluster(PG_BIN);
  }, 60_000);
  afterAll(() => cluster?.stop());
  return [
    { name: 'SQLite', available: true, target: async () => ({ dataDir: tempDir('pos-server-') }) },
    {
      name: 'PostgreSQL',
      available: PG_BIN !== null,
      target: async () => ({ dataDir: tempDir('pos-server-'), databaseUrl: await cluster!.createDatabase(`pos_${process.pid}_${++n}`) }),
    },
  ];
}

export interface ServerEntryRow {
  seq: number;
  hash: string;
  prevHash: string;
  body: string;
}

/** The server's copy of one terminal's journal, read straight from its database, in seq order. */
export async function serverJournal(target: ServerTarget, terminalId: string): Promise<ServerEntryRow[]> {
  const db = await openServerDb(target);
  try {
    const rows = await db.all<{ seq: number | string; hash: string; prev_hash: string; body: string }>(
      `SELECT seq, hash, prev_hash, body FROM journal_entry WHERE terminal_id = ? ORDER BY seq`,
      [terminalId],
    );
    return rows.map((r) => ({ seq: Number(r.seq), hash: r.hash, prevHash: r.prev_hash, body: r.body }));
  } finally {
    await db.close();
  }
}

/**
 * After every fault: the server holds every local entry exactly once (seq 1..n, no gaps, no
 * repeats), in order, byte-identical, and its copy chains from genesis by SHA-256(prev ‖ body).
 */
export async function expectServerHoldsJournal(target: ServerTarget, local: Sqlite, terminalId: string): Promise<number> {
  const rows = await serverJournal(target, terminalId);
  const mine = local.prepare(`SELECT seq, body, hash FROM ledger_journal WHERE terminal_id = ? ORDER BY seq`).all(terminalId) as { seq: number; body: string; hash: Buffer }[];
  const problems: string[] = [];
  if (rows.length !== mine.length) problems.push(`server holds ${rows.length} entries, terminal has ${mine.length}`);
  let prev: Buffer = GENESIS_HASH;
  rows.forEach((r, i) => {
    if (r.seq !== i + 1) problems.push(`position ${i + 1} holds seq ${r.seq}`);
    const h = chainHash(prev, r.body);
    if (r.prevHash !== prev.toString('hex') || h.toString('hex') !== r.hash) problems.push(`seq ${r.seq} does not chain`);
    if (mine[i] && (mine[i]!.body !== r.body || mine[i]!.hash.toString('hex') !== r.hash)) problems.push(`seq ${r.seq} differs from the terminal's`);
    prev = h;
  });
  if (problems.length) throw new Error(`server journal check failed:\n${problems.slice(0, 10).join('\n')}`);
  return rows.length;
}

/**
 * The server's per-day sales for one terminal equal the terminal's own ledger: net postings to its
 * tender accounts, grouped by business day in the server store's time zone and by unit.
 */
export async function expectServerSalesMatchLedger(target: ServerTarget, local: Sqlite, terminalId: string): Promise<Record<string, number>> {
  const db = await openServerDb(target);
  let server: Record<string, number>;
  let timeZone: string;
  try {
    const tz = await db.one<{ time_zone: string }>(`SELECT s.time_zone FROM terminal t JOIN store s ON s.id = t.store_id WHERE t.id = ?`, [terminalId]);
    timeZone = tz!.time_zone;
    const rows = await db.all<{ day: string; unit: string; amount: number | string }>(`SELECT day, unit, amount FROM sales_day WHERE terminal_id = ?`, [terminalId]);
    server = Object.fromEntries(rows.filter((r) => Number(r.amount) !== 0).map((r) => [`${r.day} ${r.unit}`, Number(r.amount)]));
  } finally {
    await db.close();
  }
  const postings = local
    .prepare(`SELECT p.committed_at, a.unit, p.side, p.amount FROM ledger_posting p JOIN ledger_account a ON a.id = p.account_id WHERE a.kind = 'tender'`)
    .all() as { committed_at: string; unit: string; side: string; amount: number }[];
  const mine: Record<string, number> = {};
  for (const p of postings) {
    const key = `${businessDay(p.committed_at, timeZone)} ${p.unit}`;
    mine[key] = (mine[key] ?? 0) + (p.side === 'debit' ? p.amount : -p.amount);
  }
  for (const k of Object.keys(mine)) if (mine[k] === 0) delete mine[k];
  expect(server).toEqual(mine);
  return server;
}

/** Both checks every fault test ends with: the journal exactly once and chained, and the per-day totals equal. */
export async function expectServerInSync(target: ServerTarget, local: Sqlite, terminalId: string): Promise<number> {
  const n = await expectServerHoldsJournal(target, local, terminalId);
  await expectServerSalesMatchLedger(target, local, terminalId);
  return n;
}
