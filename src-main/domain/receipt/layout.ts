// Template -> lines: lays a Receipt out for a paper width in character columns
// (58 mm paper = 32 columns, 80 mm = 48), measuring text the way the printer will print it
// (text.ts). Every string is cleaned of control characters first, so nothing a person typed
// can reach the printer as a command.
import { formatCount, formatMoney } from './money';
import type { Receipt, ReceiptLine, ReceiptLocale } from './receipt';
import { displayWidth, printable, wrapToWidth, type TextMode } from './text';
import { receiptTotals } from './totals';

export const COLUMNS_BY_PAPER_MM = { 58: 32, 80: 48 } as const;

type LabelKey =
  | 'number' | 'terminal' | 'cashier' | 'time' | 'phone' | 'taxNumber' | 'total' | 'received' | 'change' | 'refund'
  | 'transaction' | 'balances' | 'thanks' | 'reprint';

const LABELS: Record<ReceiptLocale, Record<LabelKey, string>> = {
  'zh-CN': {
    number: '单号', terminal: '终端', cashier: '收银员', time: '时间', phone: '电话', taxNumber: '税号', total: '应收', received: '实收',
    change: '找零', refund: '退款', transaction: '交易号', balances: '余额', thanks: '谢谢惠顾', reprint: '** 重印 REPRINT **',
  },
  en: {
    number: 'No.', terminal: 'Terminal', cashier: 'Cashier', time: 'Time', phone: 'Tel', taxNumber: 'Tax no.', total: 'Total due',
    received: 'Received', change: 'Change', refund: 'Refund', transaction: 'Transaction', balances: 'Balances', thanks: 'Thank you',
    reprint: '** REPRINT 重印 **',
  },
};

/** Every string of a JSON-like value passed through `printable`. */
function clean<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map(clean) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v)])) as T;
  return value;
}

/**
 * Money as printed. In Chinese (multi-byte) mode the yen sign is the full-width `￥` (GB2312
 * A3 A4): `¥` (U+00A5) has no GB2312/GBK code and goes out as the 4-byte GB18030 sequence
 * 81 30 84 36, which printers with a GBK font cannot print.
 */
export function printedMoney(minor: number, currency: string, locale: ReceiptLocale, mode: TextMode): string {
  const text = formatMoney(minor, currency, locale);
  return mode === 'multibyte' ? text.replace(/CN¥|¥/g, '￥') : text;
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

export function formatReceiptTime(iso: string, timeZone: string, locale: ReceiptLocale): string {
  const key = `${locale}|${timeZone}`;
  const fmt = timeFormats.get(key) ?? new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
  timeFormats.set(key, fmt);
  return fmt.format(new Date(iso));
}

/** The receipt template: header, items, totals, tenders, change, refunds, balances, notes, QR, footer. */
export function layoutReceipt(receipt: Receipt, columns: number, mode: TextMode = 'multibyte'): ReceiptLine[] {
  const r = clean(receipt);
  const label = LABELS[r.locale];
  const money = (minor: number) => printedMoney(minor, r.currency, r.locale, mode);
  const width = (text: string) => displayWidth(text, mode);

  /** "应收 ........ ￥12.30": left and right on one line, or left wrapped above a right-aligned value. */
  const pair = (left: string, right: string, bold = false): ReceiptLine[] => {
    const gap = columns - width(left) - width(right);
    if (gap >= 1) return [{ kind: 'text', text: left + ' '.repeat(gap) + right, align: 'left', bold }];
    const lines: ReceiptLine[] = wrapToWidth(left, columns, mode).map((text) => ({ kind: 'text', text, align: 'left', bold }));
    for (const part of wrapToWidth(right, columns, mode)) lines.push({ kind: 'text', text: ' '.repeat(Math.max(0, columns - width(part))) + part, align: 'left', bold });
    return lines;
  };
  const centered = (text: string, extra: { bold?: boolean; large?: boolean } = {}): ReceiptLine[] =>
    // Large text is double width on the printer, so it wraps at half the columns.
    wrapToWidth(text, extra.large ? Math.floor(columns / 2) : columns, mode).map((t) => ({ kind: 'text', text: t, align: 'center', ...extra }));
  const left = (text: string): ReceiptLine[] => wrapToWidth(text, columns, mode).map((t) => ({ kind: 'text', text: t, align: 'left' }));

  const lines: ReceiptLine[] = [];
  if (r.reprint) lines.push(...centered(label.reprint, { bold: true }));
  lines.push(...centered(r.storeName, { bold: true, large: true }));
  const h = r.header ?? {};
  if (h.address) lines.push(...centered(h.address));
  if (h.phone) lines.push(...centered(`${label.phone} ${h.phone}`));
  if (h.taxNumber) lines.push(...centered(`${label.taxNumber} ${h.taxNumber}`));
  if (h.invoiceNote) lines.push(...centered(h.invoiceNote));
  if (r.title) lines.push(...centered(r.title, { bold: true }));
  lines.push({ kind: 'rule' });
  if (r.number) lines.push(...pair(label.number, r.number));
  lines.push(...pair(label.terminal, r.terminal));
  lines.push(...pair(label.cashier, r.cashier));
  lines.push(...pair(label.time, formatReceiptTime(r.time, r.timeZone, r.locale)));
  lines.push({ kind: 'rule' });

  for (const item of r.items) {
    const simple = item.quantity === 1 && item.unitPrice === undefined && item.quantityText === undefined;
    if (simple) {
      lines.push(...pair(item.name, money(item.amount)));
      continue;
    }
    // Quantity × unit price on its own line under the name, the line amount at the right.
    lines.push(...left(item.name));
    const qty = item.quantityText ?? formatCount(item.quantity, r.locale);
    const unit = item.unitPrice !== undefined ? ` × ${money(item.unitPrice)}` : '';
    lines.push(...pair(`  ${qty}${unit}`, money(item.amount)));
  }
  for (const d of r.details ?? []) lines.push(...pair(d.label, d.value));
  if (r.list) {
    lines.push({ kind: 'rule' }, ...centered(r.footer || label.thanks), { kind: 'feed' });
    return lines;
  }

  const totals = receiptTotals(r);
  lines.push({ kind: 'rule' });
  lines.push(...pair(label.total, money(totals.total), true));
  for (const t of r.tenders) lines.push(...pair(`${label.received} ${t.name}`, money(t.amount)));
  if (r.change !== undefined) lines.push(...pair(label.change, money(r.change)));
  for (const t of r.refunds ?? []) lines.push(...pair(`${label.refund} ${t.name}`, money(t.amount), true));

  if (r.balances.length > 0) {
    lines.push({ kind: 'rule' });
    lines.push({ kind: 'text', text: label.balances, align: 'left', bold: true });
    for (const b of r.balances) {
      const value = b.currency ? printedMoney(b.amount, b.currency, r.locale, mode) : formatCount(b.amount, r.locale);
      lines.push(...pair(b.label, value));
    }
  }
  if (r.notes?.length) {
    lines.push({ kind: 'rule' });
    for (const note of r.notes) lines.push(...left(note));
  }

  lines.push({ kind: 'rule' });
  lines.push({ kind: 'qr', payload: r.transactionId });
  lines.push(...centered(`${label.transaction} ${r.transactionId}`));
  lines.push(...centered(r.footer || label.thanks));
  if (r.reprint) lines.push(...centered(label.reprint, { bold: true }));
  lines.push({ kind: 'feed' });
  return lines;
}
