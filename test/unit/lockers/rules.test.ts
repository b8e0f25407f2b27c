import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOCKER_SETTINGS,
  checkChargeAmount,
  checkoutTotals,
  maskPhone,
  normalizePhone,
  partialSettlementBlockers,
  quotaLeft,
  resolveQuotas,
} from '../../../src-main/domain/lockers';

describe('customer phone numbers', () => {
  it('accepts mainland China mobiles, with the spaces and dashes a cashier types', () => {
    expect(normalizePhone('13800138000', 'cn-mobile')).toBe('13800138000');
    expect(normalizePhone('138 0013-8000', 'cn-mobile')).toBe('13800138000');
    expect(normalizePhone('19912345678', 'cn-mobile')).toBe('19912345678');
  });
  it('refuses landlines, short numbers and a 12 prefix unless other formats are allowed', () => {
    for (const bad of ['12800138000', '1380013800', '138001380001', '02112345678', '+85291234567', 'abc']) {
      expect(normalizePhone(bad, 'cn-mobile'), bad).toBeNull();
    }
    expect(normalizePhone('+85291234567', 'any')).toBe('+85291234567');
    expect(normalizePhone('abc', 'any')).toBeNull();
  });
  it('masks the middle of a number', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
  });
});

describe('quotas', () => {
  it('takes the store defaults for what the cashier left empty', () => {
    expect(resolveQuotas({}, DEFAULT_LOCKER_SETTINGS)).toEqual({ wristbandQuota: 100_000, partyQuota: 300_000 });
    expect(resolveQuotas({ wristbandQuota: 30_000 }, DEFAULT_LOCKER_SETTINGS)).toEqual({ wristbandQuota: 30_000, partyQuota: 300_000 });
  });
  it('refuses zero, negative and absurd quotas, naming which', () => {
    expect(resolveQuotas({ wristbandQuota: 0 }, DEFAULT_LOCKER_SETTINGS)).toEqual({ invalid: 'wristbandQuota' });
    expect(resolveQuotas({ partyQuota: -5 }, DEFAULT_LOCKER_SETTINGS)).toEqual({ invalid: 'partyQuota' });
    expect(resolveQuotas({ partyQuota: 1e12 }, DEFAULT_LOCKER_SETTINGS)).toEqual({ invalid: 'partyQuota' });
  });
  it('never reports a negative amount left', () => {
    expect(quotaLeft(100, 40)).toBe(60);
    expect(quotaLeft(100, 100)).toBe(0);
    expect(quotaLeft(100, 130)).toBe(0);
  });
  it('refuses charges that are not positive or above the single-charge limit, at the edge', () => {
    expect(checkChargeAmount(1, DEFAULT_LOCKER_SETTINGS)).toEqual({ ok: true });
    expect(checkChargeAmount(1_000_000, DEFAULT_LOCKER_SETTINGS)).toEqual({ ok: true });
    expect(checkChargeAmount(1_000_001, DEFAULT_LOCKER_SETTINGS)).toEqual({ ok: false, reason: 'tooLarge' });
    expect(checkChargeAmount(0, DEFAULT_LOCKER_SETTINGS)).toEqual({ ok: false, reason: 'notPositive' });
    expect(checkChargeAmount(-100, DEFAULT_LOCKER_SETTINGS)).toEqual({ ok: false, reason: 'notPositive' });
    expect(checkChargeAmount(12.5, DEFAULT_LOCKER_SETTINGS)).toEqual({ ok: false, reason: 'notPositive' });
  });
});

describe('checkout totals', () => {
  const tabs = [
    { locker: 101, charges: [{ amount: 8800 }, { amount: 1200 }] },
    { locker: 102, charges: [{ amount: 29800 }] },
    { locker: 103, charges: [] },
  ];
  it('sums each wristband and the party', () => {
    const t = checkoutTotals(tabs);
    expect(t.total).toBe(39800);
    expect([...t.byLocker]).toEqual([[101, 10000], [102, 29800], [103, 0]]);
  });
});

describe('partial settlement', () => {
  const tabs = [
    { locker: 101, charges: [{ amount: 100 }] },
    { locker: 102, charges: [{ amount: 200 }] },
    { locker: 103, charges: [] },
  ];
  it('is blocked by every other wristband that still has charges', () => {
    expect(partialSettlementBlockers(tabs, [101])).toEqual([102]);
    expect(partialSettlementBlockers(tabs, [103])).toEqual([101, 102]);
  });
  it('is not blocked when the rest have no charges or the whole party settles', () => {
    expect(partialSettlementBlockers(tabs, [101, 102])).toEqual([]);
    expect(partialSettlementBlockers(tabs, [101, 102, 103])).toEqual([]);
  });
});
