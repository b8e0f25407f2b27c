import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One payments module (issue 9): accounts can be closed (a legacy tender account merged into the
 * store's one account per method takes no more legs); fuel orders use the store's tender
 * vocabulary (`card` becomes `bank_card`); the lockers' own idempotency table goes, every
 * command now keeps its first result in `ledger_command`. Balances move by a journaled transfer
 * at start (services/payments/legacy-tenders.ts), never by SQL: posted entries are never edited.
 */
export class Payments1763700000006 implements MigrationInterface {
  name = 'Payments1763700000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_account ADD COLUMN closed_at TEXT`);
    await q.query(`UPDATE fuel_order SET tender = 'bank_card' WHERE tender = 'card'`);
    await q.query(`DROP TABLE locker_command`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE locker_command (command_id TEXT PRIMARY KEY NOT NULL, method TEXT NOT NULL, fingerprint TEXT NOT NULL, result TEXT NOT NULL, at TEXT NOT NULL)`);
    await q.query(`UPDATE fuel_order SET tender = 'card' WHERE tender = 'bank_card'`);
    await q.query(`ALTER TABLE ledger_account DROP COLUMN closed_at`);
  }
}
