// A receipt as data: what the cashier hands over, independent of any printer.
// Services build it from the ledger transaction; the printer adapter and the
// on-screen preview both render it from the same laid-out lines (layout.ts).

export type ReceiptLocale = 'zh-CN' | 'en';

export interface ReceiptItem {
  name: string;
  /** Whole units sold (fuel lines carry their volume in the name, e.g. "92# 45.67 L"). */
  quantity: number;
  /** Integer minor units (fen, cents). */
  amount: number;
}

export interface ReceiptTender {
  /** "现金", "Card", "Miles" ... as the cashier would read it. */
  name: string;
  /** Integer minor units. */
  amount: number;
}

export interface ReceiptBalance {
  /** "Wristband quota", "Miles left" ... */
  label: string;
  /** Integer: minor units when currency is set, otherwise a count (miles, points, visits). */
  amount: number;
  currency?: string;
}

export interface Receipt {
  storeName: string;
  terminal: string;
  cashier: string;
  /** ISO-8601 UTC instant of the transaction. */
  time: string;
  /** IANA zone the store's clock shows, e.g. "Asia/Shanghai". */
  timeZone: string;
  locale: ReceiptLocale;
  /** ISO 4217 code for every money amount on the receipt. */
  currency: string;
  items: ReceiptItem[];
  tenders: ReceiptTender[];
  balances: ReceiptBalance[];
  /** Printed as a QR code so a receipt can be looked up and refunded. */
  transactionId: string;
  footer?: string;
  /** Open the cash drawer when this receipt prints (cash tendered). */
  openDrawer?: boolean;
}

/** One laid-out receipt line; text is already padded to the paper's column count. */
export type ReceiptLine =
  | { kind: 'text'; text: string; align: 'left' | 'center' | 'right'; bold?: boolean; large?: boolean }
  | { kind: 'rule' }
  | { kind: 'qr'; payload: string }
  | { kind: 'feed' };
