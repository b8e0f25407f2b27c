/**
 * The one tender vocabulary of the store. Every workflow takes money with these methods, books
 * each to one account per method (`tender:<method>`), and refunds to the tenders it took.
 * Member cards, coupons and miles are tenders too (their own issues); the counter accepts the
 * first four today.
 */
export const TENDER_METHODS = ['cash', 'bank_card', 'mobile', 'stored_value', 'member_card', 'coupon', 'miles'] as const;
export type TenderMethod = (typeof TENDER_METHODS)[number];

/** What a cashier can take at the counter today. */
export const COUNTER_TENDERS = ['cash', 'bank_card', 'mobile', 'stored_value'] as const satisfies readonly TenderMethod[];
export type CounterTender = (typeof COUNTER_TENDERS)[number];

export interface Tender {
  method: TenderMethod;
  /** Integer minor units, > 0. */
  amount: number;
}

/** Only cash gives change: a card or a phone is charged exactly what it pays. */
export function givesChange(method: TenderMethod): boolean {
  return method === 'cash';
}

/** The ledger account code of a tender; one account per method per store. */
export function tenderAccountCode(method: TenderMethod): string {
  return `tender:${method}`;
}

export const TENDER_NAMES: Record<TenderMethod, { 'zh-CN': string; en: string }> = {
  cash: { 'zh-CN': '现金', en: 'Cash' },
  bank_card: { 'zh-CN': '银行卡', en: 'Bank card' },
  mobile: { 'zh-CN': '移动支付', en: 'Mobile payment' },
  stored_value: { 'zh-CN': '储值', en: 'Stored value' },
  member_card: { 'zh-CN': '会员卡', en: 'Member card' },
  coupon: { 'zh-CN': '优惠券', en: 'Coupon' },
  miles: { 'zh-CN': '里程', en: 'Miles' },
};
