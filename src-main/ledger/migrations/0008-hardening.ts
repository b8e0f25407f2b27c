import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hardening (issue 11): the sign-in guard per staff member (wrong PINs in a row, how many
 * lockouts so far, locked until when), kept in the database so a restart does not clear a
 * lockout; and a repeat count on audit rows, so a burst of identical records (a cashier
 * hammering a manager-only button) is one row counted N times instead of N rows.
 */
export class Hardening1763700000008 implements MigrationInterface {
  name = 'Hardening1763700000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE staff_sign_in_guard (
      staff_id TEXT PRIMARY KEY NOT NULL REFERENCES staff(id),
      failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
      lockouts INTEGER NOT NULL DEFAULT 0 CHECK (lockouts >= 0),
      locked_until INTEGER NOT NULL DEFAULT 0
    )`);
    await q.query(`ALTER TABLE audit ADD COLUMN repeats INTEGER NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE audit ADD COLUMN last_at TEXT`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit DROP COLUMN last_at`);
    await q.query(`ALTER TABLE audit DROP COLUMN repeats`);
    await q.query(`DROP TABLE staff_sign_in_guard`);
  }
}
