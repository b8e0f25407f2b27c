import type { TFunction } from 'i18next';
import type { MethodOutput } from '../../../../src-main/api/contract';

export type CouponInfo = MethodOutput<'coupons.claims'>['claims'][number]['coupon'];

/** An offer as a cashier reads it (满100减20, 买2送1 …), in the screen's language. */
export function offerText(t: TFunction, offer: CouponInfo['offer'], money: (minor: number) => string): string {
  switch (offer.kind) {
    case 'amountOff':
      return t('shop.offer.amountOff', { off: money(offer.off), threshold: money(offer.threshold) });
    case 'percentOff':
      return offer.cap === null ? t('shop.offer.percentOff', { percent: offer.percent }) : t('shop.offer.percentCap', { percent: offer.percent, cap: money(offer.cap) });
    case 'fixedPrice':
      return t('shop.offer.fixedPrice', { price: money(offer.price) });
    case 'buyNGetOne':
      return t('shop.offer.buyNGetOne', { buy: offer.buy });
  }
}

export function couponTitle(lang: string, c: { titleZh: string; titleEn: string }): string {
  return lang.startsWith('zh') || !c.titleEn ? c.titleZh : c.titleEn;
}
