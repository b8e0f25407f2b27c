import { describe, expect, it } from 'vitest';
import { itemPriceAt, priceChangeTooEarly, type ItemPrice } from '../../../src-main/domain/catalog';

describe('item prices effective from an instant', () => {
  const prices: ItemPrice[] = [
    { itemId: 'tea', price: 1200, effectiveFrom: '2026-12-01T00:00:00.000Z' },
    { itemId: 'tea', price: 1500, effectiveFrom: '2026-12-04T04:00:00.000Z' },
  ];

  it('the old price holds until the last millisecond before the change, the new one from its instant', () => {
    expect(itemPriceAt(prices, new Date('2026-12-04T03:59:59.999Z'))).toBe(1200);
    expect(itemPriceAt(prices, new Date('2026-12-04T04:00:00.000Z'))).toBe(1500);
    expect(itemPriceAt(prices, new Date('2026-11-30T23:59:59.999Z'))).toBeUndefined();
  });

  it('a local price change cannot start in the past (one second of slack for the screen clock)', () => {
    const now = new Date('2026-12-04T04:00:00.000Z');
    expect(priceChangeTooEarly(new Date('2026-12-04T03:59:59.000Z'), now)).toBe(false);
    expect(priceChangeTooEarly(new Date('2026-12-04T03:59:58.999Z'), now)).toBe(true);
  });
});
