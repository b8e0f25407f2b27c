import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fuel: reference data (stations, the terminal's location, grades, prices effective from
 * an instant, pumps and their nozzles; later fed by sync) and prepaid fuel orders.
 * Money is integer minor units, volumes integer centilitres, prices minor units per litre.
 */
export class Fuel1763700000004 implements MigrationInterface {
  name = 'Fuel1763700000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE fuel_station (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      latitude REAL NOT NULL,
      longitude REAL NOT NULL
    )`);
    await q.query(`CREATE TABLE fuel_location (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      latitude REAL NOT NULL,
      longitude REAL NOT NULL,
      radius_m INTEGER NOT NULL CHECK (radius_m > 0)
    )`);
    await q.query(`CREATE TABLE fuel_grade (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL
    )`);
    await q.query(`CREATE TABLE fuel_price (
      grade_id TEXT NOT NULL REFERENCES fuel_grade(id),
      price INTEGER NOT NULL CHECK (price > 0),
      effective_from TEXT NOT NULL,
      PRIMARY KEY (grade_id, effective_from)
    )`);
    await q.query(`CREATE TABLE fuel_pump (
      number INTEGER PRIMARY KEY NOT NULL,
      station_id TEXT NOT NULL,
      max_volume INTEGER NOT NULL CHECK (max_volume > 0)
    )`);
    await q.query(`CREATE TABLE fuel_nozzle (
      pump INTEGER NOT NULL REFERENCES fuel_pump(number) ON DELETE CASCADE,
      nozzle INTEGER NOT NULL,
      grade_id TEXT NOT NULL REFERENCES fuel_grade(id),
      PRIMARY KEY (pump, nozzle),
      UNIQUE (pump, grade_id)
    )`);
    await q.query(`CREATE TABLE fuel_order (
      id TEXT PRIMARY KEY NOT NULL,
      command_id TEXT NOT NULL UNIQUE,
      fingerprint TEXT NOT NULL,
      day TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      staff_id TEXT NOT NULL,
      staff_name TEXT NOT NULL,
      station_id TEXT NOT NULL,
      station_name TEXT NOT NULL,
      pump INTEGER NOT NULL,
      nozzle INTEGER NOT NULL,
      grade_id TEXT NOT NULL,
      grade_name TEXT NOT NULL,
      price INTEGER NOT NULL,
      mode TEXT NOT NULL CHECK (mode IN ('amount','volume')),
      amount INTEGER NOT NULL,
      volume INTEGER NOT NULL,
      tender TEXT NOT NULL,
      customer_phone TEXT,
      member_id TEXT,
      state TEXT NOT NULL,
      payment_transfer_id TEXT NOT NULL,
      reversal_transfer_id TEXT,
      pump_transaction INTEGER,
      dispensed_volume INTEGER,
      charged_amount INTEGER,
      refund_amount INTEGER,
      refund_transfer_id TEXT,
      pass_job_id TEXT,
      pass_state TEXT,
      problem TEXT
    )`);
    await q.query(`CREATE INDEX fuel_order_day ON fuel_order (day, created_at)`);
    await q.query(`CREATE INDEX fuel_order_pump_state ON fuel_order (pump, state)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['fuel_order', 'fuel_nozzle', 'fuel_pump', 'fuel_price', 'fuel_grade', 'fuel_location', 'fuel_station']) await q.query(`DROP TABLE ${t}`);
  }
}
