import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Members (a person holding customer value: an airline's frequent flyer, a venue's card holder) and
 * the redemptions counters make against their accounts in the value ledger (migration 0005).
 *
 * `member` is the one registry the miles, member-cards and coupons workflows share: a member's
 * accounts are `value_account` rows owned by (`member`, id), one per unit and kind.
 *
 * `value_redemption` ties a value-ledger hold to the terminal and store that made it and to the
 * terminal's command id, so a terminal names its holds by its own ids (capture, void and refund
 * after a crash), a terminal acts only for its own store, and a captured redemption can be
 * refunded once.
 */
export class MembersRedemptions1763800000007 implements MigrationInterface {
  name = 'MembersRedemptions1763800000007';

  async up(q: QueryRunner): Promise<void> {
    const big = q.connection.options.type === 'postgres' ? 'BIGINT' : 'INTEGER';
    await q.query(`CREATE TABLE member (
      id TEXT PRIMARY KEY,
      number TEXT NOT NULL UNIQUE,
      phone TEXT UNIQUE,
      name TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`);
    await q.query(`CREATE TABLE value_redemption (
      id TEXT PRIMARY KEY,
      store_id TEXT NOT NULL,
      terminal_id TEXT NOT NULL,
      command_id TEXT NOT NULL,
      member_id TEXT NOT NULL REFERENCES member(id),
      account_id TEXT NOT NULL REFERENCES value_account(id),
      to_account TEXT NOT NULL REFERENCES value_account(id),
      unit TEXT NOT NULL,
      amount ${big} NOT NULL CHECK (amount > 0),
      hold_id TEXT NOT NULL REFERENCES value_hold(id),
      memo TEXT NOT NULL DEFAULT '',
      refund_transfer_id TEXT,
      created_at TEXT NOT NULL,
      UNIQUE (store_id, command_id)
    )`);
    await q.query(`CREATE INDEX value_redemption_terminal ON value_redemption (terminal_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE value_redemption`);
    await q.query(`DROP TABLE member`);
  }
}
