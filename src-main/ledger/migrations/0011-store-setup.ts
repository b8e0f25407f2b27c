import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Store setup from the screen (issue 13):
 * - the catalog: outlets, their items and item prices effective from an instant. Every record
 *   has a stable id and an origin ('local', or 'central' when the sync server sends it, then
 *   read-only at the counter). The lockers' own outlets and items move here, priced from the
 *   start of time, so the charge screen and every later workflow read one catalog;
 * - lockers added in a range that wait for their wristband to be tapped (a locker row needs a UID);
 * - fuel stations get an address and an origin;
 * - the store's set-up: the workflows it uses.
 */
export class StoreSetup1763700000011 implements MigrationInterface {
  name = 'StoreSetup1763700000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE catalog_outlet (
      id TEXT PRIMARY KEY NOT NULL,
      name_zh TEXT NOT NULL,
      name_en TEXT NOT NULL,
      kind TEXT NOT NULL DEFAULT 'other',
      sort INTEGER NOT NULL DEFAULT 0,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'central'))
    )`);
    await q.query(`INSERT INTO catalog_outlet (id, name_zh, name_en, kind, sort)
      SELECT code, name_zh, name_en, CASE WHEN code IN ('restaurant', 'massage', 'shop') THEN code ELSE 'other' END, sort FROM locker_outlet`);
    await q.query(`CREATE TABLE catalog_item (
      id TEXT PRIMARY KEY NOT NULL,
      outlet_id TEXT NOT NULL REFERENCES catalog_outlet(id),
      name_zh TEXT NOT NULL,
      name_en TEXT NOT NULL,
      category TEXT NOT NULL DEFAULT '',
      barcode TEXT UNIQUE,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'central'))
    )`);
    await q.query(`CREATE INDEX catalog_item_outlet ON catalog_item (outlet_id)`);
    await q.query(`CREATE TABLE catalog_price (
      item_id TEXT NOT NULL REFERENCES catalog_item(id),
      price INTEGER NOT NULL CHECK (price > 0),
      effective_from TEXT NOT NULL,
      PRIMARY KEY (item_id, effective_from)
    )`);
    await q.query(`INSERT INTO catalog_item (id, outlet_id, name_zh, name_en, active) SELECT id, outlet, name_zh, name_en, active FROM locker_item`);
    await q.query(`INSERT INTO catalog_price (item_id, price, effective_from) SELECT id, price, '1970-01-01T00:00:00.000Z' FROM locker_item`);
    await q.query(`CREATE TABLE locker_pending (
      number INTEGER PRIMARY KEY NOT NULL CHECK (number BETWEEN 1 AND 999999),
      state TEXT NOT NULL DEFAULT 'free' CHECK (state IN ('free', 'out_of_service'))
    )`);
    await q.query(`ALTER TABLE fuel_station ADD COLUMN address TEXT NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE fuel_station ADD COLUMN origin TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'central'))`);
    await q.query(`CREATE TABLE setup_state (
      id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
      workflows TEXT
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['setup_state', 'locker_pending', 'catalog_price', 'catalog_item', 'catalog_outlet']) await q.query(`DROP TABLE ${t}`);
    await q.query(`ALTER TABLE fuel_station DROP COLUMN origin`);
    await q.query(`ALTER TABLE fuel_station DROP COLUMN address`);
  }
}
