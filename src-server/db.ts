import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { DataSource, type QueryRunner } from 'typeorm';
import { serverMigrations } from './migrations';

export type DbKind = 'sqlite' | 'postgres';

/** One connection's view: `?` placeholders on both databases (rewritten to $n for PostgreSQL). */
export interface Sql {
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  one<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T | undefined>;
  /** Runs a write; returns the rows it affected. */
  run(sql: string, params?: unknown[]): Promise<number>;
}

export interface ServerDb extends Sql {
  kind: DbKind;
  dataSource: DataSource;
  /** A write transaction; on SQLite BEGIN IMMEDIATE, so two processes on one file queue on the write lock. */
  tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const SQLITE_FILE = 'counter-pos-server.sqlite';

/**
 * Opens PostgreSQL when `databaseUrl` is given, else an embedded SQLite file in `dataDir`, and
 * runs the same migrations on either (never `synchronize`). On PostgreSQL an advisory lock keeps
 * two processes starting at once from running the migrations twice.
 */
export async function openServerDb(opts: { databaseUrl?: string | undefined; dataDir: string }): Promise<ServerDb> {
  const kind: DbKind = opts.databaseUrl ? 'postgres' : 'sqlite';
  let dataSource: DataSource;
  if (kind === 'postgres') {
    dataSource = new DataSource({ type: 'postgres', url: opts.databaseUrl, migrations: serverMigrations, synchronize: false, logging: false, poolSize: 10 });
  } else {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    dataSource = new DataSource({
      type: 'better-sqlite3',
      database: path.join(opts.dataDir, SQLITE_FILE),
      migrations: serverMigrations,
      synchronize: false,
      logging: false,
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        db.pragma('busy_timeout = 10000');
      },
    });
  }
  await dataSource.initialize();
  try {
    if (kind === 'postgres') await dataSource.query('SELECT pg_advisory_lock(7301)');
    await dataSource.runMigrations({ transaction: 'all' });
    if (kind === 'postgres') await dataSource.query('SELECT pg_advisory_unlock(7301)');
  } catch (e) {
    await dataSource.destroy();
    throw e;
  }
  const convert = kind === 'postgres' ? toDollar : (s: string) => s;
  const on = (runner: () => QueryRunner | undefined): Sql => ({
    async all<T>(sql: string, params: unknown[] = []) {
      const r = await dataSource.query(convert(sql), params, runner());
      return r as T[];
    },
    async one<T>(sql: string, params: unknown[] = []) {
      const r = (await dataSource.query(convert(sql), params, runner())) as T[];
      return r[0];
    },
    async run(sql: string, params: unknown[] = []) {
      const qr = runner() ?? dataSource.createQueryRunner();
      try {
        const r = await qr.query(convert(sql), params, true);
        return r.affected ?? 0;
      } finally {
        if (!runner()) await qr.release();
      }
    },
  });
  // better-sqlite3 is one connection per process: transactions from concurrent requests take turns.
  let queue: Promise<unknown> = Promise.resolve();
  const tx = async <T>(fn: (sql: Sql) => Promise<T>): Promise<T> => {
    const run = async () => {
      const qr = dataSource.createQueryRunner();
      await qr.connect();
      try {
        await qr.query(kind === 'sqlite' ? 'BEGIN IMMEDIATE' : 'BEGIN');
        try {
          const result = await fn(on(() => qr));
          await qr.query('COMMIT');
          return result;
        } catch (e) {
          await qr.query('ROLLBACK').catch(() => undefined);
          throw e;
        }
      } finally {
        await qr.release();
      }
    };
    if (kind === 'postgres') return run();
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };
  return { kind, dataSource, ...on(() => undefined), tx, close: () => dataSource.destroy() };
}

/** `?` → `$1, $2, ...` (no `?` appears inside our SQL literals). */
function toDollar(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
