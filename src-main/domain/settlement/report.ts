// The X and Z reports as data: built from the day's figures (one row per business day,
// terminal, cashier, kind and key, kept by the settlement projector from the journal) plus
// the day's shifts, exceptions, open items and receipt numbers. Pure: the service reads the
// rows, this folds them into the report every screen, paper, CSV and PDF shows.
import type { Day } from './business-day';

/** What a figure row counts. */
export type FigureKind =
  | 'sale' // key: workflow (lockers, fuel …): count of sales, amount, volume (fuel centilitres)
  | 'grade' // key: fuel grade name: count, amount, volume
  | 'tender' // key: tender method: amount taken
  | 'refund' // key: workflow: count, amount, volume given back
  | 'refund_tender' // key: tender method: amount given back
  | 'void' // key: workflow: count and amount of voided charges or reversed payments
  | 'discount' // key: workflow: count and amount of discounts
  | 'pay_in' // key: cash
  | 'pay_out' // key: cash
  | 'hour' // key: HH on the store's clock: count and amount of sales
  | 'service' // key: miles service type (baggage, seat …): count, amount (the service's price), volume (miles taken)
  | 'recharge'; // key: tender method: count and amount of member-card stored value sold (money in, a liability, not revenue)

export interface FigureRow {
  day: Day;
  terminal: string;
  staff: string;
  kind: FigureKind;
  key: string;
  count: number;
  amount: number;
  volume: number;
}

/** A void, refund, pay-in/out or cash difference, with who did it and who approved it. */
export interface ExceptionItem {
  at: string;
  kind: 'void' | 'refund' | 'pay_in' | 'pay_out' | 'difference';
  workflow: string;
  ref: string;
  amount: number;
  staff: string;
  approvedBy: string | null;
  reason: string;
}

export interface ShiftFigure {
  id: string;
  terminal: string;
  staff: string;
  openedAt: string;
  closedAt: string | null;
  float: number;
  cashSales: number;
  cashRefunds: number;
  payIns: number;
  payOuts: number;
  expected: number;
  counted: number | null;
  difference: number | null;
  approvedBy: string | null;
}

export interface OpenItem {
  kind: 'locker-party' | 'fuel-order';
  ref: string;
  amount: number;
  since: string;
}

export interface DayReport {
  kind: 'X' | 'Z';
  day: Day;
  currency: string;
  timeZone: string;
  generatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  sales: { workflow: string; count: number; amount: number; volume: number }[];
  salesTotal: number;
  tickets: number;
  averageTicket: number;
  grades: { grade: string; count: number; amount: number; volume: number }[];
  /** Miles taken per service type (a refund takes its service's miles back off). */
  miles: { service: string; count: number; amount: number; points: number }[];
  tenders: { method: string; amount: number; refunded: number; net: number }[];
  /**
   * Member-card recharges per tender: stored value sold is money in and a liability (the store
   * owes it to the members until they spend it), not revenue — so it is not in sales, tickets or
   * net; what members later pay with their cards is (tender member_card). Cash recharges are in
   * the drawer, so they count in the expected cash.
   */
  recharges: { method: string; count: number; amount: number }[];
  rechargesTotal: number;
  refunds: { workflow: string; count: number; amount: number; volume: number }[];
  refundsTotal: number;
  voids: { workflow: string; count: number; amount: number }[];
  discounts: { count: number; amount: number };
  net: number;
  byTerminal: { terminal: string; tickets: number; sales: number; refunds: number }[];
  byCashier: { staff: string; tickets: number; sales: number; refunds: number }[];
  cash: { float: number; sales: number; refunds: number; payIns: number; payOuts: number; expected: number; counted: number | null; difference: number | null };
  shifts: ShiftFigure[];
  exceptions: ExceptionItem[];
  openItems: OpenItem[];
  receipts: { first: string | null; last: string | null; count: number };
  /** Staff and terminal names as they were when the report was made (ids above point here). */
  names: Record<string, string>;
}

export interface ReportInput {
  kind: 'X' | 'Z';
  day: Day;
  currency: string;
  timeZone: string;
  generatedAt: string;
  closedAt?: string | null;
  closedBy?: string | null;
  figures: FigureRow[];
  shifts: ShiftFigure[];
  exceptions: ExceptionItem[];
  openItems: OpenItem[];
  receipts: { first: string | null; last: string | null; count: number };
  names?: Record<string, string>;
}

