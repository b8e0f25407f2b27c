// X and Z reports and the day close. A report is computed from the day's figures (kept from
// the journal by DayFigures in the same transaction as each sale), its shifts, exceptions, the
// open items still pending and the first and last receipt numbers. The Z report closes the day
// in ONE command: the report is built and the `settlement.day.closed` event written in the same
// transaction, so after a crash the day is either closed with its report or not closed at all.
import { PosError } from '../../domain/errors';
import {
  addDays,
  buildReport,
  businessDayWindow,
  closableDay,
  dashboardRange,
  foldDashboard,
  type Dashboard,
  reportCsv,
  reportReceipt,
  type Day,
  type DayReport,
  type ShiftFigure,
} from '../../domain/settlement';
import type { ReceiptLocale } from '../../domain/receipt';
import type { Ledger } from '../../ledger';
import type { SettingsStore } from '../../ops/settings-file';
import type { CommandPath } from '../commands';
import type { ReceiptService } from '../receipts/receipt-service';
import type { StaffInfo } from '../staff/staff-service';
import type { ShiftService } from './shift-service';
import { reportPdf } from './report-pdf';
import type { SettlementStatements, ShiftRow } from './statements';

export interface DayCloseDeps {
  sql: SettlementStatements;
  ledger: Ledger;
  commands: CommandPath;
  settings: SettingsStore;
  shifts: ShiftService;
  receipts: ReceiptService;
  now: () => Date;
}

export class DayCloseService {
  constructor(private readonly d: DayCloseDeps) {}

  private get tz() {
    return this.d.settings.get().store.timeZone;
  }

  /** The business day a sale made now would count on. */
  today(): Day {
    const d = this.d.ledger.days.dating(this.d.now().toISOString());
    return d.ok ? d.day : d.closedDay;
  }

  /** The report of a day: the stored Z report once it is closed, else an X report computed now (changes nothing). */
  report(day: Day = this.today()): DayReport {
    const closed = this.d.sql.day.get(day);
    if (closed) return JSON.parse(closed.report) as DayReport;
    return this.compute('X', day, this.d.now().toISOString(), null, null);
  }

  /** Today so far and the last 30 days: sales per hour and per workflow, busiest hours, average ticket. */
  dashboard(): Dashboard {
    const today = this.today();
    const { from, to } = dashboardRange(today);
    return foldDashboard(this.d.sql.dashboardRows.all(from, to), today);
  }

  /** Recently closed days, newest first. */
  closedDays(limit = 30) {
    return this.d.sql.closedDays.all(limit).map((r) => ({ day: r.day, closedAt: r.closed_at, closedBy: r.closed_by }));
  }

  /**
   * The Z report: checks the day may close (not closed yet, started, earlier days with sales
   * closed first, no shift still open on this counter), builds the report and journals
   * `settlement.day.closed` in one command; then prints it through the receipt module.
   * A replay of the command id returns the first report and prints nothing new.
   */
  async close(by: StaffInfo, input: { commandId: string; day: Day }) {
    let fresh = false;
    const result = await this.d.commands.run({
      commandId: input.commandId,
      method: 'settlement.closeDay',
      body: { day: input.day },
      actor: by,
      work: (tx) => {
        fresh = true;
        const last = this.d.ledger.days.lastClose();
        // Once days are being closed, they close in order; the first Z ever does not ask a store that
        // sold for months before this version to close each of those days first.
        const earlier = last ? (this.d.sql.firstDayWithSales.get(last.day, input.day)?.day ?? null) : null;
        const ok = closableDay(input.day, new Date(tx.at), this.tz, last, earlier);
        if (!ok.ok) {
          if (ok.reason === 'closed') throw new PosError('DAY_ALREADY_CLOSED', { day: ok.day });
          if (ok.reason === 'future') throw new PosError('DAY_NOT_STARTED', { day: ok.day });
          throw new PosError('DAY_EARLIER_OPEN', { day: ok.day });
        }
        const open = this.d.shifts.openShift();
        if (open) throw new PosError('SHIFT_STILL_OPEN', { name: this.d.shifts.names().get(open.staff_id) ?? '-' });
        const report = this.compute('Z', input.day, tx.at, tx.at, by.id);
        tx.event({ type: 'settlement.day.closed', day: input.day, closedBy: by.id, commandId: tx.commandId, report });
        return { day: input.day, report };
      },
      announce: () => [['settlement.changed', { at: new Date().toISOString() }]],
      audit: (r) => ({ day: r.day, sales: r.report.salesTotal, refunds: r.report.refundsTotal, cash: r.report.cash.counted }),
    });
    const print = fresh ? await this.print(result.day, by).catch(() => null) : null;
    return { ...result, print };
  }

