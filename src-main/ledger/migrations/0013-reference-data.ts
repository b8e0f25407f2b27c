import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data pulled from the central server (services/sync/reference). Both tables are
 * written only by the `reference` projector, from `reference.batch.applied` events, so a batch,
 * its cursor and the workflow rows it changes commit in one transaction and a journal replay
 * rebuilds them.
 * - `reference_cursor`: per stream, the highest server version applied.
 * - `reference_record`: the body of every record that is centrally managed right now (origin
 *   'central'); a record listed here is read-only at the counter.
 */
export class ReferenceData1763700000013 implements MigrationInterface {
  name = 'ReferenceData1763700000013';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE reference_cursor (
      stream TEXT PRIMARY KEY NOT NULL,
      cursor INTEGER NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    await q.query(`CREATE TABLE reference_record (
      stream TEXT NOT NULL,
      record_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      body TEXT NOT NULL,
      PRIMARY KEY (stream, record_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reference_record`);
    await q.query(`DROP TABLE reference_cursor`);
  }
}