type Sum = { count: number; amount: number; volume: number };
const add = (m: Map<string, Sum>, key: string, r: Pick<FigureRow, 'count' | 'amount' | 'volume'>) => {
  const s = m.get(key) ?? { count: 0, amount: 0, volume: 0 };
  s.count += r.count;
  s.amount += r.amount;
  s.volume += r.volume;
  m.set(key, s);
};
const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** Folds the figures of one day into the report. Every total is a sum of the rows shown. */
export function buildReport(input: ReportInput): DayReport {
  const byKind = new Map<FigureKind, Map<string, Sum>>();
  const terminals = new Map<string, { tickets: number; sales: number; refunds: number }>();
  const cashiers = new Map<string, { tickets: number; sales: number; refunds: number }>();
  for (const r of input.figures) {
    if (r.day !== input.day) continue;
    let m = byKind.get(r.kind);
    if (!m) byKind.set(r.kind, (m = new Map()));
    add(m, r.key, r);
    if (r.kind === 'sale' || r.kind === 'refund') {
      for (const [map, k] of [[terminals, r.terminal], [cashiers, r.staff]] as const) {
        const s = map.get(k) ?? { tickets: 0, sales: 0, refunds: 0 };
        if (r.kind === 'sale') {
          s.tickets += r.count;
          s.sales += r.amount;
        } else s.refunds += r.amount;
        map.set(k, s);
      }
    }
  }
  const of = (k: FigureKind) => byKind.get(k) ?? new Map<string, Sum>();
  const sales = sorted(of('sale')).map(([workflow, s]) => ({ workflow, ...s }));
  const salesTotal = sales.reduce((a, s) => a + s.amount, 0);
  const tickets = sales.reduce((a, s) => a + s.count, 0);
  const refunds = sorted(of('refund')).map(([workflow, s]) => ({ workflow, ...s }));
  const refundsTotal = refunds.reduce((a, s) => a + s.amount, 0);
  const tenderIn = of('tender');
  const tenderOut = of('refund_tender');
  const methods = [...new Set([...tenderIn.keys(), ...tenderOut.keys()])].sort();
  const tenders = methods.map((method) => {
    const amount = tenderIn.get(method)?.amount ?? 0;
    const refunded = tenderOut.get(method)?.amount ?? 0;
    return { method, amount, refunded, net: amount - refunded };
  });
  const discount = [...of('discount').values()].reduce((a, s) => ({ count: a.count + s.count, amount: a.amount + s.amount }), { count: 0, amount: 0 });
  const payIns = of('pay_in').get('cash')?.amount ?? 0;
  const payOuts = of('pay_out').get('cash')?.amount ?? 0;
  const cashSales = tenderIn.get('cash')?.amount ?? 0;
  const cashRefunds = tenderOut.get('cash')?.amount ?? 0;
  const float = input.shifts.reduce((a, s) => a + s.float, 0);
  const closed = input.shifts.filter((s) => s.counted !== null);
  const counted = closed.length > 0 && closed.length === input.shifts.length ? closed.reduce((a, s) => a + (s.counted ?? 0), 0) : null;
  const recharges = sorted(of('recharge')).map(([method, s]) => ({ method, count: s.count, amount: s.amount }));
  const cashRecharges = of('recharge').get('cash')?.amount ?? 0;
  const expected = float + cashSales - cashRefunds + payIns - payOuts + cashRecharges;
  return {
    kind: input.kind,
    day: input.day,
    currency: input.currency,
    timeZone: input.timeZone,
    generatedAt: input.generatedAt,
    closedAt: input.closedAt ?? null,
    closedBy: input.closedBy ?? null,
    sales,
    salesTotal,
    tickets,
    // Rounded down to a whole minor unit: an average is a figure to read, never money to post.
    averageTicket: tickets > 0 ? Math.floor(salesTotal / tickets) : 0,
    grades: sorted(of('grade')).map(([grade, s]) => ({ grade, ...s })),
    miles: sorted(of('service')).map(([service, s]) => ({ service, count: s.count, amount: s.amount, points: s.volume })),
    tenders,
    recharges,
    rechargesTotal: recharges.reduce((a, r) => a + r.amount, 0),
    refunds,
    refundsTotal,
    voids: sorted(of('void')).map(([workflow, s]) => ({ workflow, count: s.count, amount: s.amount })),
    discounts: discount,
    net: salesTotal - refundsTotal,
    byTerminal: sorted(terminals).map(([terminal, s]) => ({ terminal, ...s })),
    byCashier: sorted(cashiers).map(([staff, s]) => ({ staff, ...s })),
    cash: { float, sales: cashSales, refunds: cashRefunds, payIns, payOuts, expected, counted, difference: counted === null ? null : counted - expected },
    shifts: input.shifts,
    exceptions: [...input.exceptions].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)),
    openItems: input.openItems,
    receipts: input.receipts,
    names: input.names ?? {},
  };
}
