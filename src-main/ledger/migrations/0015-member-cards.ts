import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Member cards at the counter (issue 16). The cards' balances live on the central server; this is
 * the counter's mirror of what moved here, written only by the `memberCard` projector (live and
 * on journal replay), one row per movement, keyed by the command id the server knows it by:
 * cards opened, recharges, redemptions at the counter, payments members made from their phone
 * (pushed), and their reversal.
 */
export class MemberCards1763700000015 implements MigrationInterface {
  name = 'MemberCards1763700000015';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE member_card_movement (
      command_id TEXT PRIMARY KEY NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('open', 'recharge', 'redemption', 'payment')),
      source TEXT NOT NULL CHECK (source IN ('counter', 'phone')),
      day TEXT NOT NULL,
      created_at TEXT NOT NULL,
      staff_id TEXT,
      staff_name TEXT,
      merchant_id TEXT NOT NULL,
      card_id TEXT NOT NULL,
      product_name TEXT NOT NULL,
      member_id TEXT NOT NULL,
      member_name TEXT NOT NULL,
      unit TEXT NOT NULL CHECK (unit IN ('CNY', 'USES')),
      amount INTEGER NOT NULL,
      paid_part INTEGER NOT NULL,
      bonus_part INTEGER NOT NULL,
      money INTEGER NOT NULL,
      tender TEXT,
      paid_after INTEGER,
      bonus_after INTEGER,
      uses_after INTEGER,
      transfer_id TEXT,
      capture_state TEXT NOT NULL CHECK (capture_state IN ('none', 'pending', 'captured', 'failed')),
      capture_problem TEXT,
      reversible_until TEXT,
      state TEXT NOT NULL CHECK (state IN ('made', 'reversed')),
      reversal_command_id TEXT,
      reversal_transfer_id TEXT,
      updated_at TEXT NOT NULL
    )`);
    await q.query(`CREATE INDEX member_card_movement_day ON member_card_movement (day, created_at)`);
    await q.query(`CREATE INDEX member_card_movement_card ON member_card_movement (card_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE member_card_movement`);
  }
}
