import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstPlan, planAtShare, shareRange, type PointsRule } from '../../../src-main/domain/points';

const rule = (more: Partial<PointsRule> = {}): PointsRule => ({ id: 'r', route: { kind: 'any' }, serviceType: null, maxSharePct: 100, exchange: { points: 100, fen: 100 }, pointsOnly: false, minPointsPerUse: 0, validFrom: null, validTo: null, ...more });

describe('points-only rule', () => {
  const only = rule({ pointsOnly: true });
  it('balance exactly enough: the whole price in points, none left', () => {
    expect(firstPlan(15000, only, 15000)).toMatchObject({ ok: true, points: 15000, cashFen: 0, pointsLeft: 0, roundedUpFen: 0 });
  });
  it('one point short: refused, saying how many are missing', () => {
    expect(firstPlan(15000, only, 14999)).toEqual({ ok: false, reason: 'pointsOnlyShort', needed: 15000, missing: 1 });
  });
  it('a price that is not a whole number of units: points rounded up by less than one unit', () => {
    // 150 miles = ¥1 → one unit is 3 miles for 2 fen; ¥0.05 needs 3 units = 9 miles (worth 6 fen).
    const r = firstPlan(5, rule({ pointsOnly: true, exchange: { points: 150, fen: 100 } }), 100);
    expect(r).toMatchObject({ ok: true, points: 9, cashFen: 0, pointsValueFen: 5, roundedUpFen: 1 });
  });
  it('no other share than 100 %', () => {
    expect(planAtShare(1000, only, 5000, 50)).toEqual({ ok: false, reason: 'shareOutOfRange', maxPct: 100 });
  });
});

describe('mixed rule', () => {
  it('enough points: the plan is the rule\'s share', () => {
    expect(firstPlan(20000, rule({ maxSharePct: 50 }), 50000)).toMatchObject({ ok: true, points: 10000, cashFen: 10000, pointsLeft: 40000, sharePct: 50 });
  });
  it('not enough: the first ratio is what the points cover, the rest in cash', () => {
    const r = shareRange(20000, rule({ maxSharePct: 50 }), 6000);
    expect(r).toEqual({ maxPct: 30, minPct: 1, enough: false });
    expect(firstPlan(20000, rule({ maxSharePct: 50 }), 6000)).toMatchObject({ ok: true, points: 6000, cashFen: 14000, pointsLeft: 0, sharePct: 30 });
  });
  it('the customer chooses a second ratio; above what the balance covers is refused', () => {
    expect(planAtShare(20000, rule({ maxSharePct: 50 }), 6000, 20)).toMatchObject({ ok: true, points: 4000, cashFen: 16000, pointsLeft: 2000 });
    expect(planAtShare(20000, rule({ maxSharePct: 50 }), 6000, 31)).toEqual({ ok: false, reason: 'notEnoughPoints', needed: 6200, missing: 200 });
    expect(planAtShare(20000, rule({ maxSharePct: 50 }), 60000, 51)).toEqual({ ok: false, reason: 'shareOutOfRange', maxPct: 50 });
  });
  it('ratio 0 %: points cannot pay for this service', () => {
    expect(firstPlan(20000, rule({ maxSharePct: 0 }), 60000)).toEqual({ ok: false, reason: 'noShare' });
  });
  it('ratio 100 % with enough points: no cash part', () => {
    expect(firstPlan(12345, rule(), 12345)).toMatchObject({ ok: true, points: 12345, cashFen: 0 });
  });
  it('share 0: all cash, no points taken', () => {
    expect(planAtShare(12345, rule(), 99999, 0)).toMatchObject({ ok: true, points: 0, cashFen: 12345, pointsLeft: 99999 });
  });
  it('the fewest points per use: a share under it is refused; a balance under it cannot pay', () => {
    const r = rule({ minPointsPerUse: 1000 });
    expect(planAtShare(20000, r, 5000, 4)).toEqual({ ok: false, reason: 'belowMinimum', minimum: 1000 });
    expect(planAtShare(20000, r, 5000, 5)).toMatchObject({ ok: true, points: 1000 });
    expect(firstPlan(20000, r, 999)).toEqual({ ok: false, reason: 'notEnoughPoints', needed: 1000, missing: 1 });
    expect(firstPlan(500, r, 99999)).toEqual({ ok: false, reason: 'belowMinimum', minimum: 1000 });
  });
  it('a price not divisible by the exchange: points rounded down to whole units, cash exact', () => {
    // 150 miles = ¥1 (3 miles per 2 fen); half of ¥0.07 = 3.5 fen → 1 unit: 3 miles pay 2 fen, 5 fen cash.
    expect(planAtShare(7, rule({ exchange: { points: 150, fen: 100 } }), 1000, 50)).toMatchObject({ ok: true, points: 3, pointsValueFen: 2, cashFen: 5 });
  });
  it('refuses a price that is not a positive whole number of fen', () => {
    for (const p of [0, -1, 1.5, Number.NaN, 2e12]) expect(firstPlan(p, rule(), 100)).toEqual({ ok: false, reason: 'badPrice' });
  });
});

describe('every plan, for any price, exchange, share and balance', () => {
  it('points × exchange + cash = price exactly; never more points than held or than the share; rounding under one unit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 20_000_000 }),
        (price, points, fen, maxSharePct, share, balance) => {
          const r = rule({ exchange: { points, fen }, maxSharePct });
          const plan = planAtShare(price, r, balance, Math.min(share, maxSharePct));
          if (!plan.ok) {
            expect(plan.reason).toBe('notEnoughPoints');
            return;
          }
          // Exact value: points buy points/unit × unit fen.
          expect(plan.points * fen).toBe(plan.pointsValueFen * points);
          expect(plan.pointsValueFen + plan.cashFen).toBe(price);
          expect(plan.points).toBeLessThanOrEqual(balance);
          expect(plan.pointsValueFen * 100).toBeLessThanOrEqual(price * plan.sharePct);
          // Rounded down by less than one unit of value (unit fen = fen / gcd).
          const g = gcd(points, fen);
          expect(price * plan.sharePct - plan.pointsValueFen * 100).toBeLessThan((fen / g) * 100);
        },
      ),
    );
  });
});

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
