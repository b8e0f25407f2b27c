// A receipt as data: what the cashier hands over, independent of any printer.
// Services build it from the ledger transaction and store it (so any later printer,
// paper width or language can reprint it); the printer adapter and the on-screen
// preview both render it from the same laid-out lines (layout.ts).

export type ReceiptLocale = 'zh-CN' | 'en';

/** Which workflow made the receipt (the Receipts screen shows and filters by it). */
export type ReceiptKind = 'locker-checkout' | 'fuel-pass' | 'fuel-final' | 'test' | 'day-report' | 'points-redemption' | 'points-refund' | 'member-card' | 'shop-sale';

export interface ReceiptItem {
  name: string;
  /** Whole units sold. */
  quantity: number;
  /** Price of one unit in minor units; when set the line shows "quantity × unit price". */
  unitPrice?: number;
  /** How the quantity reads when it is not a count ("30.00 L"); the unit price is then per that unit. */
  quantityText?: string;
  /** Integer minor units (fen, cents): what this line adds to the total. */
  amount: number;
}

/** An information line with no money in it (pump, nozzle, customer, lockers). */
export interface ReceiptDetail {
  label: string;
  value: string;
}

export interface ReceiptTender {
  /** "现金", "Card", "Miles" ... as the cashier would read it. */
  name: string;
  /** Integer minor units handed over on this tender (cash includes the change given back). */
  amount: number;
}

export interface ReceiptBalance {
  /** "Wristband quota", "Miles left" ... */
  label: string;
  /** Integer: minor units when currency is set, otherwise a count (miles, points, visits). */
  amount: number;
  currency?: string;
}

/** Store details a Chinese shop receipt carries; set by the manager in the store settings. */
export interface ReceiptHeader {
  address?: string;
  phone?: string;
  /** 税号: the store's taxpayer number. */
  taxNumber?: string;
  /** A note about invoices (发票), printed when set. */
  invoiceNote?: string;
}

export interface Receipt {
  kind?: ReceiptKind;
  /** Short human-readable number, per terminal per day (C1-20261122-0042). */
  number?: string;
  /** What this paper is when it is not a plain sale receipt ("加油凭证 Fuel pass"). */
  title?: string;
  storeName: string;
  header?: ReceiptHeader;
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
  details?: ReceiptDetail[];
  /** 实收: what the customer handed over, per tender. */
  tenders: ReceiptTender[];
  /** 找零: cash given back at the counter. */
  change?: number;
  /** Money returned to the customer afterwards (a fuel underrun), per tender. */
  refunds?: ReceiptTender[];
  balances: ReceiptBalance[];
  /** Printed as a QR code so a receipt can be looked up and refunded. */
  transactionId: string;
  /** Workflow lines under the totals (customer, wristbands, prepaid volume). */
  notes?: string[];
  /** The manager's footer text; "Thank you" when unset. */
  footer?: string;
  /** Open the cash drawer when this receipt prints (cash taken or given back). */
  openDrawer?: boolean;
  /** A copy printed again: marked 重印 / REPRINT on paper. */
  reprint?: boolean;
  /** Not printed: what the Receipts screen finds this receipt by. */
  lookup?: ReceiptLookup;
  /** A list printed for a manager (lockers and their wristbands), not a sale: no totals, tenders or QR. */
  list?: boolean;
}

export interface ReceiptLookup {
  /** The customer's phone as shown (masked is fine: the tail is what a cashier searches). */
  phone?: string | null;
  lockers?: number[];
  pump?: number;
}

/** One laid-out receipt line; text is already padded to the paper's column count. */
export type ReceiptLine =
  | { kind: 'text'; text: string; align: 'left' | 'center' | 'right'; bold?: boolean; large?: boolean }
  | { kind: 'rule' }
  | { kind: 'qr'; payload: string }
  | { kind: 'feed' };
