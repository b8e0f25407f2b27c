import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCoupons, applyOffer, bestCoupons, CouponIndex, couponsForProduct, freshState, savingAlone, type Cart, type Coupon, type CouponOffer, type CouponScope } from '../../../src-main/domain/coupons';

const cart = (...lines: [string, string, number, number][]): Cart => ({ storeId: 's1', merchantId: 'm1', lines: lines.map(([itemId, category, unitPrice, quantity]) => ({ itemId, category, unitPrice, quantity })) });
const coupon = (id: string, offer: CouponOffer, scope: CouponScope = { kind: 'all' }, more: Partial<Coupon> = {}): Coupon => ({ id, offer, scope, validFrom: null, validTo: null, stacks: false, ...more });
const tea = { itemId: 'tea', category: 'drink', storeId: 's1', merchantId: 'm1' };

describe('coupons for a scanned product, best first', () => {
  const theCart = cart(['tea', 'drink', 1500, 2], ['cake', 'food', 2000, 1]);
  it('product-specific over category over store over merchant over all, whatever they save', () => {
    const list = [
      coupon('all', { kind: 'amountOff', threshold: 0, off: 3000 }),
      coupon('merchant', { kind: 'amountOff', threshold: 0, off: 2500 }, { kind: 'merchant', merchantId: 'm1' }),
      coupon('store', { kind: 'amountOff', threshold: 0, off: 2000 }, { kind: 'store', storeId: 's1' }),
      coupon('cat', { kind: 'amountOff', threshold: 0, off: 1000 }, { kind: 'categories', categories: ['drink'] }),
      coupon('item', { kind: 'fixedPrice', price: 1000 }, { kind: 'items', itemIds: ['tea'] }),
      coupon('other-item', { kind: 'fixedPrice', price: 1 }, { kind: 'items', itemIds: ['cake'] }),
    ];
    expect(couponsForProduct(list, tea, theCart, 0).map((r) => [r.coupon.id, r.saving])).toEqual([
      ['item', 500],
      ['cat', 1000],
      ['store', 2000],
      ['merchant', 2500],
      ['all', 3000],
    ]);
  });
  it('same scope: most saved first, then earliest expiry, then id', () => {
    const list = [
      coupon('b', { kind: 'amountOff', threshold: 0, off: 100 }, { kind: 'all' }, { validTo: 5000 }),
      coupon('a', { kind: 'amountOff', threshold: 0, off: 100 }, { kind: 'all' }, { validTo: 5000 }),
      coupon('open', { kind: 'amountOff', threshold: 0, off: 100 }),
      coupon('soon', { kind: 'amountOff', threshold: 0, off: 100 }, { kind: 'all' }, { validTo: 4000 }),
      coupon('big', { kind: 'amountOff', threshold: 0, off: 200 }),
    ];
    expect(couponsForProduct(list, tea, theCart, 0).map((r) => r.coupon.id)).toEqual(['big', 'soon', 'a', 'b', 'open']);
  });
  it('leaves out coupons not valid now, at the boundary', () => {
    const list = [coupon('ended', { kind: 'amountOff', threshold: 0, off: 100 }, { kind: 'all' }, { validTo: 1000 }), coupon('starts', { kind: 'amountOff', threshold: 0, off: 100 }, { kind: 'all' }, { validFrom: 1000 })];
    expect(couponsForProduct(list, tea, theCart, 999).map((r) => r.coupon.id)).toEqual(['ended']);
    expect(couponsForProduct(list, tea, theCart, 1000).map((r) => r.coupon.id)).toEqual(['starts']);
  });
});

describe('the coupon applied at checkout', () => {
  it('one coupon per order by default: the one saving most', () => {
    const c = cart(['tea', 'drink', 6000, 2]);
    const choice = bestCoupons([coupon('a', { kind: 'amountOff', threshold: 10000, off: 2000 }), coupon('p', { kind: 'percentOff', percent: 20, cap: 3000, threshold: 0 })], c, 0);
    expect(choice?.coupons.map((x) => x.id)).toEqual(['p']);
    expect(choice?.saving).toBe(2400);
    expect(choice?.lineTotals).toEqual([9600]);
  });
  it('stacking coupons combine, a threshold checked after the discounts before it', () => {
    const c = cart(['tea', 'drink', 6000, 2]);
    const pct = coupon('p', { kind: 'percentOff', percent: 10, cap: null, threshold: 0 }, { kind: 'all' }, { stacks: true });
    const amt = coupon('a', { kind: 'amountOff', threshold: 10000, off: 1000 }, { kind: 'all' }, { stacks: true });
    expect(bestCoupons([amt, pct], c, 0)).toMatchObject({ saving: 2200, lineTotals: [9800] });
    // 10 % off first leaves ¥108 ≥ ¥100; at 20 % it would leave ¥96 < ¥100: then only one applies.
    const pct20 = coupon('p', { kind: 'percentOff', percent: 20, cap: null, threshold: 0 }, { kind: 'all' }, { stacks: true });
    expect(bestCoupons([amt, pct20], c, 0)?.coupons.map((x) => x.id)).toEqual(['p']);
  });
  it('nothing saves anything: null', () => {
    expect(bestCoupons([coupon('a', { kind: 'amountOff', threshold: 10000, off: 2000 })], cart(['tea', 'drink', 100, 1]), 0)).toBeNull();
  });
});

