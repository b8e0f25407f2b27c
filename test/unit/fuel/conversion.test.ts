import { describe, expect, it } from 'vitest';
import { amountForVolume, ConversionError, quoteByAmount, quoteByVolume, settle, volumeForAmount } from '../../../src-main/domain/fuel';

describe('fuel conversion', () => {
  it('200.00 yuan of 92# at 7.59 buys 26.35 L (26.3504 rounded down, short by under 0.01 L)', () => {
    expect(quoteByAmount(20000, 759)).toEqual({ mode: 'amount', price: 759, amount: 20000, volume: 2635 });
    // The volume's exact value is within one centilitre's price below what was paid, never above.
    expect(2635 * 759).toBeLessThanOrEqual(20000 * 100);
    expect(2636 * 759).toBeGreaterThan(20000 * 100);
  });

  it('30 L of 95# at 8.12 costs exactly 243.60 yuan', () => {
    expect(quoteByVolume(3000, 812)).toEqual({ mode: 'volume', price: 812, volume: 3000, amount: 24360 });
  });

  it('a volume that does not convert exactly rounds half up to the fen, at most 0.005 yuan over', () => {
    // 12.35 L x 7.29 = 90.0315 yuan -> 90.03; 0.05 L x 7.99 = 0.3995 -> 0.40; 0.01 L x 7.50 = 0.075 -> 0.08
    expect(amountForVolume(1235, 729)).toBe(9003);
    expect(amountForVolume(5, 799)).toBe(40);
    expect(amountForVolume(1, 750)).toBe(8);
    for (const [v, p] of [[1235, 729], [5, 799], [1, 750], [333, 777], [9999, 1001]] as const) {
      const paid = amountForVolume(v, p) * 100;
      expect(paid - v * p).toBeLessThanOrEqual(50); // at most half a fen, in hundredths of a fen
      expect(paid - v * p).toBeGreaterThan(-50);
    }
  });

  it('odd-cent prices: 1 fen per litre and 9999.99 yuan per litre', () => {
    expect(volumeForAmount(1, 1)).toBe(100);
    expect(amountForVolume(1, 1)).toBe(0); // 0.01 L at 0.01 yuan/L is 0.0001 yuan: rounds to nothing...
    expect(() => quoteByVolume(1, 1)).toThrow(/less than 0.01 yuan/); // ...so it is not an order
    expect(quoteByVolume(50, 1).amount).toBe(1); // 0.005 yuan rounds half up
    expect(quoteByAmount(999999, 999999).volume).toBe(100);
    expect(quoteByVolume(7, 333).amount).toBe(23); // 23.31 fen
  });

  it('tiny amounts: 0.01 yuan does not buy 0.01 L of 7.59 fuel and is refused, 0.08 does', () => {
    expect(() => quoteByAmount(1, 759)).toThrow(ConversionError);
    expect(() => quoteByAmount(7, 759)).toThrow(/does not buy 0.01 L/);
    expect(quoteByAmount(8, 759).volume).toBe(1);
  });

  it('huge amounts stay exact past 2^53 intermediate products, and a result too large is refused', () => {
    const amount = Number.MAX_SAFE_INTEGER; // 9e15 fen: the x100 product needs BigInt
    expect(volumeForAmount(amount, 759)).toBe(Number((BigInt(amount) * 100n) / 759n));
    expect(amountForVolume(90_000_000_000_000, 999)).toBe(899_100_000_000_000);
    expect(() => amountForVolume(Number.MAX_SAFE_INTEGER, 1000)).toThrow(/does not fit/);
  });

  it('zero, negative and fractional quantities are refused', () => {
    for (const bad of [0, -100, 1.5, Number.NaN, Infinity]) {
      expect(() => quoteByAmount(bad, 759)).toThrow(ConversionError);
      expect(() => quoteByVolume(bad, 759)).toThrow(ConversionError);
    }
    expect(() => quoteByAmount(100, 0)).toThrow(/price/);
  });
});

describe('settling a prepaid order', () => {
  const byAmount = quoteByAmount(20000, 759); // 26.35 L

  it('a full fill charges exactly what was prepaid, even though 26.35 L is worth 199.99665 yuan', () => {
    expect(settle(byAmount, 2635)).toEqual({ dispensed: 2635, charged: 20000, refund: 0, underrun: false });
  });

  it('an underrun charges the dispensed volume rounded half up and refunds the rest', () => {
    // 20.00 L x 7.59 = 151.80 -> refund 48.20
    expect(settle(byAmount, 2000)).toEqual({ dispensed: 2000, charged: 15180, refund: 4820, underrun: true });
    // 26.34 L x 7.59 = 199.9206 -> 199.92, refund 0.08
    expect(settle(byAmount, 2634)).toMatchObject({ charged: 19992, refund: 8 });
  });

  it('nothing dispensed refunds everything; an overrun is not charged', () => {
    expect(settle(byAmount, 0)).toEqual({ dispensed: 0, charged: 0, refund: 20000, underrun: true });
    expect(settle(byAmount, 9999)).toEqual({ dispensed: 2635, charged: 20000, refund: 0, underrun: false });
  });

  it('a volume order underrun: 30 L prepaid at 8.12, 12.35 L dispensed', () => {
    const byVolume = quoteByVolume(3000, 812);
    // 12.35 x 8.12 = 100.282 -> 100.28 charged, 143.32 refunded
    expect(settle(byVolume, 1235)).toEqual({ dispensed: 1235, charged: 10028, refund: 14332, underrun: true });
  });
});
