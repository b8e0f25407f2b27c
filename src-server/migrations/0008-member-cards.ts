import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Member cards (issue 16): merchants approved on the platform with their own QR token, the card
 * products they sell, the cards members hold, and what moves on them. The VALUE of a card lives in
 * the value ledger (0005): accounts `card:<id>:paid`, `card:<id>:bonus` (CNY) and `card:<id>:uses`
 * (USES); these tables say what the accounts belong to and why each movement happened.
 *
 * - `merchant`: one per applicant; a terminal acts for the approved merchants of its store. The QR
 *   token is given once at approval and never changes (a poster stays valid); suspension refuses it.
 * - `merchant_audit`: who decided what, when, with which reason (approve, reject, suspend, reinstate).
 * - `card_product.terms` is JSON; `member_card.terms` is a COPY taken at sale, so editing a product
 *   never alters cards already sold. `member_card.version` is bumped by every redemption: taking
 *   that row first serialises redemptions of one card (PostgreSQL row lock), so the paid/bonus split
 *   is computed on balances no concurrent redemption is changing.
 * - `card_payment`: a redemption at a counter or a payment from the phone; its holds in the ledger;
 *   `(merchant_id, command_id)` unique so a terminal names it by its own command id.
 * - `card_movement`: the card's history as the member and the cashier read it.
 * - `member_uid`: RFID card UIDs linked to members; `sms_otp` and `member_session`: phone sign-in.
 */
export class MemberCards1763800000008 implements MigrationInterface {
  name = 'MemberCards1763800000008';

  async up(q: QueryRunner): Promise<void> {
    const big = q.connection.options.type === 'postgres' ? 'BIGINT' : 'INTEGER';
    await q.query(`CREATE TABLE merchant (
      id TEXT PRIMARY KEY,
      store_id TEXT NOT NULL REFERENCES store(id),
      name TEXT NOT NULL,
      contact TEXT NOT NULL DEFAULT '',
      phone TEXT NOT NULL DEFAULT '',
      address TEXT NOT NULL DEFAULT '',
      state TEXT NOT NULL CHECK (state IN ('applied', 'approved', 'rejected', 'suspended')),
      qr_token TEXT UNIQUE,
      reversal_minutes INTEGER NOT NULL DEFAULT 10,
      reason TEXT NOT NULL DEFAULT '',
      applied_at TEXT NOT NULL,
      decided_at TEXT,
      decided_by TEXT
    )`);
    await q.query(`CREATE INDEX merchant_store ON merchant (store_id)`);
    await q.query(`CREATE TABLE merchant_audit (
      id TEXT PRIMARY KEY,
      merchant_id TEXT NOT NULL REFERENCES merchant(id),
      action TEXT NOT NULL,
      admin_id TEXT NOT NULL,
      username TEXT NOT NULL,
      reason TEXT NOT NULL DEFAULT '',
      at TEXT NOT NULL
    )`);
    await q.query(`CREATE INDEX merchant_audit_merchant ON merchant_audit (merchant_id, at)`);
    await q.query(`CREATE TABLE card_product (
      id TEXT PRIMARY KEY,
      merchant_id TEXT NOT NULL REFERENCES merchant(id),
      name TEXT NOT NULL,
      kind TEXT NOT NULL,
      terms TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`);
    await q.query(`CREATE TABLE member_card (
      id TEXT PRIMARY KEY,
      merchant_id TEXT NOT NULL REFERENCES merchant(id),
      member_id TEXT NOT NULL REFERENCES member(id),
      product_id TEXT NOT NULL REFERENCES card_product(id),
      product_name TEXT NOT NULL,
      kind TEXT NOT NULL,
      terms TEXT NOT NULL,
      expires_at TEXT,
      used INTEGER NOT NULL DEFAULT 0,
      version ${big} NOT NULL DEFAULT 0,
      open_command_id TEXT NOT NULL UNIQUE,
      opened_at TEXT NOT NULL
    )`);
    await q.query(`CREATE INDEX member_card_member ON member_card (member_id, merchant_id)`);
    await q.query(`CREATE TABLE card_payment (
      id TEXT PRIMARY KEY,
      merchant_id TEXT NOT NULL REFERENCES merchant(id),
      card_id TEXT NOT NULL REFERENCES member_card(id),
      command_id TEXT NOT NULL,
      source TEXT NOT NULL,
      terminal_id TEXT,
      unit TEXT NOT NULL,
      amount ${big} NOT NULL CHECK (amount > 0),
      paid_part ${big} NOT NULL,
      bonus_part ${big} NOT NULL,
      covers ${big} NOT NULL,
      paid_hold_id TEXT REFERENCES value_hold(id),
      bonus_hold_id TEXT REFERENCES value_hold(id),
      state TEXT NOT NULL,
      memo TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      captured_at TEXT,
      reversed_at TEXT,
      UNIQUE (merchant_id, command_id)
    )`);
    await q.query(`CREATE TABLE card_movement (
      id TEXT PRIMARY KEY,
      card_id TEXT NOT NULL REFERENCES member_card(id),
      kind TEXT NOT NULL,
      command_id TEXT NOT NULL,
      unit TEXT NOT NULL,
      amount ${big} NOT NULL,
      paid ${big} NOT NULL,
      bonus ${big} NOT NULL,
      tender TEXT,
      memo TEXT NOT NULL DEFAULT '',
      at TEXT NOT NULL
    )`);
    await q.query(`CREATE INDEX card_movement_card ON card_movement (card_id, at)`);
    await q.query(`CREATE TABLE member_uid (
      uid TEXT PRIMARY KEY,
      member_id TEXT NOT NULL REFERENCES member(id),
      linked_at TEXT NOT NULL
    )`);
    await q.query(`CREATE TABLE sms_otp (
      phone TEXT PRIMARY KEY,
      code_hash TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL
    )`);
    await q.query(`CREATE TABLE member_session (
      id_hash TEXT PRIMARY KEY,
      member_id TEXT NOT NULL REFERENCES member(id),
      expires_at TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['member_session', 'sms_otp', 'member_uid', 'card_movement', 'card_payment', 'member_card', 'card_product', 'merchant_audit', 'merchant']) await q.query(`DROP TABLE ${t}`);
  }
}
