import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Receipts as data and the print queue. Every receipt a workflow issues is stored as its
 * Receipt JSON (so a later printer, paper width or language can print it again) with a short
 * number per terminal per day and the fields the Receipts screen searches by. Print jobs are
 * rows, so a receipt that failed to print survives restarts and printer reconfiguration until
 * it prints or a manager dismisses it.
 */
export class Receipts1763700000007 implements MigrationInterface {
  name = 'Receipts1763700000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE receipt (
      id TEXT PRIMARY KEY NOT NULL,
      number TEXT NOT NULL UNIQUE,
      terminal_id TEXT NOT NULL,
      day TEXT NOT NULL,
      seq INTEGER NOT NULL CHECK (seq > 0),
      kind TEXT NOT NULL,
      transaction_id TEXT NOT NULL,
      total INTEGER NOT NULL,
      phone TEXT,
      lockers TEXT,
      pump INTEGER,
      paper_mm INTEGER NOT NULL,
      text_mode TEXT NOT NULL,
      created_at TEXT NOT NULL,
      body TEXT NOT NULL,
      UNIQUE (terminal_id, day, seq)
    )`);
    await q.query(`CREATE INDEX receipt_transaction ON receipt (transaction_id, kind)`);
    await q.query(`CREATE TABLE print_job (
      id TEXT PRIMARY KEY NOT NULL,
      receipt_id TEXT NOT NULL REFERENCES receipt(id),
      reprint INTEGER NOT NULL DEFAULT 0,
      state TEXT NOT NULL CHECK (state IN ('printing','printed','failed','superseded','dismissed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      error TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      staff_id TEXT,
      resolved_by TEXT
    )`);
    await q.query(`CREATE INDEX print_job_receipt ON print_job (receipt_id)`);
    await q.query(`CREATE INDEX print_job_state ON print_job (state)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE print_job`);
    await q.query(`DROP TABLE receipt`);
  }
}
