// Demo reference data for the travel desk: miles rules by route and service. Seeded once, through
// the manager's rule command, so they are journaled like any rule a manager enters.
import { encodeBoardingPass, type PointsRule } from '../../domain/points';
import type { PointsService } from './points-service';

type DemoRule = Omit<PointsRule, 'validFrom' | 'validTo'>;

/** 100 miles = ¥1 everywhere in the demo: PEK-SHA baggage mixed up to 50%, lounges miles-only, seats up to 100%, a default of 20%. */
export const DEMO_RULES: DemoRule[] = [
  { id: 'DEMO-PEKSHA-BAG', route: { kind: 'route', origin: 'PEK', destination: 'SHA' }, serviceType: 'baggage', maxSharePct: 50, exchange: { points: 100, fen: 100 }, pointsOnly: false, minPointsPerUse: 0 },
  { id: 'DEMO-LOUNGE', route: { kind: 'any' }, serviceType: 'lounge', maxSharePct: 100, exchange: { points: 100, fen: 100 }, pointsOnly: true, minPointsPerUse: 0 },
  { id: 'DEMO-SEAT', route: { kind: 'any' }, serviceType: 'seat', maxSharePct: 100, exchange: { points: 100, fen: 100 }, pointsOnly: false, minPointsPerUse: 500 },
  { id: 'DEMO-DEFAULT', route: { kind: 'any' }, serviceType: null, maxSharePct: 20, exchange: { points: 100, fen: 100 }, pointsOnly: false, minPointsPerUse: 0 },
];

/** The demo passenger's boarding pass for today's CA1501 PEK→SHA, carrying their member number (the demo server's 张三). */
export function demoBoardingPass(now: Date): string {
  const start = Date.UTC(now.getUTCFullYear(), 0, 1);
  const dayOfYear = Math.floor((Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - start) / 86_400_000) + 1;
  return encodeBoardingPass({ name: 'ZHANG/SAN', pnr: 'DEMO01', origin: 'PEK', destination: 'SHA', carrier: 'CA', flightNumber: '1501', dayOfYear, compartment: 'Y', seat: '12C', frequentFlyer: { airline: 'CA', number: 'CA88001234' } });
}

export async function seedPointsDemo(points: PointsService): Promise<boolean> {
  if (points.store.rules().length > 0) return false;
  for (const r of DEMO_RULES) await points.rules.set(null, { ...r, validFrom: null, validTo: null });
  return true;
}
