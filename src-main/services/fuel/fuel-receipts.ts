// The printed pass (what the customer shows at the pump) and the final receipt.
import type { Receipt } from '../../domain/receipt';
import type { OrderRow } from './fuel-store';

export const TENDER_NAMES: Record<string, string> = {
  cash: '现金 Cash',
  bank_card: '银行卡 Card',
  mobile: '移动支付 Mobile',
  stored_value: '储值 Stored value',
};

/** 2635 centilitres -> "26.35". */
export function litres(centilitres: number): string {
  const whole = Math.floor(centilitres / 100);
  return `${whole}.${String(centilitres % 100).padStart(2, '0')}`;
}

/** 759 minor units -> "7.59" (two decimals; every currency we sell fuel in has them). */
export function money(minor: number): string {
  return litres(minor);
}

interface ReceiptContext {
  storeName: string;
  terminal: string;
  timeZone: string;
  currency: string;
  now: string;
}

function base(o: OrderRow, c: ReceiptContext): Omit<Receipt, 'items' | 'tenders' | 'balances' | 'footer'> {
  return {
    storeName: `${o.stationName}`,
    terminal: c.terminal,
    cashier: o.staffName,
    time: c.now,
    timeZone: c.timeZone,
    locale: 'zh-CN',
    currency: c.currency,
    transactionId: o.id,
  };
}

/** The pass: station, pump, grade, price, prepaid amount and volume; the order id prints as a QR code. */
export function passReceipt(o: OrderRow, c: ReceiptContext): Receipt {
  return {
    ...base(o, c),
    items: [
      { name: `加油凭证 Fuel pass · ${o.pump}号油枪 Pump ${o.pump}`, quantity: 1, amount: o.amount },
      { name: `${o.gradeName} ${litres(o.volume)} L @ ${money(o.price)}/L`, quantity: 1, amount: o.amount },
    ],
    tenders: [{ name: TENDER_NAMES[o.tender] ?? o.tender, amount: o.amount }],
    balances: [],
    footer: `预付 Prepaid ${money(o.amount)} / ${litres(o.volume)} L`,
    openDrawer: o.tender === 'cash',
  };
}

/** After the pump ends: what was dispensed, what it cost, and any refund to the original tender. */
export function finalReceipt(o: OrderRow, c: ReceiptContext): Receipt {
  const dispensed = o.dispensedVolume ?? 0;
  const charged = o.chargedAmount ?? o.amount;
  const refund = o.refundAmount ?? 0;
  const tender = TENDER_NAMES[o.tender] ?? o.tender;
  return {
    ...base(o, c),
    items: [{ name: `${o.gradeName} ${litres(dispensed)} L @ ${money(o.price)}/L · ${o.pump}号油枪 Pump ${o.pump}`, quantity: 1, amount: charged }],
    tenders: refund > 0 ? [{ name: tender, amount: o.amount }, { name: `退款 Refund ${tender}`, amount: -refund }] : [{ name: tender, amount: o.amount }],
    balances: [],
    footer: refund > 0 ? `未加满退款 Underrun refund ${money(refund)}` : `加油完成 Fuel complete ${litres(dispensed)} L`,
  };
}
