import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shifts, cash drawer and day close (issue 14). Every table here is written only by the
 * settlement projector from `settlement.*` events and the figures observer from the sales
 * events of every workflow, so an import of the journal into an empty database rebuilds them.
 *
 * - settlement_shift: one row per shift (float, blind count, expected, difference, approval);
 *   at most one open shift per terminal.
 * - settlement_cash_move: pay-ins and pay-outs with their reason and approver.
 * - settlement_day: the days closed by a Z report, with the report as printed. The ledger's
 *   DAY_CLOSED check reads its last row.
 * - settlement_figure: per business day, terminal, cashier, kind and key: count, amount, volume.
 *   Kept in the same transaction as each sale, so a Z report reads one day's rows (an index
 *   seek on day) whatever the size of the journal before it.
 * - settlement_exception: voids, refunds, pay-ins/outs and cash differences with who approved.
 */
export class Settlement1763700000012 implements MigrationInterface {
  name = 'Settlement1763700000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE settlement_shift (
      id TEXT PRIMARY KEY NOT NULL,
      terminal_id TEXT NOT NULL,
      staff_id TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
      opened_at TEXT NOT NULL,
      float INTEGER NOT NULL CHECK (float >= 0),
      float_count TEXT NOT NULL,
      auto_opened INTEGER NOT NULL DEFAULT 0,
      cash_sales INTEGER NOT NULL DEFAULT 0,
      cash_refunds INTEGER NOT NULL DEFAULT 0,
      pay_ins INTEGER NOT NULL DEFAULT 0,
      pay_outs INTEGER NOT NULL DEFAULT 0,
      closed_at TEXT,
      closed_by TEXT,
      close_day TEXT,
      counted INTEGER,
      count TEXT,
      expected INTEGER,
      difference INTEGER,
      approved_by TEXT
    )`);
    await q.query(`CREATE UNIQUE INDEX settlement_shift_open ON settlement_shift (terminal_id) WHERE status = 'open'`);
    await q.query(`CREATE INDEX settlement_shift_close_day ON settlement_shift (close_day)`);
    await q.query(`CREATE TABLE settlement_cash_move (
      id TEXT PRIMARY KEY NOT NULL,
      shift_id TEXT NOT NULL REFERENCES settlement_shift(id),
      kind TEXT NOT NULL CHECK (kind IN ('pay_in', 'pay_out')),
      amount INTEGER NOT NULL CHECK (amount > 0),
      reason TEXT NOT NULL,
      staff_id TEXT NOT NULL,
      approved_by TEXT,
      at TEXT NOT NULL
    )`);
    await q.query(`CREATE TABLE settlement_day (
      day TEXT PRIMARY KEY NOT NULL,
      closed_at TEXT NOT NULL,
      closed_by TEXT NOT NULL,
      command_id TEXT NOT NULL UNIQUE,
      report TEXT NOT NULL
    )`);
    await q.query(`CREATE TABLE settlement_figure (
      day TEXT NOT NULL,
      terminal_id TEXT NOT NULL,
      staff_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      key TEXT NOT NULL,
      count INTEGER NOT NULL,
      amount INTEGER NOT NULL,
      volume INTEGER NOT NULL,
      PRIMARY KEY (day, terminal_id, staff_id, kind, key)
    ) WITHOUT ROWID`);
    await q.query(`CREATE TABLE settlement_exception (
      id TEXT PRIMARY KEY NOT NULL,
      day TEXT NOT NULL,
      at TEXT NOT NULL,
      kind TEXT NOT NULL,
      workflow TEXT NOT NULL,
      ref TEXT NOT NULL,
      amount INTEGER NOT NULL,
      staff_id TEXT NOT NULL,
      approved_by TEXT,
      reason TEXT NOT NULL
    )`);
    await q.query(`CREATE INDEX settlement_exception_day ON settlement_exception (day, at)`);
    await q.query(`CREATE TABLE settlement_settings (
      id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
      json TEXT NOT NULL
    )`);
    // First and last receipt numbers of a business day: a range seek instead of a scan.
    await q.query(`CREATE INDEX receipt_created_at ON receipt (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX receipt_created_at`);
    for (const t of ['settlement_settings', 'settlement_exception', 'settlement_figure', 'settlement_day', 'settlement_cash_move', 'settlement_shift']) await q.query(`DROP TABLE ${t}`);
  }
}
