// Grade prices change at an exact instant (a mid-day price change): each price row is
// effective from a UTC time until the next one of the same grade.

export interface PriceRow {
  /** Minor units per litre. */
  price: number;
  /** ISO-8601 UTC instant. */
  effectiveFrom: string;
}

/** The price in force at `at`: the latest row effective at or before it, or undefined before the first. */
export function priceAt<T extends PriceRow>(rows: readonly T[], at: Date): T | undefined {
  const t = at.getTime();
  let best: T | undefined;
  for (const row of rows) {
    const from = Date.parse(row.effectiveFrom);
    if (Number.isNaN(from) || from > t) continue;
    if (!best || from >= Date.parse(best.effectiveFrom)) best = row;
  }
  return best;
}
