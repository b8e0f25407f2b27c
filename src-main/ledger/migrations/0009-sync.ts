import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sync with the central server: one row once the terminal is enrolled (server address, the
 * terminal's credential, the server's public key) and the latest head the server signed for
 * this terminal's journal. The signed head is what `journal verify` and the start-up check hold
 * the local journal against: entries at or below it cannot be rewritten or dropped unseen.
 */
export class Sync1763700000009 implements MigrationInterface {
  name = 'Sync1763700000009';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE sync_state (
      id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
      server_url TEXT NOT NULL,
      server_store_id TEXT NOT NULL,
      server_store_name TEXT NOT NULL,
      credential TEXT NOT NULL,
      server_key TEXT NOT NULL,
      enrolled_at TEXT NOT NULL,
      acked_seq INTEGER NOT NULL DEFAULT 0,
      acked_hash TEXT NOT NULL,
      ack_at TEXT NOT NULL,
      ack_signature TEXT NOT NULL,
      last_sync_at TEXT,
      last_error TEXT
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sync_state`);
  }
}
