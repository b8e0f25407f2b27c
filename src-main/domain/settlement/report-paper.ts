// The X/Z report on paper, on screen and in files: one list of labelled rows built from the
// report, so the 58/80 mm receipt, the CSV export and the PDF say the same thing in the same order.
import { TENDER_NAMES, TENDER_METHODS, type TenderMethod } from '../payments/tenders';
import { formatMoney } from '../receipt/money';
import { formatReceiptTime, printedMoney } from '../receipt/layout';
import type { Receipt, ReceiptLocale } from '../receipt/receipt';
import type { DayReport } from './report';

const WORKFLOWS: Record<string, Record<ReceiptLocale, string>> = {
  lockers: { 'zh-CN': '手牌消费', en: 'Lockers' },
  fuel: { 'zh-CN': '加油', en: 'Fuel' },
  miles: { 'zh-CN': '里程兑换', en: 'Miles' },
  memberCards: { 'zh-CN': '会员卡消费', en: 'Member cards' },
  cash: { 'zh-CN': '现金', en: 'Cash' },
  shop: { 'zh-CN': '商店', en: 'Shop' },
};

const KINDS: Record<string, Record<ReceiptLocale, string>> = {
  void: { 'zh-CN': '撤销', en: 'Void' },
  refund: { 'zh-CN': '退款', en: 'Refund' },
  pay_in: { 'zh-CN': '存入', en: 'Pay-in' },
  pay_out: { 'zh-CN': '支出', en: 'Pay-out' },
  difference: { 'zh-CN': '现金差额', en: 'Cash difference' },
};
const SERVICES: Record<string, Record<ReceiptLocale, string>> = {
  baggage: { 'zh-CN': '额外行李', en: 'Extra baggage' },
  seat: { 'zh-CN': '选座', en: 'Seat selection' },
  lounge: { 'zh-CN': '贵宾休息室', en: 'Lounge' },
  upgrade: { 'zh-CN': '升舱', en: 'Upgrade' },
  meal: { 'zh-CN': '餐食', en: 'Meal' },
};
const REASONS: Record<string, Record<ReceiptLocale, string>> = {
  'charge voided': { 'zh-CN': '撤销消费', en: 'charge voided' },
  underrun: { 'zh-CN': '少加退款', en: 'underrun refunded' },
  'miles refunded': { 'zh-CN': '里程服务退款', en: 'miles service refunded' },
  over: { 'zh-CN': '多出', en: 'over' },
  short: { 'zh-CN': '短缺', en: 'short' },
};
const reasonText = (reason: string, locale: ReceiptLocale) =>
  REASONS[reason]?.[locale] ?? (reason.startsWith('reversed') ? `${locale === 'zh-CN' ? '冲正' : 'reversed'}${reason.slice(8)}` : reason);

const L = {
  'zh-CN': {
    x: 'X 报表（营业中）', z: 'Z 日结报表', day: '营业日', generated: '生成时间', closedBy: '日结人', sales: '销售', tickets: '笔数', average: '客单价',
    grades: '油品', litres: '升', miles: '里程（按服务）', milesUnit: '里程', tenders: '收款方式', refunded: '退款', refunds: '退款', voids: '撤销', discounts: '折扣', net: '净销售',
    cash: '现金', float: '备用金', cashSales: '现金收入', cashRefunds: '现金退款', payIns: '存入', payOuts: '支出', expected: '应有现金', counted: '实点现金', difference: '差额',
    byTerminal: '终端', byCashier: '收银员', exceptions: '撤销/退款/支出', approvedBy: '授权', openItems: '未结项目', party: '手牌客人', fuelOrder: '加油订单',
    receipts: '小票号', first: '首张', last: '末张', none: '无', count: '张数', shift: '班次', notCounted: '未点',
    recharges: '会员卡充值（储值负债，非营业额）',
  },
  en: {
    x: 'X report (day open)', z: 'Z report (day close)', day: 'Business day', generated: 'Made at', closedBy: 'Closed by', sales: 'Sales', tickets: 'Tickets',
    average: 'Average ticket', grades: 'Fuel grades', litres: 'L', miles: 'Miles by service', milesUnit: 'miles', tenders: 'Tenders', refunded: 'refunded', refunds: 'Refunds', voids: 'Voids',
    discounts: 'Discounts', net: 'Net sales', cash: 'Cash', float: 'Float', cashSales: 'Cash sales', cashRefunds: 'Cash refunds', payIns: 'Pay-ins',
    payOuts: 'Pay-outs', expected: 'Expected cash', counted: 'Counted cash', difference: 'Difference', byTerminal: 'Terminals', byCashier: 'Cashiers',
    exceptions: 'Voids, refunds, pay-outs', approvedBy: 'approved by', openItems: 'Open items', party: 'Locker party', fuelOrder: 'Fuel order',
    receipts: 'Receipts', first: 'First', last: 'Last', none: 'none', count: 'Count', shift: 'Shift', notCounted: 'not counted',
    recharges: 'Member card recharges (stored value: a liability, not revenue)',
  },
} as const;