// Random carts and coupon sets: the chosen coupons save exactly as much as the best of every
// subset the stacking rule allows (each single coupon, and every set of stacking coupons).
const arbScope = fc.oneof(
  fc.constant<CouponScope>({ kind: 'all' }),
  fc.constant<CouponScope>({ kind: 'store', storeId: 's1' }),
  fc.subarray(['i0', 'i1', 'i2', 'i3'], { minLength: 1 }).map((itemIds): CouponScope => ({ kind: 'items', itemIds })),
  fc.subarray(['c0', 'c1'], { minLength: 1 }).map((categories): CouponScope => ({ kind: 'categories', categories })),
);
const arbOffer = fc.oneof(
  fc.record({ kind: fc.constant('amountOff' as const), threshold: fc.integer({ min: 0, max: 20000 }), off: fc.integer({ min: 1, max: 5000 }) }),
  fc.record({ kind: fc.constant('percentOff' as const), percent: fc.integer({ min: 1, max: 99 }), cap: fc.option(fc.integer({ min: 1, max: 5000 })), threshold: fc.integer({ min: 0, max: 10000 }) }),
  fc.record({ kind: fc.constant('fixedPrice' as const), price: fc.integer({ min: 0, max: 3000 }) }),
  fc.record({ kind: fc.constant('buyNGetOne' as const), buy: fc.integer({ min: 1, max: 3 }) }),
);
const arbCoupons = fc.array(fc.record({ offer: arbOffer, scope: arbScope, stacks: fc.boolean() }), { minLength: 1, maxLength: 8 }).map((cs) => cs.map((c, i): Coupon => ({ id: `k${i}`, validFrom: null, validTo: null, ...c })));
const arbCart = fc
  .array(fc.tuple(fc.constantFrom('i0', 'i1', 'i2', 'i3'), fc.constantFrom('c0', 'c1'), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 6 })
  .map((lines) => cart(...lines));

describe('best choice against a brute-force search', () => {
  it('saves exactly as much as the best allowed subset', () => {
    fc.assert(
      fc.property(arbCart, arbCoupons, (theCart, coupons) => {
        let best = 0;
        for (const c of coupons) best = Math.max(best, applyCoupons([c], theCart).saving);
        const stacking = coupons.filter((c) => c.stacks);
        for (let mask = 1; mask < 1 << stacking.length; mask++) {
          best = Math.max(best, applyCoupons(stacking.filter((_, i) => mask & (1 << i)), theCart).saving);
        }
        const choice = bestCoupons(coupons, theCart, 0);
        expect(choice?.saving ?? 0).toBe(best);
        if (choice) {
          const total = theCart.lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
          expect(choice.lineTotals.reduce((s, x) => s + x, 0)).toBe(total - choice.saving);
          expect(choice.lineTotals.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
          if (choice.coupons.length > 1) expect(choice.coupons.every((c) => c.stacks)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('what a coupon saves alone is what it saves applied to a fresh cart', () => {
    fc.assert(
      fc.property(arbCart, arbCoupons, (theCart, coupons) => {
        for (const c of coupons) expect(savingAlone(c, theCart)).toBe(applyOffer(c, theCart, freshState(theCart)));
      }),
    );
  });

  it('the index finds every coupon that can touch a cart or a product', () => {
    fc.assert(
      fc.property(arbCart, arbCoupons, (theCart, coupons) => {
        const index = new CouponIndex(coupons);
        const touching = coupons.filter((c) => applyCoupons([c], theCart).saving > 0);
        const found = new Set(index.forCart(theCart));
        for (const c of touching) expect(found.has(c)).toBe(true);
        const product = { itemId: theCart.lines[0]!.itemId, category: theCart.lines[0]!.category, storeId: 's1', merchantId: 'm1' };
        expect(new Set(index.forProduct(product))).toEqual(new Set(couponsForProduct(coupons, product, theCart, 0).map((r) => r.coupon)));
      }),
    );
  });
});
