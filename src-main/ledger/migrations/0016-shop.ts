import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The shop sale (issue 17): a plain retail cart paid with the store's tenders, optionally with a
 * member's claimed coupon. Written only by the `shop` projector (live and on journal replay).
 * - shop_sale: one row per sale; its lines and applied coupons as JSON (they are read together,
 *   never queried apart); `coupon_state` follows the server's two-phase redemption of the claim
 *   ('none' when no coupon, 'pending' until the server confirmed it, 'confirmed', 'failed').
 */
export class Shop1763700000016 implements MigrationInterface {
  name = 'Shop1763700000016';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE shop_sale (
      id TEXT PRIMARY KEY NOT NULL,
      command_id TEXT NOT NULL UNIQUE,
      day TEXT NOT NULL,
      created_at TEXT NOT NULL,
      staff_id TEXT NOT NULL,
      staff_name TEXT NOT NULL,
      member_id TEXT,
      member_number TEXT,
      member_name TEXT,
      lines TEXT NOT NULL,
      subtotal INTEGER NOT NULL,
      discount INTEGER NOT NULL,
      total INTEGER NOT NULL,
      coupons TEXT NOT NULL,
      tenders TEXT NOT NULL,
      change INTEGER NOT NULL,
      payment_transfer_id TEXT NOT NULL,
      coupon_state TEXT NOT NULL CHECK (coupon_state IN ('none', 'pending', 'confirmed', 'failed')),
      coupon_problem TEXT,
      updated_at TEXT NOT NULL
    )`);
    await q.query(`CREATE INDEX shop_sale_day ON shop_sale (day, created_at)`);
    await q.query(`CREATE INDEX shop_sale_coupon ON shop_sale (coupon_state)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE shop_sale`);
  }
}