export type ReportRow = { section: string; label: string; value: string };

const litres = (cl: number) => `${cl < 0 ? '-' : ''}${Math.floor(Math.abs(cl) / 100)}.${String(Math.abs(cl) % 100).padStart(2, '0')}`;

function tenderName(method: string, locale: ReceiptLocale): string {
  return (TENDER_METHODS as readonly string[]).includes(method) ? TENDER_NAMES[method as TenderMethod][locale] : method;
}

export function workflowName(workflow: string, locale: ReceiptLocale): string {
  return WORKFLOWS[workflow]?.[locale] ?? workflow;
}

/** Every figure of the report as (section, label, value) rows, in the order printed. */
export function reportRows(r: DayReport, locale: ReceiptLocale, money: (minor: number) => string = (m) => formatMoney(m, r.currency, locale)): ReportRow[] {
  const t = L[locale];
  const name = (id: string | null) => (id === null ? '-' : (r.names[id] ?? id));
  // Times on the store's clock, never UTC.
  const when = (iso: string) => formatReceiptTime(iso, r.timeZone, locale);
  const clock = (iso: string) => when(iso).slice(-8, -3);
  const rows: ReportRow[] = [];
  const push = (section: string, label: string, value: string) => rows.push({ section, label, value });
  push(t.day, t.day, r.day);
  push(t.day, r.kind === 'Z' ? t.closedBy : t.generated, r.kind === 'Z' ? `${name(r.closedBy)} ${r.closedAt ? when(r.closedAt) : ''}` : when(r.generatedAt));
  for (const s of r.sales) push(t.sales, `${workflowName(s.workflow, locale)} (${s.count})`, money(s.amount));
  push(t.sales, t.sales, money(r.salesTotal));
  push(t.sales, t.tickets, String(r.tickets));
  push(t.sales, t.average, money(r.averageTicket));
  for (const g of r.grades) push(t.grades, `${g.grade} ${litres(g.volume)} ${t.litres}`, money(g.amount));
  for (const m of r.miles) push(t.miles, `${SERVICES[m.service]?.[locale] ?? m.service} (${m.count}) ${m.points} ${t.milesUnit}`, money(m.amount));
  for (const x of r.tenders) push(t.tenders, tenderName(x.method, locale), x.refunded > 0 ? `${money(x.amount)} (${t.refunded} ${money(x.refunded)})` : money(x.amount));
  for (const x of r.recharges ?? []) push(t.recharges, `${tenderName(x.method, locale)} (${x.count})`, money(x.amount));
  for (const x of r.refunds) push(t.refunds, `${workflowName(x.workflow, locale)} (${x.count})`, money(x.amount));
  push(t.refunds, t.refunds, money(r.refundsTotal));
  for (const v of r.voids) push(t.voids, `${workflowName(v.workflow, locale)} (${v.count})`, money(v.amount));
  push(t.discounts, `${t.discounts} (${r.discounts.count})`, money(r.discounts.amount));
  push(t.net, t.net, money(r.net));
  const c = r.cash;
  push(t.cash, t.float, money(c.float));
  push(t.cash, t.cashSales, money(c.sales));
  push(t.cash, t.cashRefunds, money(c.refunds));
  push(t.cash, t.payIns, money(c.payIns));
  push(t.cash, t.payOuts, money(c.payOuts));
  push(t.cash, t.expected, money(c.expected));
  push(t.cash, t.counted, c.counted === null ? t.notCounted : money(c.counted));
  push(t.cash, t.difference, c.difference === null ? '-' : money(c.difference));
  for (const s of r.shifts) {
    push(t.shift, `${name(s.staff)} ${clock(s.openedAt)}–${s.closedAt ? clock(s.closedAt) : ''}`, s.counted === null ? t.notCounted : `${money(s.counted)} / ${money(s.expected)}${s.approvedBy ? ` ${t.approvedBy} ${name(s.approvedBy)}` : ''}`);
  }
  for (const x of r.byTerminal) push(t.byTerminal, `${name(x.terminal)} (${x.tickets})`, money(x.sales - x.refunds));
  for (const x of r.byCashier) push(t.byCashier, `${name(x.staff)} (${x.tickets})`, money(x.sales - x.refunds));
  for (const e of r.exceptions) {
    const who = `${name(e.staff)}${e.approvedBy ? ` · ${t.approvedBy} ${name(e.approvedBy)}` : ''}`;
    const what = [KINDS[e.kind]?.[locale] ?? e.kind, e.workflow === 'cash' ? '' : workflowName(e.workflow, locale), reasonText(e.reason, locale)].filter(Boolean).join(' ');
    push(t.exceptions, `${what} · ${who}`, money(e.amount));
  }
  if (r.openItems.length === 0) push(t.openItems, t.openItems, t.none);
  for (const o of r.openItems) push(t.openItems, `${o.kind === 'locker-party' ? t.party : t.fuelOrder} ${o.ref}`, money(o.amount));
  push(t.receipts, t.first, r.receipts.first ?? t.none);
  push(t.receipts, t.last, r.receipts.last ?? t.none);
  push(t.receipts, t.count, String(r.receipts.count));
  return rows;
}

