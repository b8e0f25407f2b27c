import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Staff, their sign-in audit trail and the store's key/value facts (first-run state). */
export class Foundation1763700000001 implements MigrationInterface {
  name = 'Foundation1763700000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE staff (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('cashier','manager')),
      pin_hash TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL
    )`);
    await q.query(`CREATE UNIQUE INDEX staff_name ON staff (name)`);
    await q.query(`CREATE TABLE audit (
      id TEXT PRIMARY KEY NOT NULL,
      at TEXT NOT NULL,
      staff_id TEXT REFERENCES staff(id),
      action TEXT NOT NULL,
      outcome TEXT NOT NULL,
      detail TEXT NOT NULL DEFAULT '{}'
    )`);
    await q.query(`CREATE INDEX audit_at ON audit (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit`);
    await q.query(`DROP TABLE staff`);
  }
}
