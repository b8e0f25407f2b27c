// The shop receipt: each line with quantity × unit price, the coupon as a negative line with its
// saving (so the printed total is what the customer paid), tenders, change, the member.
import { TENDER_NAMES } from '../../domain/payments';
import { toDecimalString, type Receipt } from '../../domain/receipt';
import type { SaleRow } from './shop-store';

export interface ShopReceiptContext {
  storeName: string;
  terminal: string;
  timeZone: string;
  currency: string;
}

const bilingual = (zh: string, en: string) => `${zh} ${en}`;

export function saleReceipt(s: SaleRow, c: ShopReceiptContext): Receipt {
  const cash = s.change > 0 || s.tenders.some((t) => t.method === 'cash');
  const tenders = s.tenders.map((t) => ({ name: bilingual(TENDER_NAMES[t.method]['zh-CN'], TENDER_NAMES[t.method].en), amount: t.method === 'cash' ? t.amount + s.change : t.amount }));
  return {
    kind: 'shop-sale',
    storeName: c.storeName,
    terminal: c.terminal,
    cashier: s.staffName,
    time: s.createdAt,
    timeZone: c.timeZone,
    locale: 'zh-CN',
    currency: c.currency,
    transactionId: s.id,
    items: [
      ...s.lines.map((l) => ({ name: bilingual(l.nameZh, l.nameEn), quantity: l.quantity, unitPrice: l.unitPrice, amount: l.amount })),
      ...s.coupons.map((k) => ({ name: `优惠券 Coupon ${k.titleZh}`, quantity: 1, amount: -k.saving })),
    ],
    details: s.memberId ? [{ label: '会员 Member', value: `${s.memberName ?? ''} ${s.memberNumber ?? ''}`.trim() }] : [],
    tenders,
    ...(cash ? { change: s.change } : {}),
    balances: [],
    // A plain amount in the note: the printer's text mode decides how a currency sign would print.
    notes: s.discount > 0 ? [`已优惠 You saved ${toDecimalString(s.discount, c.currency)} ${c.currency}`] : [],
    openDrawer: cash,
    lookup: { phone: null },
  };
}
