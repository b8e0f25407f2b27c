import { describe, expect, it } from 'vitest';
import { couponProblems, savingAlone, validAt, type Cart, type Coupon, type CouponOffer, type CouponScope } from '../../../src-main/domain/coupons';

const cart = (...lines: [string, string, number, number][]): Cart => ({ storeId: 's1', merchantId: 'm1', lines: lines.map(([itemId, category, unitPrice, quantity]) => ({ itemId, category, unitPrice, quantity })) });
const coupon = (offer: CouponOffer, scope: CouponScope = { kind: 'all' }, more: Partial<Coupon> = {}): Coupon => ({ id: 'c', offer, scope, validFrom: null, validTo: null, stacks: false, ...more });

describe('满减 amount off over a threshold', () => {
  const c = coupon({ kind: 'amountOff', threshold: 10000, off: 2000 });
  it('threshold exactly met: the full amount off', () => expect(savingAlone(c, cart(['a', 'x', 10000, 1]))).toBe(2000));
  it('one fen under: nothing', () => expect(savingAlone(c, cart(['a', 'x', 9999, 1]))).toBe(0));
  it('never more than the in-scope subtotal', () => expect(savingAlone(coupon({ kind: 'amountOff', threshold: 0, off: 5000 }), cart(['a', 'x', 1200, 1]))).toBe(1200));
  it('counts only in-scope lines toward the threshold', () => {
    const drinks = coupon({ kind: 'amountOff', threshold: 10000, off: 2000 }, { kind: 'categories', categories: ['drink'] });
    expect(savingAlone(drinks, cart(['a', 'drink', 6000, 1], ['b', 'food', 9000, 1]))).toBe(0);
    expect(savingAlone(drinks, cart(['a', 'drink', 6000, 1], ['b', 'drink', 4000, 1]))).toBe(2000);
  });
});

describe('折扣 percent off with a cap', () => {
  it('8折 of ¥123.45 rounds the saving down to the fen', () => expect(savingAlone(coupon({ kind: 'percentOff', percent: 20, cap: null, threshold: 0 }), cart(['a', 'x', 12345, 1]))).toBe(2469));
  it('最高减50: the cap binds exactly at the cap', () => {
    const c = coupon({ kind: 'percentOff', percent: 20, cap: 5000, threshold: 0 });
    expect(savingAlone(c, cart(['a', 'x', 25000, 1]))).toBe(5000);
    expect(savingAlone(c, cart(['a', 'x', 25005, 1]))).toBe(5000);
    expect(savingAlone(c, cart(['a', 'x', 24995, 1]))).toBe(4999);
  });
});

describe('fixed price for an item', () => {
  const c = coupon({ kind: 'fixedPrice', price: 990 }, { kind: 'items', itemIds: ['a', 'b'] });
  it('one unit, the one that saves most', () => expect(savingAlone(c, cart(['a', 'x', 1500, 3], ['b', 'x', 2000, 1]))).toBe(1010));
  it('an item already cheaper than the fixed price: nothing', () => expect(savingAlone(c, cart(['a', 'x', 990, 2]))).toBe(0));
  it('an item out of scope: nothing', () => expect(savingAlone(c, cart(['z', 'x', 5000, 1]))).toBe(0));
});

describe('buy N get one', () => {
  const b1 = coupon({ kind: 'buyNGetOne', buy: 1 });
  const b2 = coupon({ kind: 'buyNGetOne', buy: 2 });
  it('buy 2 get 1: two units are not enough, three give the cheapest free', () => {
    expect(savingAlone(b2, cart(['a', 'x', 1000, 2]))).toBe(0);
    expect(savingAlone(b2, cart(['a', 'x', 1000, 2], ['b', 'x', 300, 1]))).toBe(300);
  });
  it('mixed quantities: dearest first, every group of N+1 gets its cheapest free', () => {
    // Units 10,10,9 | 2,2,1 → free 9 and 1.
    expect(savingAlone(b2, cart(['a', 'x', 1000, 2], ['b', 'x', 900, 1], ['c', 'x', 200, 2], ['d', 'x', 100, 1]))).toBe(1000);
    // Buy 1 get 1 over 7 units of one line: 3 free.
    expect(savingAlone(b1, cart(['a', 'x', 500, 7]))).toBe(1500);
  });
});

describe('validity and entry', () => {
  it('from is inclusive, to exclusive', () => {
    const c = { validFrom: 1000, validTo: 2000 };
    expect([999, 1000, 1999, 2000].map((t) => validAt(c, t))).toEqual([false, true, true, false]);
  });
  it('refuses offers that make no sense', () => {
    expect(couponProblems(coupon({ kind: 'percentOff', percent: 100, cap: 0, threshold: -1 })).map((p) => p.field)).toEqual(['percent', 'cap', 'threshold']);
    expect(couponProblems(coupon({ kind: 'amountOff', threshold: 100, off: 0 }, { kind: 'items', itemIds: [] }, { validFrom: 5, validTo: 5 })).map((p) => p.field)).toEqual(['off', 'scope', 'validTo']);
    expect(couponProblems(coupon({ kind: 'buyNGetOne', buy: 0 }))).toEqual([{ field: 'buy', reason: 'range' }]);
    expect(couponProblems(coupon({ kind: 'fixedPrice', price: 1.5 }))).toEqual([{ field: 'price', reason: 'range' }]);
  });
});
