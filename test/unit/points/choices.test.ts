import { describe, expect, it } from 'vitest';
import { shareChoices, shareRange, type PointsRule } from '../../../src-main/domain/points';

const rule = (over: Partial<PointsRule> = {}): PointsRule => ({ id: 'r', route: { kind: 'any' }, serviceType: 'baggage', maxSharePct: 50, exchange: { points: 100, fen: 100 }, pointsOnly: false, minPointsPerUse: 0, validFrom: null, validTo: null, ...over });

describe('share choices offered to the passenger (the second ratio)', () => {
  it('all cash, every ten percent up to the rule, when the balance covers the rule', () => {
    const r = shareRange(30_000, rule(), 25_000);
    expect(r).toEqual({ maxPct: 50, minPct: 1, enough: true });
    expect(shareChoices(r, false)).toEqual([0, 10, 20, 30, 40, 50]);
  });

  it('stops at the first ratio the balance covers, and offers it as a button', () => {
    // 11,111 miles at 1 mile per fen cover 37% of ¥300 (11,100), not 38% (11,400).
    const r = shareRange(30_000, rule(), 11_111);
    expect(r).toMatchObject({ maxPct: 37, enough: false });
    expect(shareChoices(r, false)).toEqual([0, 10, 20, 30, 37]);
  });

  it('starts at the smallest share that reaches the minimum per use', () => {
    const r = shareRange(30_000, rule({ minPointsPerUse: 6_900 }), 25_000);
    expect(r.minPct).toBe(23);
    expect(shareChoices(r, true)).toEqual([0, 23, 30, 40, 50]);
  });

  it('offers only all cash when no share the balance covers reaches the minimum', () => {
    const r = shareRange(30_000, rule({ minPointsPerUse: 6_900 }), 6_899);
    expect(r.minPct).toBeNull();
    expect(shareChoices(r, true)).toEqual([0]);
  });

  it('a small rule share below ten percent still offers a miles share', () => {
    expect(shareChoices(shareRange(30_000, rule({ maxSharePct: 5 }), 25_000), false)).toEqual([0, 1, 5]);
  });
});
