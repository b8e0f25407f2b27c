// The printed pass (what the customer shows at the pump) and the final receipt.
// Each prints one money line, so the printed total is what the customer paid (a pass once
// printed a "pass" line and a grade line both carrying the order amount: ¥400.00 for ¥200.00).
import type { Receipt, ReceiptDetail } from '../../domain/receipt';
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

function base(o: OrderRow, c: ReceiptContext): Omit<Receipt, 'items' | 'tenders' | 'balances'> {
  return {
    storeName: `${o.stationName}`,
    terminal: c.terminal,
    cashier: o.staffName,
    time: c.now,
    timeZone: c.timeZone,
    locale: 'zh-CN',
    currency: c.currency,
    transactionId: o.id,
    lookup: { pump: o.pump, phone: o.customerPhone },
  };
}

/** 加油机 is the dispenser (the pump number); 油枪 is the nozzle on it. */
function pumpDetails(o: OrderRow): ReceiptDetail[] {
  return [
    { label: '加油机 Pump', value: `${o.pump}号加油机 Pump ${o.pump}` },
    { label: '油枪 Nozzle', value: `${o.nozzle}号油枪 Nozzle ${o.nozzle}` },
  ];
}

/** The pass: station, pump and nozzle, grade, litres × price, prepaid amount; the order id prints as a QR code. */
export function passReceipt(o: OrderRow, c: ReceiptContext): Receipt {
  return {
    ...base(o, c),
    kind: 'fuel-pass',
    title: '加油凭证 Fuel pass',
    items: [{ name: o.gradeName, quantity: 1, quantityText: `${litres(o.volume)} L`, unitPrice: o.price, amount: o.amount }],
    details: pumpDetails(o),
    tenders: [{ name: TENDER_NAMES[o.tender] ?? o.tender, amount: o.amount }],
    balances: [],
    notes: [`预付 Prepaid ${money(o.amount)} / ${litres(o.volume)} L`],
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
    kind: 'fuel-final',
    title: '加油结算 Fuel receipt',
    items: [{ name: o.gradeName, quantity: 1, quantityText: `${litres(dispensed)} L`, unitPrice: o.price, amount: charged }],
    details: pumpDetails(o),
    tenders: [{ name: tender, amount: o.amount }],
    refunds: refund > 0 ? [{ name: tender, amount: refund }] : [],
    balances: [],
    notes: [refund > 0 ? `未加满退款 Underrun refund ${money(refund)}` : `加油完成 Fuel complete ${litres(dispensed)} L`],
    // Cash going back to the customer opens the drawer.
    openDrawer: refund > 0 && o.tender === 'cash',
  };
}
