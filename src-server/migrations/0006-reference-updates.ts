import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data streams, the auto-update feed and persisted rate limits.
 * - `reference_counter`: ONE row whose `last` every reference change increments inside its own
 *   transaction. The row lock (PostgreSQL) or the write lock (SQLite) makes the changes commit in
 *   version order, so a terminal that read up to version N never later finds an N-1 appear.
 * - `reference_record`: the current state of each record of each stream (deleted ones stay, with
 *   `deleted = 1`, so terminals learn of the deletion); `scope` is a store id or '*' for all.
 * - `update_release` / `update_file`: electron-updater "generic" feed files uploaded in the back
 *   office (in the database, so every server process serves them) and each release's rollout.
 * - `rate_limit`: attempts per key and window, in the database so that the limit holds across
 *   any number of stateless server processes.
 */
export class ReferenceUpdates1763800000006 implements MigrationInterface {
  name = 'ReferenceUpdates1763800000006';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const big = pg ? 'BIGINT' : 'INTEGER';
    await q.query(`CREATE TABLE reference_counter (id INTEGER PRIMARY KEY NOT NULL, last ${big} NOT NULL)`);
    await q.query(`INSERT INTO reference_counter (id, last) VALUES (1, 0)`);
    await q.query(`CREATE TABLE reference_record (
      stream TEXT NOT NULL,
      record_id TEXT NOT NULL,
      scope TEXT NOT NULL,
      version ${big} NOT NULL UNIQUE,
      body TEXT,
      deleted INTEGER NOT NULL DEFAULT 0,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL,
      PRIMARY KEY (stream, record_id)
    )`);
    await q.query(`CREATE INDEX reference_record_pull ON reference_record (stream, version)`);
    await q.query(`CREATE TABLE update_release (
      version TEXT PRIMARY KEY NOT NULL,
      latest_yml TEXT NOT NULL,
      rollout_percent INTEGER NOT NULL DEFAULT 0,
      rollout_stores TEXT NOT NULL DEFAULT '[]',
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL
    )`);
    await q.query(`CREATE TABLE update_file (
      name TEXT PRIMARY KEY NOT NULL,
      release_version TEXT NOT NULL REFERENCES update_release(version),
      size ${big} NOT NULL,
      sha512 TEXT NOT NULL,
      content ${pg ? 'BYTEA' : 'BLOB'} NOT NULL,
      created_at TEXT NOT NULL
    )`);
    await q.query(`CREATE TABLE rate_limit (
      key TEXT PRIMARY KEY NOT NULL,
      window_start TEXT NOT NULL,
      count INTEGER NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['rate_limit', 'update_file', 'update_release', 'reference_record', 'reference_counter']) await q.query(`DROP TABLE ${t}`);
  }
}
