/**
 * The share buttons: all cash, each ten percent the rule and balance allow, the first ratio (the
 * largest share), and the smallest share when a minimum per use makes it one worth offering.
 */
export function shareChoices(range: { maxPct: number; minPct: number | null }, minimumApplies: boolean): number[] {
  const out = new Set<number>([0]);
  if (range.minPct !== null) {
    for (let p = Math.ceil(range.minPct / 10) * 10; p <= range.maxPct; p += 10) if (p > 0) out.add(p);
    if (minimumApplies || out.size === 1) out.add(range.minPct);
    out.add(range.maxPct);
  }
  return [...out].sort((a, b) => a - b);
}
