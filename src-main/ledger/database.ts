import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';

export type Sqlite = BetterSqlite3.Database;

export interface Database {
  dataSource: DataSource;
  /** The same connection TypeORM uses, for synchronous transactions on the hot path. */
  sqlite: Sqlite;
  file: string;
  /** How many migrations this open applied (0 on an up-to-date database): the schema just changed. */
  migrated: number;
  /**
   * Checkpoints the WAL into the database file if nothing was written for `idleMs` (or the WAL
   * passed `WAL_CAP_BYTES`). Automatic checkpoints are off, so no command pays for one; a timer
   * started by openDatabase calls this every CHECK_MS. Returns whether a checkpoint ran.
   */
  checkpointWhenIdle(idleMs?: number): boolean;
  /** The WAL file's size in bytes now (0 when there is none). */
  walBytes(): number;
  close(): Promise<void>;
}

/**
 * Past this WAL size a passive checkpoint runs even without an idle moment: under continuous
 * charges (~72 KB of WAL each) the idle checkpoint never comes, and the WAL would grow without
 * bound. Passive: it never waits for readers or writers, and runs on the timer, not in a commit.
 * The WAL file itself is truncated back to this size when SQLite restarts it after a checkpoint.
 */
export const WAL_CAP_BYTES = 4 * 1024 * 1024;
const IDLE_MS = 2000;
/** How often the timer looks at the WAL: a stat call, so cheap; often enough that load cannot outrun the cap by much. */
const CHECK_MS = 250;

export class DatabaseNewerThanAppError extends Error {
  constructor(readonly unknown: string[]) {
    super(`The database was written by a newer Counter POS (unknown migrations: ${unknown.join(', ')}). Update this terminal.`);
  }
}

export const DATABASE_FILE = 'counter-pos.sqlite';

/**
 * Opens (creating if needed) the ledger database in `dataDir` and runs pending migrations.
 * WAL for concurrent readers, foreign keys on, synchronous=FULL so a committed entry
 * survives power loss (see README, "Ledger guarantees").
 */
export async function openDatabase(dataDir: string): Promise<Database> {
  const file = path.join(dataDir, DATABASE_FILE);
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database: file,
    entities,
    migrations,
    migrationsTransactionMode: 'all',
    synchronize: false,
    logging: false,
    prepareDatabase: (db: Sqlite) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      // A row an INSERT OR REPLACE deletes must fire its delete trigger too: the start-up digest's
      // triggers (ledger/integrity/digest.ts) count every row that leaves a table.
      db.pragma('recursive_triggers = ON');
      // A checkpoint inside a command's commit (SQLite's default every 1000 pages) copies pages
      // and fsyncs the database file: the p99 of authorize/capture. Checkpoint when idle instead.
      db.pragma('wal_autocheckpoint = 0');
      // After a checkpoint the WAL is rewritten from its start; cap what stays on disk.
      db.pragma(`journal_size_limit = ${WAL_CAP_BYTES}`);
    },
  });
  await dataSource.initialize();
  let migrated: number;
  try {
    await refuseUnknownMigrations(dataSource);
    migrated = (await dataSource.runMigrations({ transaction: 'all' })).length;
  } catch (e) {
    await dataSource.destroy();
    throw e;
  }
  const sqlite = (dataSource.driver as unknown as { databaseConnection: Sqlite }).databaseConnection;
  const wal = `${file}-wal`;
  let checkpointedAt = -1;
  let changesAt = -1;
  // The WAL's mtime has the kernel's coarse clock (a few ms): two commits in one tick look alike,
  // so this connection's own change counter also says whether anything was written since.
  const totalChanges = sqlite.prepare('SELECT total_changes()').pluck();
  const checkpointWhenIdle = (idleMs = IDLE_MS): boolean => {
    if (!sqlite.open || sqlite.inTransaction) return false;
    let st: fs.Stats;
    try {
      st = fs.statSync(wal);
    } catch {
      return false;
    }
    // The WAL's mtime is the last commit by any connection; an empty or checkpointed WAL is left alone.
    const changes = totalChanges.get() as number;
    if (st.size === 0 || (st.mtimeMs === checkpointedAt && changes === changesAt)) return false;
    // mtimeMs has a fraction and Date.now() has none: a write in this very millisecond is not "in the future".
    if (Date.now() - Math.floor(st.mtimeMs) < idleMs && st.size < WAL_CAP_BYTES) return false;
    const [r] = sqlite.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    if (r && r.busy === 0 && r.checkpointed === r.log) {
      checkpointedAt = st.mtimeMs;
      changesAt = changes;
    }
    return r !== undefined && r.checkpointed > 0;
  };
  const timer = setInterval(() => {
    try {
      checkpointWhenIdle();
    } catch {
      // Busy or closing: the next tick tries again.
    }
  }, CHECK_MS);
  timer.unref();
  return {
    dataSource,
    sqlite,
    file,
    migrated,
    checkpointWhenIdle,
    walBytes: () => {
      try {
        return fs.statSync(wal).size;
      } catch {
        return 0;
      }
    },
    close: () => {
      clearInterval(timer);
      return dataSource.destroy();
    },
  };
}

/**
 * The migrations a database has applied must be a prefix of the app's list, in order (as Actual
 * Budget checks): a name the app does not know means a newer app wrote the file; a known name out
 * of place means the list was reordered or one was inserted late, which would run it first on new
 * databases and last on old ones. Both are refused before anything runs.
 */
async function refuseUnknownMigrations(dataSource: DataSource): Promise<void> {
  const table = (await dataSource.query(
    `SELECT name FROM sqlite_master WHERE type='table' AND name='migrations'`,
  )) as unknown[];
  if (table.length === 0) return;
  const applied = ((await dataSource.query(`SELECT name FROM migrations ORDER BY id`)) as { name: string }[]).map((r) => r.name);
  const known = migrations.map((m) => new m().name);
  const unknown = applied.filter((n) => !known.includes(n));
  if (unknown.length > 0) throw new DatabaseNewerThanAppError(unknown);
  const position = applied.findIndex((name, i) => known[i] !== name);
  if (position >= 0) throw new MigrationOrderError(position, applied[position]!, known[position]!);
}

export class MigrationOrderError extends Error {
  constructor(
    readonly position: number,
    readonly applied: string,
    readonly expected: string,
  ) {
    super(`Migration ${position + 1} of this database is ${applied}, but this Counter POS expects ${expected} there. The migration list was reordered; refusing to open.`);
  }
}
