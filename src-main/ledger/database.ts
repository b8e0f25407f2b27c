import 'reflect-metadata';
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
  close(): Promise<void>;
}

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
    },
  });
  await dataSource.initialize();
  try {
    await refuseUnknownMigrations(dataSource);
    await dataSource.runMigrations({ transaction: 'all' });
  } catch (e) {
    await dataSource.destroy();
    throw e;
  }
  const sqlite = (dataSource.driver as unknown as { databaseConnection: Sqlite }).databaseConnection;
  return { dataSource, sqlite, file, close: () => dataSource.destroy() };
}

async function refuseUnknownMigrations(dataSource: DataSource): Promise<void> {
  const table = (await dataSource.query(
    `SELECT name FROM sqlite_master WHERE type='table' AND name='migrations'`,
  )) as unknown[];
  if (table.length === 0) return;
  const applied = (await dataSource.query(`SELECT name FROM migrations ORDER BY id`)) as { name: string }[];
  const known = new Set(migrations.map((m) => new m().name));
  const unknown = applied.map((r) => r.name).filter((n) => !known.has(n));
  if (unknown.length > 0) throw new DatabaseNewerThanAppError(unknown);
}
