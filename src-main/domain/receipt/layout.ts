// Template -> lines: lays a Receipt out for a paper width in character columns
// (58 mm paper = 32 columns, 80 mm = 48). Chinese characters take two columns on
// thermal printers and in a monospace preview, so padding counts display width.
import { formatCount, formatMoney } from './money';
import type { Receipt, ReceiptLine, ReceiptLocale } from './receipt';

export const COLUMNS_BY_PAPER_MM = { 58: 32, 80: 48 } as const;

const LABELS: Record<ReceiptLocale, Record<'terminal' | 'cashier' | 'time' | 'total' | 'transaction' | 'balances' | 'thanks', string>> = {
  'zh-CN': { terminal: '终端', cashier: '收银员', time: '时间', total: '合计', transaction: '交易号', balances: '余额', thanks: '谢谢惠顾' },
  en: { terminal: 'Terminal', cashier: 'Cashier', time: 'Time', total: 'Total', transaction: 'Transaction', balances: 'Balances', thanks: 'Thank you' },
};

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Columns a string occupies on the printer: CJK ideographs and full-width forms count 2. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
  return width;
}

/**
 * Splits text into lines of at most `columns` display columns, breaking after a space when
 * the line has one (English words stay whole) and anywhere otherwise (Chinese has no spaces).
 */
export function wrapToWidth(text: string, columns: number): string[] {
  const out: string[] = [];
  let line: string[] = [];
  let width = 0;
  for (const ch of text) {
    const w = isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
    if (width + w > columns && line.length > 0) {
      const space = line.lastIndexOf(' ');
      const carry = space > 0 ? line.splice(space + 1) : [];
      out.push(line.join('').trimEnd());
      line = carry;
      width = displayWidth(carry.join(''));
    }
    if (line.length === 0 && ch === ' ') continue;
    line.push(ch);
    width += w;
  }
  if (line.length > 0 || out.length === 0) out.push(line.join(''));
  return out;
}

/** "Total ........ ¥12.30": left and right on one line, or left wrapped above a right-aligned value. */
function pair(left: string, right: string, columns: number, bold = false): ReceiptLine[] {
  const gap = columns - displayWidth(left) - displayWidth(right);
  if (gap >= 1) return [{ kind: 'text', text: left + ' '.repeat(gap) + right, align: 'left', bold }];
  const lines: ReceiptLine[] = wrapToWidth(left, columns).map((text) => ({ kind: 'text', text, align: 'left', bold }));
  const pad = Math.max(0, columns - displayWidth(right));
  lines.push({ kind: 'text', text: ' '.repeat(pad) + right, align: 'left', bold });
  return lines;
}

function centered(text: string, columns: number, extra: { bold?: boolean; large?: boolean } = {}): ReceiptLine[] {
  // Large text is double width on the printer, so it wraps at half the columns.
  const limit = extra.large ? Math.floor(columns / 2) : columns;
  return wrapToWidth(text, limit).map((t) => ({ kind: 'text', text: t, align: 'center', ...extra }));
}

export function formatReceiptTime(iso: string, timeZone: string, locale: ReceiptLocale): string {
  const fmt = new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
  return fmt.format(new Date(iso));
}

/** The receipt template: header, items, total, tenders, balances left, QR of the transaction id. */
export function layoutReceipt(receipt: Receipt, columns: number): ReceiptLine[] {
  const label = LABELS[receipt.locale];
  const money = (minor: number) => formatMoney(minor, receipt.currency, receipt.locale);
  const lines: ReceiptLine[] = [];

  lines.push(...centered(receipt.storeName, columns, { bold: true, large: true }));
  lines.push(...pair(label.terminal, receipt.terminal, columns));
  lines.push(...pair(label.cashier, receipt.cashier, columns));
  lines.push(...pair(label.time, formatReceiptTime(receipt.time, receipt.timeZone, receipt.locale), columns));
  lines.push({ kind: 'rule' });

  let total = 0;
  for (const item of receipt.items) {
    total += item.amount;
    const left = item.quantity === 1 ? item.name : `${item.name} x${formatCount(item.quantity, receipt.locale)}`;
    lines.push(...pair(left, money(item.amount), columns));
  }
  lines.push({ kind: 'rule' });
  lines.push(...pair(label.total, money(total), columns, true));
  for (const tender of receipt.tenders) lines.push(...pair(tender.name, money(tender.amount), columns));

  if (receipt.balances.length > 0) {
    lines.push({ kind: 'rule' });
    lines.push({ kind: 'text', text: label.balances, align: 'left', bold: true });
    for (const b of receipt.balances) {
      const value = b.currency ? formatMoney(b.amount, b.currency, receipt.locale) : formatCount(b.amount, receipt.locale);
      lines.push(...pair(b.label, value, columns));
    }
  }

  lines.push({ kind: 'rule' });
  lines.push({ kind: 'qr', payload: receipt.transactionId });
  lines.push(...centered(`${label.transaction} ${receipt.transactionId}`, columns));
  lines.push(...centered(receipt.footer ?? label.thanks, columns));
  lines.push({ kind: 'feed' });
  return lines;
}
