import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sales read model fed from the journals as they arrive (read-model/sales-projector.ts):
 * which accounts of each terminal are tenders, holds placed on them, and the net tender takings
 * per store, terminal, business day (store time zone) and unit. Also what each terminal last
 * reported as its local journal head, so the back office can show its backlog.
 */
export class SalesReadModel1763800000002 implements MigrationInterface {
  name = 'SalesReadModel1763800000002';

  async up(q: QueryRunner): Promise<void> {
    const big = q.connection.options.type === 'postgres' ? 'BIGINT' : 'INTEGER';
    await q.query(`ALTER TABLE terminal ADD COLUMN reported_seq ${big} NOT NULL DEFAULT 0`);
    await q.query(`CREATE TABLE read_tender_account (
      terminal_id TEXT NOT NULL,
      account_id TEXT NOT NULL,
      code TEXT NOT NULL,
      unit TEXT NOT NULL,
      PRIMARY KEY (terminal_id, account_id)
    )`);
    await q.query(`CREATE TABLE read_tender_hold (
      terminal_id TEXT NOT NULL,
      hold_id TEXT NOT NULL,
      account_id TEXT NOT NULL,
      side TEXT NOT NULL,
      PRIMARY KEY (terminal_id, hold_id)
    )`);
    await q.query(`CREATE TABLE sales_day (
      store_id TEXT NOT NULL,
      terminal_id TEXT NOT NULL,
      day TEXT NOT NULL,
      unit TEXT NOT NULL,
      amount ${big} NOT NULL,
      entries ${big} NOT NULL,
      PRIMARY KEY (store_id, terminal_id, day, unit)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['sales_day', 'read_tender_hold', 'read_tender_account']) await q.query(`DROP TABLE ${t}`);
    await q.query(`ALTER TABLE terminal DROP COLUMN reported_seq`);
  }
}
