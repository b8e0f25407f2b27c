/**
 * The ancillary services a travel desk sells with points, as a passenger names them. The code is
 * what payment rules refer to (`PointsRule.serviceType`); a venue's loyalty programme adds its own.
 */
export const SERVICE_TYPES = ['baggage', 'seat', 'lounge', 'upgrade', 'meal'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const SERVICE_NAMES: Record<ServiceType, { 'zh-CN': string; en: string }> = {
  baggage: { 'zh-CN': '额外行李', en: 'Extra baggage' },
  seat: { 'zh-CN': '选座', en: 'Seat selection' },
  lounge: { 'zh-CN': '贵宾休息室', en: 'Lounge' },
  upgrade: { 'zh-CN': '升舱', en: 'Upgrade' },
  meal: { 'zh-CN': '餐食', en: 'Meal' },
};

/** "PEK-SHA": how a route reads on screens and receipts. */
export function routeLabel(origin: string, destination: string): string {
  return `${origin}-${destination}`;
}

/** The BCBP of a one-leg pass, built by the layout `parseBoardingPass` reads (demo and tests). */
export function encodeBoardingPass(p: { name: string; pnr: string; origin: string; destination: string; carrier: string; flightNumber: string; dayOfYear: number; compartment: string; seat: string; frequentFlyer?: { airline: string; number: string } }): string {
  let variable = '';
  if (p.frequentFlyer) {
    const repeated = `000${'0'.repeat(10)}  ${p.carrier.padEnd(3)}${p.frequentFlyer.airline.padEnd(3)}${p.frequentFlyer.number.padEnd(16)}`;
    variable = `>600${hex2(repeated.length)}${repeated}`;
  }
  return [
    'M1',
    p.name.padEnd(20).slice(0, 20),
    'E',
    p.pnr.padEnd(7),
    p.origin,
    p.destination,
    p.carrier.padEnd(3),
    p.flightNumber.padStart(4, '0').padEnd(5),
    String(p.dayOfYear).padStart(3, '0'),
    p.compartment,
    p.seat.padStart(4, '0'),
    '0001 ',
    '1',
    hex2(variable.length),
    variable,
  ].join('');
}

function hex2(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}
