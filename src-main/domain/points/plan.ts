import type { PointsRule } from './rules';

/**
 * The payment plan for a service priced `price` fen under a rule, for a customer holding `balance`
 * points. Points are whole numbers; cash is whole fen.
 *
 * Exchange in whole units: a rule of `points` per `fen` is reduced by their greatest common divisor
 * to one "unit" (150 miles = ¥1 → 3 miles per 2 fen), and points are only ever spent in whole units,
 * so that in a mixed plan `pointsValueFen + cashFen === price` exactly, with no fraction of a fen
 * anywhere.
 *
 * Rounding, stated (and tested):
 * - a mixed plan rounds the points part DOWN to a whole unit: the customer never gives more points
 *   than the share allows, and pays in cash at most one unit's worth (less than one fen at the
 *   usual 100 miles = ¥1) more than the exact share;
 * - a points-only plan for a price that is not a whole number of units rounds the points UP to the
 *   next unit (there is no cash part to take the rest): the customer gives at most one unit more
 *   than the exact price, reported as `roundedUpFen`; the sale is booked at its price.
 */
export interface PointsPlan {
  points: number;
  cashFen: number;
  /** What the points pay, in fen: price − cash (points-only: the price). */
  pointsValueFen: number;
  pointsLeft: number;
  /** The share of the price chosen, whole percent (points-only: 100). */
  sharePct: number;
  /** Points-only, price not a whole number of units: fen of value given beyond the price. */
  roundedUpFen: number;
}

export type PlanRefusal =
  | { reason: 'badPrice' }
  | { reason: 'noShare' }
  | { reason: 'pointsOnlyShort'; needed: number; missing: number }
  | { reason: 'belowMinimum'; minimum: number }
  | { reason: 'shareOutOfRange'; maxPct: number }
  | { reason: 'notEnoughPoints'; needed: number; missing: number };

export type PlanResult = ({ ok: true } & PointsPlan) | ({ ok: false } & PlanRefusal);

/** Prices above ¥10 billion are refused: keeps every product of price and percent below 2^53. */
export const MAX_PRICE_FEN = 1_000_000_000_000;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** One exchange unit: `points` points buy `fen` fen, reduced to lowest terms. */
export function exchangeUnit(rule: Pick<PointsRule, 'exchange'>): { points: number; fen: number } {
  const g = gcd(rule.exchange.points, rule.exchange.fen);
  return { points: rule.exchange.points / g, fen: rule.exchange.fen / g };
}

function validPrice(price: number): boolean {
  return Number.isSafeInteger(price) && price > 0 && price <= MAX_PRICE_FEN;
}

/** Units a share of the price may take: floor(floor(price × pct / 100) / unit fen). */
function unitsForShare(price: number, pct: number, unitFen: number): number {
  return Math.floor(Math.floor((price * pct) / 100) / unitFen);
}

function planOfUnits(price: number, units: number, unit: { points: number; fen: number }, balance: number, sharePct: number): PointsPlan {
  const points = units * unit.points;
  const pointsValueFen = units * unit.fen;
  return { points, cashFen: price - pointsValueFen, pointsValueFen, pointsLeft: balance - points, sharePct, roundedUpFen: 0 };
}

/** The smallest share (whole percent) whose points reach the rule's minimum per use, balance aside. */
function smallestShare(price: number, rule: PointsRule, unit: { points: number; fen: number }): { pct: number; points: number } | null {
  for (let pct = 1; pct <= rule.maxSharePct; pct++) {
    const points = unitsForShare(price, pct, unit.fen) * unit.points;
    if (points > 0 && points >= rule.minPointsPerUse) return { pct, points };
  }
  return null;
}

/**
 * What the customer can choose for a mixed rule: shares from `minPct` to `maxPct` (whole percent),
 * and 0 (all cash). `maxPct` is the "first ratio": the rule's share when the balance covers it,
 * otherwise the largest share the balance covers. `minPct` is the smallest share that reaches the
 * rule's fewest points per use (null: none the balance covers does).
 */
export function shareRange(price: number, rule: PointsRule, balance: number): { maxPct: number; minPct: number | null; enough: boolean } {
  const unit = exchangeUnit(rule);
  const affordable = Math.floor(Math.max(0, balance) / unit.points);
  const enough = affordable >= unitsForShare(price, rule.maxSharePct, unit.fen);
  let maxPct = rule.maxSharePct;
  while (maxPct > 0 && unitsForShare(price, maxPct, unit.fen) > affordable) maxPct--;
  const smallest = smallestShare(price, rule, unit);
  return { maxPct, minPct: smallest && smallest.pct <= maxPct ? smallest.pct : null, enough };
}

/**
 * The plan the customer is offered first: points-only → the whole price in points or a refusal
 * saying how many points are missing; mixed → the rule's share if the balance covers it, otherwise
 * the share the balance covers (the first ratio), which the customer may then change (`planAtShare`).
 */
export function firstPlan(price: number, rule: PointsRule, balance: number): PlanResult {
  if (!validPrice(price)) return { ok: false, reason: 'badPrice' };
  const unit = exchangeUnit(rule);
  if (rule.pointsOnly) {
    const units = Math.ceil(price / unit.fen);
    const needed = Math.max(units * unit.points, rule.minPointsPerUse);
    if (balance < needed) return { ok: false, reason: 'pointsOnlyShort', needed, missing: needed - Math.max(0, balance) };
    return { ok: true, points: needed, cashFen: 0, pointsValueFen: price, pointsLeft: balance - needed, sharePct: 100, roundedUpFen: units * unit.fen - price };
  }
  if (rule.maxSharePct === 0) return { ok: false, reason: 'noShare' };
  const smallest = smallestShare(price, rule, unit);
  // Even the rule's whole share of this price stays under the minimum per use.
  if (!smallest) return { ok: false, reason: 'belowMinimum', minimum: rule.minPointsPerUse };
  const range = shareRange(price, rule, balance);
  if (range.minPct === null) return { ok: false, reason: 'notEnoughPoints', needed: smallest.points, missing: smallest.points - Math.max(0, balance) };
  return planAtShare(price, rule, balance, range.maxPct);
}

/** The plan at the share the customer chose (the second ratio), whole percent; 0 = all cash. */
export function planAtShare(price: number, rule: PointsRule, balance: number, sharePct: number): PlanResult {
  if (!validPrice(price)) return { ok: false, reason: 'badPrice' };
  if (rule.pointsOnly) return sharePct === 100 ? firstPlan(price, rule, balance) : { ok: false, reason: 'shareOutOfRange', maxPct: 100 };
  const unit = exchangeUnit(rule);
  if (!Number.isInteger(sharePct) || sharePct < 0 || sharePct > rule.maxSharePct) return { ok: false, reason: 'shareOutOfRange', maxPct: rule.maxSharePct };
  const units = unitsForShare(price, sharePct, unit.fen);
  const points = units * unit.points;
  if (points > balance) return { ok: false, reason: 'notEnoughPoints', needed: points, missing: points - Math.max(0, balance) };
  if (points > 0 && points < rule.minPointsPerUse) return { ok: false, reason: 'belowMinimum', minimum: rule.minPointsPerUse };
  return { ok: true, ...planOfUnits(price, units, unit, balance, sharePct) };
}
