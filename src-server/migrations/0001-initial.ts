import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The central server's first schema: its signing key, back-office admins and sessions, stores,
 * one-time pairing codes, enrolled terminals (with the head of the journal held for each) and
 * the terminals' journal entries, one row per (terminal, seq). Times are ISO-8601 UTC text and
 * hashes lower-case hex, so the same SQL runs on PostgreSQL and SQLite; only the integer type
 * differs (a journal can pass 2^31 entries).
 */
export class Initial1763800000001 implements MigrationInterface {
  name = 'Initial1763800000001';

  async up(q: QueryRunner): Promise<void> {
    const big = q.connection.options.type === 'postgres' ? 'BIGINT' : 'INTEGER';
    await q.query(`CREATE TABLE server_key (
      id TEXT PRIMARY KEY NOT NULL,
      private_key TEXT NOT NULL,
      public_key TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`);
    await q.query(`CREATE TABLE admin_user (
      id TEXT PRIMARY KEY NOT NULL,
      username TEXT NOT NULL UNIQUE,
      password_hash TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`);
    await q.query(`CREATE TABLE admin_session (
      id_hash TEXT PRIMARY KEY NOT NULL,
      admin_id TEXT NOT NULL REFERENCES admin_user(id),
      csrf_token TEXT NOT NULL,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL
    )`);
    await q.query(`CREATE TABLE store (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      time_zone TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`);
    await q.query(`CREATE TABLE pairing_code (
      code_hash TEXT PRIMARY KEY NOT NULL,
      store_id TEXT NOT NULL REFERENCES store(id),
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      used_at TEXT,
      used_by TEXT
    )`);
    await q.query(`CREATE TABLE terminal (
      id TEXT PRIMARY KEY NOT NULL,
      store_id TEXT NOT NULL REFERENCES store(id),
      name TEXT NOT NULL,
      credential_hash TEXT NOT NULL,
      enrolled_at TEXT NOT NULL,
      revoked_at TEXT,
      head_seq ${big} NOT NULL DEFAULT 0,
      head_hash TEXT NOT NULL,
      last_seen_at TEXT,
      last_error TEXT
    )`);
    await q.query(`CREATE UNIQUE INDEX terminal_credential ON terminal (credential_hash)`);
    await q.query(`CREATE TABLE journal_entry (
      terminal_id TEXT NOT NULL REFERENCES terminal(id),
      seq ${big} NOT NULL,
      id TEXT NOT NULL,
      store_id TEXT NOT NULL,
      committed_at TEXT NOT NULL,
      command_id TEXT,
      body TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL,
      received_at TEXT NOT NULL,
      PRIMARY KEY (terminal_id, seq)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['journal_entry', 'terminal', 'pairing_code', 'store', 'admin_session', 'admin_user', 'server_key']) await q.query(`DROP TABLE ${t}`);
  }
}
