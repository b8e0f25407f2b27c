// Prepared statements of the settlement tables (migration 0012), on the ledger's connection.
import type { Sqlite } from '../../ledger';
import type { ExceptionItem, FigureRow } from '../../domain/settlement';

export interface ShiftRow {
  id: string;
  terminal_id: string;
  staff_id: string;
  status: 'open' | 'closed';
  opened_at: string;
  float: number;
  float_count: string;
  auto_opened: number;
  cash_sales: number;
  cash_refunds: number;
  pay_ins: number;
  pay_outs: number;
  closed_at: string | null;
  closed_by: string | null;
  close_day: string | null;
  counted: number | null;
  count: string | null;
  expected: number | null;
  difference: number | null;
  approved_by: string | null;
}

export interface DayRow {
  day: string;
  closed_at: string;
  closed_by: string;
  command_id: string;
  report: string;
}

export type ExceptionRow = Omit<ExceptionItem, 'staff' | 'approvedBy'> & { id: string; day: string; staff_id: string; approved_by: string | null };

export function settlementStatements(db: Sqlite) {
  return {
    openShift: db.prepare<[string], ShiftRow>(`SELECT * FROM settlement_shift WHERE terminal_id = ? AND status = 'open'`),
    shift: db.prepare<[string], ShiftRow>(`SELECT * FROM settlement_shift WHERE id = ?`),
    insertShift: db.prepare<[Pick<ShiftRow, 'id' | 'terminal_id' | 'staff_id' | 'opened_at' | 'float' | 'float_count' | 'auto_opened'>]>(
      `INSERT INTO settlement_shift (id, terminal_id, staff_id, status, opened_at, float, float_count, auto_opened)
       VALUES (@id, @terminal_id, @staff_id, 'open', @opened_at, @float, @float_count, @auto_opened)`,
    ),
    closeShift: db.prepare<[Pick<ShiftRow, 'id' | 'closed_at' | 'closed_by' | 'close_day' | 'counted' | 'count' | 'expected' | 'difference' | 'approved_by'>]>(
      `UPDATE settlement_shift SET status = 'closed', closed_at = @closed_at, closed_by = @closed_by, close_day = @close_day, counted = @counted,
       count = @count, expected = @expected, difference = @difference, approved_by = @approved_by WHERE id = @id`,
    ),
    addDrawer: db.prepare<[{ id: string; cash_sales: number; cash_refunds: number; pay_ins: number; pay_outs: number }]>(
      `UPDATE settlement_shift SET cash_sales = cash_sales + @cash_sales, cash_refunds = cash_refunds + @cash_refunds,
       pay_ins = pay_ins + @pay_ins, pay_outs = pay_outs + @pay_outs WHERE id = @id`,
    ),
    shiftsClosedOn: db.prepare<[string], ShiftRow>(`SELECT * FROM settlement_shift WHERE close_day = ? ORDER BY closed_at`),
    openShifts: db.prepare<[], ShiftRow>(`SELECT * FROM settlement_shift WHERE status = 'open' ORDER BY opened_at`),
    insertMove: db.prepare<[{ id: string; shift_id: string; kind: 'pay_in' | 'pay_out'; amount: number; reason: string; staff_id: string; approved_by: string | null; at: string }]>(
      `INSERT INTO settlement_cash_move (id, shift_id, kind, amount, reason, staff_id, approved_by, at)
       VALUES (@id, @shift_id, @kind, @amount, @reason, @staff_id, @approved_by, @at)`,
    ),
    movesOf: db.prepare<[string], { id: string; kind: string; amount: number; reason: string; staff_id: string; approved_by: string | null; at: string }>(
      `SELECT * FROM settlement_cash_move WHERE shift_id = ? ORDER BY at`,
    ),
    insertDay: db.prepare<[DayRow]>(`INSERT INTO settlement_day (day, closed_at, closed_by, command_id, report) VALUES (@day, @closed_at, @closed_by, @command_id, @report)`),
    day: db.prepare<[string], DayRow>(`SELECT * FROM settlement_day WHERE day = ?`),
    dayBefore: db.prepare<[string], DayRow>(`SELECT * FROM settlement_day WHERE day < ? ORDER BY day DESC LIMIT 1`),
    closedDays: db.prepare<[number], Pick<DayRow, 'day' | 'closed_at' | 'closed_by'>>(`SELECT day, closed_at, closed_by FROM settlement_day ORDER BY day DESC LIMIT ?`),
    addFigure: db.prepare<[FigureRow & { terminal: string }]>(
      `INSERT INTO settlement_figure (day, terminal_id, staff_id, kind, key, count, amount, volume)
       VALUES (@day, @terminal, @staff, @kind, @key, @count, @amount, @volume)
       ON CONFLICT (day, terminal_id, staff_id, kind, key) DO UPDATE SET
         count = count + excluded.count, amount = amount + excluded.amount, volume = volume + excluded.volume`,
    ),
    figuresOf: db.prepare<[string], FigureRow>(
      `SELECT day, terminal_id AS terminal, staff_id AS staff, kind, key, count, amount, volume FROM settlement_figure WHERE day = ?`,
    ),
    /** The dashboard's rows: sales per workflow and per hour over a range of days, summed over terminals and cashiers. */
    dashboardRows: db.prepare<[string, string], { day: string; kind: 'sale' | 'hour'; key: string; count: number; amount: number }>(
      `SELECT day, kind, key, SUM(count) AS count, SUM(amount) AS amount FROM settlement_figure
       WHERE day BETWEEN ? AND ? AND kind IN ('sale', 'hour') GROUP BY day, kind, key`,
    ),
    /** The first day after `day` with any sale that is still open: days close in order. */
    firstDayWithSales: db.prepare<[string, string], { day: string }>(
      `SELECT day FROM settlement_figure WHERE day > ? AND day < ? AND kind = 'sale' ORDER BY day LIMIT 1`,
    ),
    insertException: db.prepare<[ExceptionRow]>(
      `INSERT INTO settlement_exception (id, day, at, kind, workflow, ref, amount, staff_id, approved_by, reason)
       VALUES (@id, @day, @at, @kind, @workflow, @ref, @amount, @staff_id, @approved_by, @reason)`,
    ),
    exceptionsOf: db.prepare<[string], ExceptionRow>(`SELECT * FROM settlement_exception WHERE day = ? ORDER BY at, rowid`),
    settings: db.prepare<[], { json: string }>(`SELECT json FROM settlement_settings WHERE id = 1`),
    saveSettings: db.prepare<[string]>(`INSERT INTO settlement_settings (id, json) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json`),
    staffNames: db.prepare<[], { id: string; name: string }>(`SELECT id, name FROM staff`),
    /** What the open-items list needs from the other workflows' tables (read only). */
    openParties: db.prepare<[], { id: string; phone: string | null; opened_at: string; lockers: string | null; amount: number }>(
      `SELECT p.id, p.phone, p.opened_at,
         (SELECT group_concat(w.locker_number) FROM locker_wristband w WHERE w.party_id = p.id AND w.status = 'active') AS lockers,
         (SELECT COALESCE(SUM(c.amount), 0) FROM locker_charge c WHERE c.party_id = p.id AND c.status = 'open') AS amount
       FROM locker_party p WHERE p.status = 'open' ORDER BY p.opened_at`,
    ),
    openFuelOrders: db.prepare<[], { id: string; pump: number; amount: number; state: string; created_at: string }>(
      `SELECT id, pump, amount, state, created_at FROM fuel_order WHERE state IN ('paid', 'released', 'dispensing') ORDER BY created_at`,
    ),
    charge: db.prepare<[string], { id: string; amount: number; created_by: string; outlet: string }>(`SELECT id, amount, created_by, outlet FROM locker_charge WHERE id = ?`),
    redemption: db.prepare<[string], { id: string; staff_id: string; service_type: string; price: number; points: number; points_value: number; tenders: string }>(
      `SELECT id, staff_id, service_type, price, points, points_value, tenders FROM points_redemption WHERE id = ?`,
    ),
    fuelOrder: db.prepare<[string], { id: string; staff_id: string; amount: number; volume: number; grade_name: string; tender: string; pump: number }>(
      `SELECT id, staff_id, amount, volume, grade_name, tender, pump FROM fuel_order WHERE id = ?`,
    ),
    receiptsBetween: db.prepare<[{ from: string; to: string }], { first: string | null; last: string | null; count: number }>(
      `SELECT (SELECT number FROM receipt WHERE created_at >= @from AND created_at < @to AND kind NOT IN ('test', 'day-report') ORDER BY created_at, seq LIMIT 1) AS first,
              (SELECT number FROM receipt WHERE created_at >= @from AND created_at < @to AND kind NOT IN ('test', 'day-report') ORDER BY created_at DESC, seq DESC LIMIT 1) AS last,
              (SELECT COUNT(*) FROM receipt WHERE created_at >= @from AND created_at < @to AND kind NOT IN ('test', 'day-report')) AS count`,
    ),
    cardMovement: db.prepare<[string], { staff_id: string | null; money: number; product_name: string }>(`SELECT staff_id, money, product_name FROM member_card_movement WHERE command_id = ?`),
  };
}

export type SettlementStatements = ReturnType<typeof settlementStatements>;
