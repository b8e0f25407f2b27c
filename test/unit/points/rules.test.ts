import { describe, expect, it } from 'vitest';
import { matchRule, ruleProblems, type PaymentCondition, type PointsRule } from '../../../src-main/domain/points';

const base: Omit<PointsRule, 'id' | 'route' | 'serviceType'> = { maxSharePct: 100, exchange: { points: 100, fen: 100 }, pointsOnly: false, minPointsPerUse: 0, validFrom: null, validTo: null };
const rule = (id: string, route: PointsRule['route'], serviceType: string | null, more: Partial<PointsRule> = {}): PointsRule => ({ ...base, id, route, serviceType, ...more });

const PEK_SHA = { kind: 'route', origin: 'PEK', destination: 'SHA' } as const;
const cond = (more: Partial<PaymentCondition> = {}): PaymentCondition => ({ origin: 'PEK', destination: 'SHA', groups: ['domestic'], serviceType: 'baggage', at: Date.UTC(2026, 10, 22), ...more });

describe('which rule pays for a service', () => {
  const rules = [
    rule('any', { kind: 'any' }, null),
    rule('group', { kind: 'group', group: 'domestic' }, null),
    rule('route', PEK_SHA, null),
    rule('type', { kind: 'any' }, 'baggage'),
    rule('group+type', { kind: 'group', group: 'domestic' }, 'baggage'),
    rule('route+type', PEK_SHA, 'baggage'),
  ];

  it('takes the most specific: route+type > group+type > type > route > group > any', () => {
    const order = ['route+type', 'group+type', 'type', 'route', 'group', 'any'];
    for (let i = 0; i < order.length; i++) {
      const left = rules.filter((r) => order.slice(i).includes(r.id));
      expect(matchRule(left, cond())?.id).toBe(order[i]);
    }
  });

  it('a route is one direction: SHA→PEK does not match a PEK→SHA rule', () => {
    expect(matchRule(rules, cond({ origin: 'SHA', destination: 'PEK' }))?.id).toBe('group+type');
  });

  it('another service type falls back to the route rule', () => {
    expect(matchRule(rules, cond({ serviceType: 'lounge' }))?.id).toBe('route');
  });

  it('no matching rule: null (the service cannot be paid with points)', () => {
    expect(matchRule([rule('r', PEK_SHA, 'seat')], cond())).toBeNull();
  });

  it('validity: from is inclusive, to is exclusive', () => {
    const t = Date.UTC(2026, 10, 22);
    const r = [rule('w', PEK_SHA, 'baggage', { validFrom: t, validTo: t + 1000 })];
    expect(matchRule(r, cond({ at: t - 1 }))).toBeNull();
    expect(matchRule(r, cond({ at: t }))?.id).toBe('w');
    expect(matchRule(r, cond({ at: t + 999 }))?.id).toBe('w');
    expect(matchRule(r, cond({ at: t + 1000 }))).toBeNull();
  });

  it('two groups holding the same route at the same specificity: the smaller id wins, whatever the order', () => {
    const a = rule('a', { kind: 'group', group: 'domestic' }, 'baggage');
    const b = rule('b', { kind: 'group', group: 'shuttle' }, 'baggage');
    const c = cond({ groups: ['domestic', 'shuttle'] });
    expect(matchRule([a, b], c)?.id).toBe('a');
    expect(matchRule([b, a], c)?.id).toBe('a');
  });
});

describe('rule entry', () => {
  it('refuses a tie: same scope and service with overlapping validity', () => {
    const t = Date.UTC(2026, 0, 1);
    const existing = [rule('old', PEK_SHA, 'baggage', { validFrom: t, validTo: t + 10 })];
    expect(ruleProblems(rule('new', PEK_SHA, 'baggage', { validFrom: t + 9, validTo: null }), existing)).toEqual([{ field: 'route', reason: 'overlaps', otherId: 'old' }]);
    // Touching windows do not overlap; another service or direction is no tie; editing itself is no tie.
    expect(ruleProblems(rule('new', PEK_SHA, 'baggage', { validFrom: t + 10 }), existing)).toEqual([]);
    expect(ruleProblems(rule('new', PEK_SHA, 'seat'), existing)).toEqual([]);
    expect(ruleProblems(rule('new', { kind: 'route', origin: 'SHA', destination: 'PEK' }, 'baggage'), existing)).toEqual([]);
    expect(ruleProblems(rule('old', PEK_SHA, 'baggage'), existing)).toEqual([]);
  });

  it('refuses ranges a plan could not honour', () => {
    const problems = ruleProblems(rule('x', { kind: 'route', origin: 'PEK', destination: 'PEK' }, null, { maxSharePct: 101, exchange: { points: 0, fen: 100 }, minPointsPerUse: -1, validFrom: 10, validTo: 10 }), []);
    expect(problems.map((p) => p.field).sort()).toEqual(['exchange', 'maxSharePct', 'minPointsPerUse', 'route', 'validTo']);
    expect(ruleProblems(rule('y', { kind: 'any' }, null, { pointsOnly: true, maxSharePct: 50 }), [])).toEqual([{ field: 'pointsOnly', reason: 'needsFullShare' }]);
    expect(ruleProblems(rule('z', { kind: 'any' }, null, { maxSharePct: 12.5 }), [])).toEqual([{ field: 'maxSharePct', reason: 'range' }]);
  });
});
