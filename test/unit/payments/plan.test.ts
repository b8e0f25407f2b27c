import { describe, expect, it } from 'vitest';
import { planPayment, quotePayment, refundToOriginal, tenderAccountCode } from '../../../src-main/domain/payments';

describe('planPayment: one rule for plans and change', () => {
  it('gives change for cash only and books the cash that stays in the drawer', () => {
    expect(planPayment(39800, [{ method: 'bank_card', amount: 20000 }, { method: 'cash', amount: 20000 }])).toEqual({
      ok: true,
      tenders: [{ method: 'cash', amount: 19800 }, { method: 'bank_card', amount: 20000 }],
      change: 200,
      received: 40000,
    });
  });
  it('accepts exact payment, refuses a short one with how much is missing (one minor unit)', () => {
    expect(planPayment(39800, [{ method: 'mobile', amount: 39800 }])).toMatchObject({ ok: true, change: 0 });
    expect(planPayment(39800, [{ method: 'cash', amount: 39799 }])).toEqual({ ok: false, reason: 'short', short: 1 });
  });
  it('refuses card or mobile above the amount due, by one minor unit (no change from a card)', () => {
    expect(planPayment(39800, [{ method: 'bank_card', amount: 39801 }])).toEqual({ ok: false, reason: 'nonCashOver', over: 1 });
    expect(planPayment(39800, [{ method: 'bank_card', amount: 20000 }, { method: 'mobile', amount: 19801 }])).toEqual({ ok: false, reason: 'nonCashOver', over: 1 });
  });
  it('refuses zero, negative, fractional and unknown tenders, and tenders not accepted here', () => {
    expect(planPayment(100, [{ method: 'cash', amount: 0 }])).toEqual({ ok: false, reason: 'badTender' });
    expect(planPayment(100, [{ method: 'cash', amount: -100 }, { method: 'cash', amount: 200 }])).toEqual({ ok: false, reason: 'badTender' });
    expect(planPayment(100, [{ method: 'cash', amount: 100.5 }])).toEqual({ ok: false, reason: 'badTender' });
    expect(planPayment(100, [{ method: 'gold' as 'cash', amount: 100 }])).toEqual({ ok: false, reason: 'badTender' });
    expect(planPayment(100, [{ method: 'miles', amount: 100 }])).toEqual({ ok: false, reason: 'badTender' });
    expect(planPayment(100, [{ method: 'miles', amount: 100 }], ['miles'])).toMatchObject({ ok: true });
  });
  it('merges tenders of one method; nothing to pay needs no tender', () => {
    expect(planPayment(500, [{ method: 'cash', amount: 200 }, { method: 'cash', amount: 300 }])).toEqual({ ok: true, tenders: [{ method: 'cash', amount: 500 }], change: 0, received: 500 });
    expect(planPayment(0, [])).toEqual({ ok: true, tenders: [], change: 0, received: 0 });
  });
  it('refuses a sum that overflows safe integers instead of rounding', () => {
    expect(planPayment(1, [{ method: 'cash', amount: Number.MAX_SAFE_INTEGER }, { method: 'cash', amount: 1 }])).toEqual({ ok: false, reason: 'badTender' });
  });
});

describe('quotePayment: what the screen shows before confirming', () => {
  it('shows change, or what is missing, or what a card is over', () => {
    expect(quotePayment(19800, [{ method: 'cash', amount: 20000 }])).toEqual({ due: 19800, received: 20000, change: 200, short: 0, problem: null, over: 0 });
    expect(quotePayment(19800, [{ method: 'cash', amount: 10000 }])).toMatchObject({ received: 10000, change: 0, short: 9800, problem: 'short' });
    expect(quotePayment(19800, [{ method: 'bank_card', amount: 20000 }])).toMatchObject({ change: 0, over: 200, problem: 'nonCashOver' });
  });
});

describe('refundToOriginal', () => {
  it('returns money to the tenders that paid, electronic first, cash last, each at most what it paid', () => {
    const paid = [{ method: 'cash' as const, amount: 5000 }, { method: 'bank_card' as const, amount: 3000 }];
    expect(refundToOriginal(paid, 2000)).toEqual([{ method: 'bank_card', amount: 2000 }]);
    expect(refundToOriginal(paid, 3000)).toEqual([{ method: 'bank_card', amount: 3000 }]);
    expect(refundToOriginal(paid, 3001)).toEqual([{ method: 'bank_card', amount: 3000 }, { method: 'cash', amount: 1 }]);
    expect(refundToOriginal(paid, 0)).toEqual([]);
    expect(() => refundToOriginal(paid, 8001)).toThrow(RangeError);
  });
  it('one account code per method', () => {
    expect(tenderAccountCode('cash')).toBe('tender:cash');
    expect(tenderAccountCode('bank_card')).toBe('tender:bank_card');
  });
});
