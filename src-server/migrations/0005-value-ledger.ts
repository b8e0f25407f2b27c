import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The server's ledger of customer value (DESIGN.md, Customer value): stored value, bonus value,
 * punch-card uses, miles and coupon liabilities are accounts here, moved only by balanced transfers,
 * two-phase (hold, then capture or void) when a counter redeems. Each command is idempotent by the
 * client's command id (`value_command`), refusals included.
 */
export class ValueLedger1763800000005 implements MigrationInterface {
  name = 'ValueLedger1763800000005';

  async up(q: QueryRunner): Promise<void> {
    const big = q.connection.options.type === 'postgres' ? 'BIGINT' : 'INTEGER';
    await q.query(`CREATE TABLE value_account (
      id TEXT PRIMARY KEY,
      owner_kind TEXT NOT NULL,
      owner_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      unit TEXT NOT NULL,
      balance ${big} NOT NULL DEFAULT 0,
      held ${big} NOT NULL DEFAULT 0,
      -- Lowest balance − held allowed; NULL for the outside world's accounts (money in and out).
      floor ${big},
      created_at TEXT NOT NULL,
      CHECK (held >= 0),
      CHECK (floor IS NULL OR balance - held >= floor)
    )`);
    await q.query(`CREATE INDEX value_account_owner ON value_account (owner_kind, owner_id)`);
    await q.query(`CREATE TABLE value_hold (
      id TEXT PRIMARY KEY,
      command_id TEXT NOT NULL,
      from_account TEXT NOT NULL REFERENCES value_account(id),
      to_account TEXT NOT NULL REFERENCES value_account(id),
      amount ${big} NOT NULL CHECK (amount > 0),
      state TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      created_at TEXT NOT NULL,
      settled_at TEXT
    )`);
    await q.query(`CREATE INDEX value_hold_open ON value_hold (state, expires_at)`);
    await q.query(`CREATE TABLE value_transfer (
      id TEXT PRIMARY KEY,
      command_id TEXT NOT NULL,
      from_account TEXT NOT NULL REFERENCES value_account(id),
      to_account TEXT NOT NULL REFERENCES value_account(id),
      amount ${big} NOT NULL CHECK (amount > 0),
      unit TEXT NOT NULL,
      hold_id TEXT,
      memo TEXT NOT NULL DEFAULT '',
      at TEXT NOT NULL
    )`);
    await q.query(`CREATE INDEX value_transfer_from ON value_transfer (from_account, at)`);
    await q.query(`CREATE INDEX value_transfer_to ON value_transfer (to_account, at)`);
    await q.query(`CREATE TABLE value_command (
      command_id TEXT PRIMARY KEY,
      method TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      result TEXT NOT NULL,
      at TEXT NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['value_command', 'value_transfer', 'value_hold', 'value_account']) await q.query(`DROP TABLE ${t}`);
  }
}
