// Counting the drawer: notes and coins by denomination, their total, and the difference to what
// the drawer should hold. Integers of minor units only; a count that is not a whole, non-negative
// number of a denomination this currency has is refused with the denomination named.

/** Denominations in minor units, largest first, as a cashier counts them. */
export const DENOMINATIONS: Record<string, readonly number[]> = {
  // 100, 50, 20, 10, 5, 1 yuan; 5 and 1 jiao (the 1-yuan coin and note count together).
  CNY: [10000, 5000, 2000, 1000, 500, 100, 50, 10],
  USD: [10000, 5000, 2000, 1000, 500, 200, 100, 25, 10, 5, 1],
  EUR: [50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
  HKD: [100000, 50000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10],
};

/** The most pieces of one denomination a count may hold (a typo guard, far above any drawer). */
export const MAX_PIECES = 100_000;

export function denominationsOf(currency: string): readonly number[] {
  return DENOMINATIONS[currency] ?? [1];
}

/** A count as the screen sends it: denomination (minor units, as a string key) → pieces. */
export type CashCount = Record<string, number>;

export type CountProblem = { denomination: string; reason: 'unknown' | 'pieces' };

/** The total of a count, or the first problem in it. Zero pieces of a denomination may be left out. */
export function countTotal(count: CashCount, currency: string): { ok: true; total: number } | { ok: false; problem: CountProblem } {
  const known = new Set(denominationsOf(currency).map(String));
  let total = 0;
  for (const [denomination, pieces] of Object.entries(count)) {
    if (!known.has(denomination)) return { ok: false, problem: { denomination, reason: 'unknown' } };
    if (!Number.isSafeInteger(pieces) || pieces < 0 || pieces > MAX_PIECES) return { ok: false, problem: { denomination, reason: 'pieces' } };
    total += Number(denomination) * pieces;
  }
  return { ok: true, total };
}

/** A count with the denominations that have no pieces left out: what the journal keeps. */
export function normalizeCount(count: CashCount, currency: string): CashCount {
  const out: CashCount = {};
  for (const d of denominationsOf(currency)) {
    const n = count[String(d)] ?? 0;
    if (n > 0) out[String(d)] = n;
  }
  return out;
}

/** What the drawer should hold at the end of a shift. */
export interface DrawerMoves {
  float: number;
  cashSales: number;
  cashRefunds: number;
  payIns: number;
  payOuts: number;
}

export function expectedCash(m: DrawerMoves): number {
  return m.float + m.cashSales - m.cashRefunds + m.payIns - m.payOuts;
}

/**
 * Counted against expected: the difference is counted − expected (over is positive, short is
 * negative). A difference whose size is over the store's limit needs a manager's approval;
 * exactly the limit does not.
 */
export function cashDifference(expected: number, counted: number, limit: number): { difference: number; needsManager: boolean } {
  const difference = counted - expected;
  return { difference, needsManager: Math.abs(difference) > limit };
}