/** CSV (RFC 4180) with a UTF-8 BOM so Excel opens the Chinese text right: section, item, value. */
export function reportCsv(r: DayReport, locale: ReceiptLocale): string {
  // A cell a spreadsheet would run as a formula (a staff name "=cmd|…") gets a leading apostrophe (OWASP
  // CSV injection); a negative amount (-¥53.00) stays a number.
  const guard = (s: string) => (/^[=+@\t\r]/.test(s) || /^-(?![¥￥$€\d])/.test(s) ? `'${s}` : s);
  const cell = (raw: string) => {
    const s = guard(raw);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const head = locale === 'zh-CN' ? ['栏目', '项目', '数值'] : ['Section', 'Item', 'Value'];
  const lines = [head, ...reportRows(r, locale).map((x) => [x.section, x.label, x.value])].map((l) => l.map(cell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * The report as a receipt for the receipt module (stored, numbered and printed like any other):
 * the sales per workflow are its lines, so its printed total is the day's sales, and the tenders
 * taken are its 实收; everything else is detail lines.
 */
export function reportReceipt(r: DayReport, ctx: { storeName: string; terminal: string; cashier: string; locale: ReceiptLocale; time: string }): Receipt {
  const t = L[ctx.locale];
  // On paper the yen sign is the full-width ￥ a GBK printer has (see printedMoney).
  const rows = reportRows(r, ctx.locale, (m) => printedMoney(m, r.currency, ctx.locale, 'multibyte')).filter((x) => x.section !== t.sales || !r.sales.some((s) => x.label.startsWith(workflowName(s.workflow, ctx.locale))));
  return {
    kind: 'day-report',
    title: `${r.kind === 'Z' ? t.z : t.x} ${r.day}`,
    storeName: ctx.storeName,
    terminal: ctx.terminal,
    cashier: ctx.cashier,
    time: ctx.time,
    timeZone: r.timeZone,
    locale: ctx.locale,
    currency: r.currency,
    items: r.sales.map((s) => ({ name: `${workflowName(s.workflow, ctx.locale)} ×${s.count}`, quantity: 1, amount: s.amount })),
    details: rows.map((x) => ({ label: x.section === x.label ? x.label : `${x.label}`, value: x.value })),
    tenders: r.tenders.filter((x) => x.amount > 0).map((x) => ({ name: tenderName(x.method, ctx.locale), amount: x.amount })),
    balances: [],
    // One Z per day (printing it again reprints the stored one); every X is new paper.
    transactionId: r.kind === 'Z' ? `Z-${r.day}` : `X-${r.day}-${Date.parse(r.generatedAt)}`,
  };
}
