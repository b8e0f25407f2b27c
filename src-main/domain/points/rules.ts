/**
 * Payment rules for paying a service with points: an airline's miles for ancillary services
 * (extra baggage, seat, lounge …) or a venue's loyalty points. One engine serves both; the
 * programme's unit ("miles", "积分") is data, not code.
 *
 * A rule says, for a payment condition (route × service type), how much of a price may be paid
 * in points (`maxSharePct`), at what exchange (`points` buy `fen`, both integers: 100 miles =
 * ¥1 is `{ points: 100, fen: 100 }`), whether the rest may be paid in cash (`pointsOnly`), the
 * fewest points one use may take, and when it is valid.
 */

/** Where a rule applies: one route (either direction is a different route), a named group, or any. */
export type RouteScope = { kind: 'route'; origin: string; destination: string } | { kind: 'group'; group: string } | { kind: 'any' };

export interface PointsRule {
  id: string;
  route: RouteScope;
  /** A service type code ('baggage', 'seat', 'lounge' …); null = any service. */
  serviceType: string | null;
  /** Most of the price payable in points, whole percent 0..100. */
  maxSharePct: number;
  exchange: { points: number; fen: number };
  /** Points only: the whole price in points or not at all (then maxSharePct is 100). */
  pointsOnly: boolean;
  /** Fewest points one payment may use (0 = no minimum). */
  minPointsPerUse: number;
  /** Valid from (inclusive) to (exclusive), epoch ms; null = open. */
  validFrom: number | null;
  validTo: number | null;
}

/** The condition a payment is made under: its route (with the groups the route belongs to) and service. */
export interface PaymentCondition {
  origin: string;
  destination: string;
  /** Route groups containing this route ('domestic', 'PEK-SHA shuttle' …), from reference data. */
  groups: readonly string[];
  serviceType: string;
  at: number;
}

/**
 * How specific a rule is; the most specific matching rule wins. The stated order:
 *   route + service (6) > group + service (5) > service only (4) > route only (3) > group only (2) > any (1).
 * The service type weighs more than the route: a lounge rule for any route beats a route's
 * catch-all rule, because what is bought decides more of the price than where one flies.
 */
export function specificity(rule: Pick<PointsRule, 'route' | 'serviceType'>): number {
  const typed = rule.serviceType !== null;
  switch (rule.route.kind) {
    case 'route':
      return typed ? 6 : 3;
    case 'group':
      return typed ? 5 : 2;
    case 'any':
      return typed ? 4 : 1;
  }
}

function routeMatches(scope: RouteScope, c: PaymentCondition): boolean {
  if (scope.kind === 'any') return true;
  if (scope.kind === 'group') return c.groups.includes(scope.group);
  return scope.origin === c.origin && scope.destination === c.destination;
}

function validAt(rule: PointsRule, at: number): boolean {
  return (rule.validFrom === null || at >= rule.validFrom) && (rule.validTo === null || at < rule.validTo);
}

export function ruleMatches(rule: PointsRule, c: PaymentCondition): boolean {
  return validAt(rule, c.at) && routeMatches(rule.route, c) && (rule.serviceType === null || rule.serviceType === c.serviceType);
}

/**
 * The rule for a payment condition, or null when none matches. Two matching rules of the same
 * specificity cannot both exist for one condition (rule entry refuses them, see `ruleConflicts`),
 * except two groups containing the same route: then the rule with the smaller id wins, so that
 * the answer never depends on storage order.
 */
export function matchRule(rules: readonly PointsRule[], c: PaymentCondition): PointsRule | null {
  let best: PointsRule | null = null;
  for (const r of rules) {
    if (!ruleMatches(r, c)) continue;
    if (!best) best = r;
    else {
      const d = specificity(r) - specificity(best);
      if (d > 0 || (d === 0 && r.id < best.id)) best = r;
    }
  }
  return best;
}

export type RuleProblem =
  | { field: 'maxSharePct'; reason: 'range' }
  | { field: 'exchange'; reason: 'positive' }
  | { field: 'minPointsPerUse'; reason: 'range' }
  | { field: 'validTo'; reason: 'beforeFrom' }
  | { field: 'pointsOnly'; reason: 'needsFullShare' }
  | { field: 'route'; reason: 'code' }
  | { field: 'route'; reason: 'overlaps'; otherId: string };

const AIRPORT = /^[A-Z]{3}$/;

function sameScope(a: PointsRule, b: PointsRule): boolean {
  if (a.serviceType !== b.serviceType || a.route.kind !== b.route.kind) return false;
  if (a.route.kind === 'group' && b.route.kind === 'group') return a.route.group === b.route.group;
  if (a.route.kind === 'route' && b.route.kind === 'route') return a.route.origin === b.route.origin && a.route.destination === b.route.destination;
  return true;
}

function windowsOverlap(a: PointsRule, b: PointsRule): boolean {
  const aFrom = a.validFrom ?? -Infinity;
  const aTo = a.validTo ?? Infinity;
  const bFrom = b.validFrom ?? -Infinity;
  const bTo = b.validTo ?? Infinity;
  return aFrom < bTo && bFrom < aTo;
}

/**
 * What is wrong with a rule entered beside `existing` ones (itself excluded by id): ranges, and a
 * tie — another rule with the same route scope and service whose validity overlaps — which is refused
 * here so that matching never has to guess.
 */
export function ruleProblems(rule: PointsRule, existing: readonly PointsRule[]): RuleProblem[] {
  const out: RuleProblem[] = [];
  if (!Number.isInteger(rule.maxSharePct) || rule.maxSharePct < 0 || rule.maxSharePct > 100) out.push({ field: 'maxSharePct', reason: 'range' });
  const { points, fen } = rule.exchange;
  if (!Number.isSafeInteger(points) || !Number.isSafeInteger(fen) || points <= 0 || fen <= 0) out.push({ field: 'exchange', reason: 'positive' });
  if (!Number.isSafeInteger(rule.minPointsPerUse) || rule.minPointsPerUse < 0) out.push({ field: 'minPointsPerUse', reason: 'range' });
  if (rule.validFrom !== null && rule.validTo !== null && rule.validTo <= rule.validFrom) out.push({ field: 'validTo', reason: 'beforeFrom' });
  if (rule.pointsOnly && rule.maxSharePct !== 100) out.push({ field: 'pointsOnly', reason: 'needsFullShare' });
  if (rule.route.kind === 'route' && (!AIRPORT.test(rule.route.origin) || !AIRPORT.test(rule.route.destination) || rule.route.origin === rule.route.destination)) {
    out.push({ field: 'route', reason: 'code' });
  }
  const tie = existing.find((o) => o.id !== rule.id && sameScope(o, rule) && windowsOverlap(o, rule));
  if (tie) out.push({ field: 'route', reason: 'overlaps', otherId: tie.id });
  return out;
}
