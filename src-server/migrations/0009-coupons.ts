import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Coupons on the central server (issue 17). The definitions are also published to terminals as the
 * `coupons.rules` reference stream; these tables are what the server enforces limits against.
 *
 * - `coupon`: one row per coupon with its published body, the limits as columns (the claim path
 *   reads them in SQL) and `issued`, the claims handed out so far. A claim raises `issued` with ONE
 *   conditional UPDATE (`issued < total_limit`): on PostgreSQL a second transaction waits for the
 *   row lock and re-checks the condition against the committed count, on SQLite transactions take
 *   turns, so the total limit holds under any concurrency.
 * - `coupon_member_count`: claims per (coupon, member), raised the same way against the per-member
 *   limit; `coupon_claim` repeats the count as `member_seq` under a UNIQUE key, so even a bug in that
 *   path could not hand one member more claims than numbers 1..limit.
 * - `coupon_claim`: one claimed coupon of a member; `command_id` is the claiming terminal's command id
 *   (UNIQUE: a replay finds the first claim). `sale_command_id` is the sale holding (reserved) or
 *   having used (redeemed) it; only a conditional UPDATE from `claimed` takes it, so one sale wins.
 * - `coupon_redemption`: each sale's use of a claim (reserved → redeemed | released; `exception` for
 *   an offline second use), keyed by (claim, sale command id) so every step is idempotent.
 */
export class Coupons1763800000009 implements MigrationInterface {
  name = 'Coupons1763800000009';

  async up(q: QueryRunner): Promise<void> {
    const big = q.connection.options.type === 'postgres' ? 'BIGINT' : 'INTEGER';
    await q.query(`CREATE TABLE coupon (
      id TEXT PRIMARY KEY,
      body TEXT NOT NULL,
      valid_from TEXT,
      valid_to TEXT,
      per_member_limit INTEGER NOT NULL CHECK (per_member_limit >= 1),
      total_limit ${big} CHECK (total_limit IS NULL OR total_limit >= 1),
      issued ${big} NOT NULL DEFAULT 0 CHECK (issued >= 0),
      withdrawn_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    )`);
    await q.query(`CREATE TABLE coupon_member_count (
      coupon_id TEXT NOT NULL REFERENCES coupon(id),
      member_id TEXT NOT NULL REFERENCES member(id),
      claimed INTEGER NOT NULL DEFAULT 0 CHECK (claimed >= 0),
      PRIMARY KEY (coupon_id, member_id)
    )`);
    await q.query(`CREATE TABLE coupon_claim (
      id TEXT PRIMARY KEY,
      command_id TEXT NOT NULL UNIQUE,
      coupon_id TEXT NOT NULL REFERENCES coupon(id),
      member_id TEXT NOT NULL REFERENCES member(id),
      member_seq INTEGER NOT NULL CHECK (member_seq >= 1),
      store_id TEXT NOT NULL,
      terminal_id TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('claimed', 'reserved', 'redeemed')),
      sale_command_id TEXT,
      reserved_until TEXT,
      claimed_at TEXT NOT NULL,
      redeemed_at TEXT,
      redeemed_by TEXT,
      UNIQUE (coupon_id, member_id, member_seq),
      CHECK ((state = 'claimed') = (sale_command_id IS NULL))
    )`);
    await q.query(`CREATE INDEX coupon_claim_member ON coupon_claim (member_id, claimed_at)`);
    await q.query(`CREATE TABLE coupon_redemption (
      claim_id TEXT NOT NULL REFERENCES coupon_claim(id),
      sale_command_id TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('reserved', 'redeemed', 'released', 'exception')),
      store_id TEXT NOT NULL,
      terminal_id TEXT NOT NULL,
      reserved_until TEXT,
      redeemed_at TEXT,
      first_sale_command_id TEXT,
      first_terminal_id TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (claim_id, sale_command_id)
    )`);
    await q.query(`CREATE INDEX coupon_redemption_exceptions ON coupon_redemption (store_id, state, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE coupon_redemption`);
    await q.query(`DROP TABLE coupon_claim`);
    await q.query(`DROP TABLE coupon_member_count`);
    await q.query(`DROP TABLE coupon`);
  }
}
