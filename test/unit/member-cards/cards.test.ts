import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { punch, rechargeBonus, refundableOnClose, splitRedemption, tierProblems, useVoucher } from '../../../src-main/domain/member-cards';

describe('recharge bonus (pay ¥100 get ¥120)', () => {
  const tiers = [
    { pay: 10000, bonus: 2000 },
    { pay: 50000, bonus: 15000 },
  ];
  it.each([
    [9999, 0],
    [10000, 2000],
    [15000, 2000],
    [49999, 2000],
    [50000, 15000],
    [200000, 15000],
    [0, 0],
    [-100, 0],
  ])('recharging %i fen adds %i bonus', (amount, bonus) => expect(rechargeBonus(tiers, amount)).toBe(bonus));
  it('refuses tiers a merchant could not mean', () => {
    expect(tierProblems([{ pay: 10000, bonus: 2000 }, { pay: 10000, bonus: 3000 }, { pay: 0, bonus: 0 }, { pay: 100, bonus: 100 }, { pay: 100.5, bonus: 1 }])).toEqual([
      { index: 1, reason: 'duplicatePay' },
      { index: 2, reason: 'range' },
      { index: 3, reason: 'range' },
      { index: 4, reason: 'range' },
    ]);
  });
});

describe('paying from a stored-value card', () => {
  it('takes paid and bonus value in proportion: ¥60 from ¥100 + ¥20 is ¥50 + ¥10', () => {
    expect(splitRedemption({ paid: 10000, bonus: 2000 }, 6000)).toEqual({ ok: true, paid: 5000, bonus: 1000, left: { paid: 5000, bonus: 1000 } });
  });
  it('rounds the paid share down: the refundable part left is never below its exact share', () => {
    // ¥0.01 from ¥1 + ¥1: 0.5 fen paid → 0 paid, 1 bonus.
    expect(splitRedemption({ paid: 100, bonus: 100 }, 1)).toEqual({ ok: true, paid: 0, bonus: 1, left: { paid: 100, bonus: 99 } });
  });
  it('the whole balance exactly empties both parts; one fen more is refused with the shortfall', () => {
    expect(splitRedemption({ paid: 10000, bonus: 2000 }, 12000)).toEqual({ ok: true, paid: 10000, bonus: 2000, left: { paid: 0, bonus: 0 } });
    expect(splitRedemption({ paid: 10000, bonus: 2000 }, 12001)).toEqual({ ok: false, reason: 'insufficient', balance: 12000, short: 1 });
  });
  it('refuses amounts that are not whole positive fen', () => {
    for (const a of [0, -1, 1.5, Number.NaN]) expect(splitRedemption({ paid: 100, bonus: 0 }, a)).toEqual({ ok: false, reason: 'badAmount' });
  });
  it('closing a card refunds the paid part left, not the bonus', () => {
    expect(refundableOnClose({ paid: 5000, bonus: 1000 })).toBe(5000);
  });
  it('for any card and amount: parts add up, never go negative, the paid share never exceeds its exact share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 20_000_000 }), (paid, bonus, amount) => {
        const r = splitRedemption({ paid, bonus }, amount);
        if (!r.ok) {
          expect(amount).toBeGreaterThan(paid + bonus);
          return;
        }
        expect(r.paid + r.bonus).toBe(amount);
        expect(Math.min(r.paid, r.bonus, r.left.paid, r.left.bonus)).toBeGreaterThanOrEqual(0);
        expect(r.paid * (paid + bonus)).toBeLessThanOrEqual(amount * paid);
      }),
    );
  });
});

describe('punch cards and vouchers', () => {
  const t = Date.UTC(2026, 11, 31);
  it('takes whole uses until none are left', () => {
    expect(punch({ usesLeft: 10, expiresAt: null }, 10, 0)).toEqual({ ok: true, usesLeft: 0 });
    expect(punch({ usesLeft: 1, expiresAt: null }, 2, 0)).toEqual({ ok: false, reason: 'notEnoughUses', usesLeft: 1 });
    expect(punch({ usesLeft: 1, expiresAt: null }, 0, 0)).toEqual({ ok: false, reason: 'badUses' });
  });
  it('expiry: the last millisecond before works, the expiry instant does not', () => {
    expect(punch({ usesLeft: 3, expiresAt: t }, 1, t - 1)).toEqual({ ok: true, usesLeft: 2 });
    expect(punch({ usesLeft: 3, expiresAt: t }, 1, t)).toEqual({ ok: false, reason: 'expired', expiredAt: t });
  });
  it('a voucher covers up to its value once, gives no change, and is refused used or expired', () => {
    expect(useVoucher({ value: 5000, used: false, expiresAt: null }, 3850, 0)).toEqual({ ok: true, covers: 3850, forfeited: 1150 });
    expect(useVoucher({ value: 5000, used: false, expiresAt: null }, 8000, 0)).toEqual({ ok: true, covers: 5000, forfeited: 0 });
    expect(useVoucher({ value: 5000, used: true, expiresAt: null }, 8000, 0)).toEqual({ ok: false, reason: 'used' });
    expect(useVoucher({ value: 5000, used: false, expiresAt: t }, 8000, t)).toEqual({ ok: false, reason: 'expired', expiredAt: t });
  });
});