  /** Prints a day's report (the stored Z once closed, else an X of now) through the receipt module: stored and numbered. */
  async print(day: Day, by: StaffInfo, locale?: ReceiptLocale) {
    const report = this.report(day);
    const { store, terminal } = this.d.settings.get();
    const receipt = reportReceipt(report, { storeName: store.name, terminal: terminal.name, cashier: by.name, locale: locale ?? store.locale, time: this.d.now().toISOString() });
    const r = await this.d.receipts.issue(receipt, by);
    return { jobId: r.jobId, receiptId: r.receiptId, number: r.number, state: r.state };
  }

  /** The report as a file to save: CSV (UTF-8 with BOM, opens in Excel) or PDF (with a CJK font). */
  async export(day: Day, format: 'csv' | 'pdf', locale: ReceiptLocale) {
    const report = this.report(day);
    const name = `${report.kind}-${report.day}`;
    if (format === 'csv') return { fileName: `${name}.csv`, mime: 'text/csv;charset=utf-8', base64: Buffer.from(reportCsv(report, locale), 'utf8').toString('base64') };
    const { store } = this.d.settings.get();
    const pdf = await reportPdf(report, { storeName: store.name, locale });
    return { fileName: `${name}.pdf`, mime: 'application/pdf', base64: pdf.toString('base64') };
  }

  private compute(kind: 'X' | 'Z', day: Day, at: string, closedAt: string | null, closedBy: string | null): DayReport {
    const { sql } = this.d;
    const { store, terminal } = this.d.settings.get();
    const names = this.d.shifts.names();
    names.set(terminal.id, terminal.name);
    const shift = (s: ShiftRow): ShiftFigure => ({
      id: s.id,
      terminal: s.terminal_id,
      staff: s.staff_id,
      openedAt: s.opened_at,
      closedAt: s.closed_at,
      float: s.float,
      cashSales: s.cash_sales,
      cashRefunds: s.cash_refunds,
      payIns: s.pay_ins,
      payOuts: s.pay_outs,
      expected: s.expected ?? s.float + s.cash_sales - s.cash_refunds + s.pay_ins - s.pay_outs,
      counted: s.counted,
      difference: s.difference,
      approvedBy: s.approved_by,
    });
    const isToday = day === this.today();
    const shifts = [...sql.shiftsClosedOn.all(day), ...(isToday ? sql.openShifts.all() : [])].map(shift);
    const previous = sql.dayBefore.get(day);
    const window = businessDayWindow(day, store.timeZone, previous && previous.day === addDays(day, -1) ? { day: previous.day, closedAt: previous.closed_at } : null, closedAt);
    const exceptions = sql.exceptionsOf.all(day).map((e) => ({ at: e.at, kind: e.kind, workflow: e.workflow, ref: e.ref, amount: e.amount, staff: e.staff_id, approvedBy: e.approved_by, reason: e.reason }));
    const openItems = isToday || kind === 'Z' ? this.openItems() : [];
    const used = new Set<string>([terminal.id, ...(closedBy ? [closedBy] : [])]);
    const figures = sql.figuresOf.all(day);
    for (const f of figures) used.add(f.staff);
    for (const s of shifts) for (const id of [s.staff, s.approvedBy]) if (id) used.add(id);
    for (const e of exceptions) for (const id of [e.staff, e.approvedBy]) if (id) used.add(id);
    return buildReport({
      kind,
      day,
      currency: store.currency,
      timeZone: store.timeZone,
      generatedAt: at,
      closedAt,
      closedBy,
      figures,
      shifts,
      exceptions,
      openItems,
      receipts: sql.receiptsBetween.get(window) ?? { first: null, last: null, count: 0 },
      names: Object.fromEntries([...used].map((id) => [id, names.get(id) ?? id])),
    });
  }

  /** Open locker parties and paid-but-not-completed fuel orders: they carry over, listed so none is missed. */
  private openItems() {
    const parties = this.d.sql.openParties.all().map((p) => ({ kind: 'locker-party' as const, ref: `${p.lockers ?? ''}${p.phone ? ` ${p.phone.slice(-4)}` : ''}`.trim(), amount: p.amount, since: p.opened_at }));
    const orders = this.d.sql.openFuelOrders.all().map((o) => ({ kind: 'fuel-order' as const, ref: `#${o.pump} ${o.state}`, amount: o.amount, since: o.created_at }));
    return [...parties, ...orders];
  }
}
