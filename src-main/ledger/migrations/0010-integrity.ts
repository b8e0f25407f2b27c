import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ledger integrity (issue 11, item 4):
 * - `staff_unjournaled`: the staff rows that exist before staff changes are journaled; the app
 *   writes each into the journal once at start (`staff.member.recorded`), whose projector removes
 *   it from this list. A new database starts with an empty list.
 * - `ledger_digest`: per derived table, a row count and a checksum of its rows kept up to date by
 *   triggers (installed by the app, see ledger/integrity/digest.ts), and the same pair as it was
 *   when the last journal entry was written ("sealed"). The start-up check compares the three:
 *   the table now, the running digest, the sealed digest.
 * - `ledger_digest_meta`: which schema the triggers were made for.
 */
export class Integrity1763700000010 implements MigrationInterface {
  name = 'Integrity1763700000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE staff_unjournaled (id TEXT PRIMARY KEY NOT NULL)`);
    await q.query(`INSERT INTO staff_unjournaled (id) SELECT id FROM staff`);
    await q.query(`CREATE TABLE ledger_digest (
      tbl TEXT PRIMARY KEY NOT NULL,
      rows INTEGER NOT NULL,
      sum INTEGER NOT NULL,
      sealed_rows INTEGER NOT NULL,
      sealed_sum INTEGER NOT NULL
    )`);
    await q.query(`CREATE TABLE ledger_digest_meta (
      id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
      schema_hash TEXT NOT NULL,
      installed_at TEXT NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger_digest_meta`);
    await q.query(`DROP TABLE ledger_digest`);
    await q.query(`DROP TABLE staff_unjournaled`);
  }
}
