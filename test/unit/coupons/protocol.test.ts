import { describe, expect, it } from 'vitest';
import { couponDisplayRecord, couponRuleRecord, toDomainCoupon } from '../../../src-main/domain/coupons/protocol';
import { STREAM_SCHEMAS } from '../../../src-main/domain/sync/reference';

const rule = {
  titleZh: '满100减20',
  titleEn: '20 off 100',
  offer: { kind: 'amountOff', threshold: 100_00, off: 20_00 },
  scope: { kind: 'all' },
  validFrom: '2026-12-01T00:00:00+08:00',
  validTo: '2027-01-01T00:00:00+08:00',
  perMemberLimit: 1,
  totalLimit: 100,
  stacks: false,
};

describe('coupons protocol', () => {
  it('the coupons.rules and coupons.displays streams are the ones the terminal accepts', () => {
    expect(STREAM_SCHEMAS['coupons.rules']!.safeParse(rule).success).toBe(true);
    expect(STREAM_SCHEMAS['coupons.displays']!.safeParse({ titleZh: '新品', titleEn: 'New', itemIds: ['cola'], textZh: '', textEn: '', imageUrl: null, sort: 0 }).success).toBe(true);
  });

  it('refuses a window that ends before it starts, money in floats, control characters and unknown fields', () => {
    expect(couponRuleRecord.safeParse({ ...rule, validTo: '2026-11-30T00:00:00+08:00' }).success).toBe(false);
    expect(couponRuleRecord.safeParse({ ...rule, offer: { kind: 'amountOff', threshold: 100.5, off: 20_00 } }).success).toBe(false);
    expect(couponRuleRecord.safeParse({ ...rule, offer: { kind: 'percentOff', percent: 100, cap: null, threshold: 0 } }).success).toBe(false);
    expect(couponRuleRecord.safeParse({ ...rule, titleZh: 'a\u001bb' }).success).toBe(false);
    expect(couponRuleRecord.safeParse({ ...rule, extra: 1 }).success).toBe(false);
    expect(couponDisplayRecord.safeParse({ titleZh: 'x', titleEn: '', itemIds: [], textZh: '', textEn: '', imageUrl: null, sort: 0 }).success).toBe(false);
    expect(couponDisplayRecord.safeParse({ titleZh: 'x', titleEn: '', itemIds: ['a'], textZh: '', textEn: '', imageUrl: 'javascript:alert(1)', sort: 0 }).success).toBe(false);
  });

  it('turns the published window into the epoch-ms window the rules use (from inclusive, to exclusive)', () => {
    const c = toDomainCoupon('c1', couponRuleRecord.parse(rule));
    expect(c.validFrom).toBe(Date.parse('2026-11-30T16:00:00Z'));
    expect(c.validTo).toBe(Date.parse('2026-12-31T16:00:00Z'));
    expect(toDomainCoupon('c2', couponRuleRecord.parse({ ...rule, validFrom: null, validTo: null })).validTo).toBeNull();
  });
});
