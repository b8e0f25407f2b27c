import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Locker wristbands: lockers and their wristband UIDs, venue outlets and their catalogs,
 * parties bound to a customer, the wristbands of a party (each a ledger `medium` account
 * under the party's `customer_group` account), charges (each a ledger hold), settlements,
 * the workflow's settings, and the results of its commands (idempotency by command id).
 * Money stays in the ledger; these tables say what the money is for.
 */
export class Lockers1763700000005 implements MigrationInterface {
  name = 'Lockers1763700000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE locker (
      number INTEGER PRIMARY KEY NOT NULL CHECK (number BETWEEN 1 AND 999999),
      uid TEXT NOT NULL UNIQUE,
      state TEXT NOT NULL DEFAULT 'free' CHECK (state IN ('free','occupied','out_of_service')),
      party_id TEXT
    )`);
    await q.query(`CREATE TABLE locker_blocked_uid (
      uid TEXT PRIMARY KEY NOT NULL,
      locker_number INTEGER NOT NULL,
      blocked_at TEXT NOT NULL,
      blocked_by TEXT NOT NULL
    )`);
    await q.query(`CREATE TABLE locker_outlet (
      code TEXT PRIMARY KEY NOT NULL,
      name_zh TEXT NOT NULL,
      name_en TEXT NOT NULL,
      sort INTEGER NOT NULL DEFAULT 0
    )`);
    await q.query(`INSERT INTO locker_outlet (code, name_zh, name_en, sort) VALUES
      ('restaurant', '餐厅', 'Restaurant', 1), ('massage', '按摩', 'Massage', 2), ('shop', '商店', 'Shop', 3)`);
    await q.query(`CREATE TABLE locker_item (
      id TEXT PRIMARY KEY NOT NULL,
      outlet TEXT NOT NULL REFERENCES locker_outlet(code),
      name_zh TEXT NOT NULL,
      name_en TEXT NOT NULL,
      price INTEGER NOT NULL CHECK (price > 0),
      active INTEGER NOT NULL DEFAULT 1
    )`);
    await q.query(`CREATE TABLE locker_party (
      id TEXT PRIMARY KEY NOT NULL,
      phone TEXT,
      member_code TEXT,
      group_account_id TEXT NOT NULL,
      party_quota INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('open','settled')),
      opened_at TEXT NOT NULL,
      opened_by TEXT NOT NULL,
      closed_at TEXT
    )`);
    await q.query(`CREATE TABLE locker_wristband (
      id TEXT PRIMARY KEY NOT NULL,
      party_id TEXT NOT NULL REFERENCES locker_party(id),
      locker_number INTEGER NOT NULL REFERENCES locker(number),
      uid TEXT NOT NULL,
      account_id TEXT NOT NULL,
      quota INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('active','lost','settled')),
      replaced_by TEXT,
      bound_at TEXT NOT NULL
    )`);
    await q.query(`CREATE INDEX locker_wristband_party ON locker_wristband (party_id)`);
    await q.query(`CREATE TABLE locker_settlement (
      id TEXT PRIMARY KEY NOT NULL,
      party_id TEXT NOT NULL REFERENCES locker_party(id),
      entry_id TEXT,
      total INTEGER NOT NULL,
      change INTEGER NOT NULL,
      tenders TEXT NOT NULL,
      lockers TEXT NOT NULL,
      at TEXT NOT NULL,
      staff_id TEXT NOT NULL,
      approved_by TEXT
    )`);
    await q.query(`CREATE TABLE locker_charge (
      id TEXT PRIMARY KEY NOT NULL,
      party_id TEXT NOT NULL REFERENCES locker_party(id),
      wristband_id TEXT NOT NULL REFERENCES locker_wristband(id),
      hold_id TEXT NOT NULL,
      outlet TEXT NOT NULL REFERENCES locker_outlet(code),
      description TEXT NOT NULL,
      amount INTEGER NOT NULL CHECK (amount > 0),
      status TEXT NOT NULL CHECK (status IN ('open','voided','settled')),
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      voided_by TEXT,
      settlement_id TEXT REFERENCES locker_settlement(id)
    )`);
    await q.query(`CREATE INDEX locker_charge_wristband ON locker_charge (wristband_id)`);
    await q.query(`CREATE TABLE locker_settings (
      id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
      json TEXT NOT NULL
    )`);
    await q.query(`CREATE TABLE locker_command (
      command_id TEXT PRIMARY KEY NOT NULL,
      method TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      result TEXT NOT NULL,
      at TEXT NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['locker_command', 'locker_settings', 'locker_charge', 'locker_settlement', 'locker_wristband', 'locker_party', 'locker_item', 'locker_outlet', 'locker_blocked_uid', 'locker']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
