import { describe, expect, it } from 'vitest';
import { parseBoardingPass, resolveFlightDate } from '../../../src-main/domain/points';

// The single-leg example of IATA Resolution 792 (no conditional items).
const ONE_LEG = 'M1DESMARAIS/LUC       EABC123 YULFRAAC 0834 326J001A0025 100';
// Two legs, the first with a version-6 conditional section (size 0x1B = 27), the second with 0x00,
// then security data: laid out by the standard, as airline kiosks print them.
const COND = '>60B        0              ';
const TWO_LEGS = `M2${'ZHANG/SAN MR'.padEnd(20)}EABCDEF PEKSHACA 1501 327Y012C0001 11B${COND}XYZ789 SHACANCZ 3101 328Y 31K0042 100^164`;

describe('boarding pass (IATA BCBP)', () => {
  const scanned = new Date(Date.UTC(2026, 10, 20));

  it('reads the passenger, flight, route and date of a one-leg pass', () => {
    const r = parseBoardingPass(ONE_LEG, scanned);
    expect(r).toEqual({
      ok: true,
      pass: {
        passengerName: 'DESMARAIS/LUC',
        surname: 'DESMARAIS',
        givenNames: 'LUC',
        electronicTicket: true,
        legs: [{ pnr: 'ABC123', origin: 'YUL', destination: 'FRA', carrier: 'AC', flight: 'AC834', dayOfYear: 326, date: '2026-11-22', compartment: 'J', seat: '1A' }],
      },
    });
  });

  it('skips each leg\'s variable section by its size and reads the next leg', () => {
    expect(COND).toHaveLength(0x1b);
    const r = parseBoardingPass(TWO_LEGS, scanned);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.pass.givenNames).toBe('SAN MR');
    expect(r.pass.legs.map((l) => [l.flight, l.origin, l.destination, l.date, l.seat])).toEqual([
      ['CA1501', 'PEK', 'SHA', '2026-11-23', '12C'],
      ['CZ3101', 'SHA', 'CAN', '2026-11-24', '31K'],
    ]);
  });

  it('a trailing newline from the scanner is not part of the pass', () => {
    expect(parseBoardingPass(`${ONE_LEG}\r\n`, scanned).ok).toBe(true);
  });

  it.each([
    ['not a BCBP (a product barcode)', '6901234567892', { reason: 'notBcbp' }],
    ['cut short', ONE_LEG.slice(0, 50), { reason: 'tooShort', at: 50 }],
    ['leg count 0', ONE_LEG.replace('M1', 'M0'), { reason: 'badField', field: 'legs' }],
    ['leg count not a digit', ONE_LEG.replace('M1', 'MX'), { reason: 'badField', field: 'legs' }],
    ['lower-case airport', ONE_LEG.replace('YULFRA', 'yulFRA'), { reason: 'badField', field: 'airport', leg: 1 }],
    ['day 367', ONE_LEG.replace(' 326J', ' 367J'), { reason: 'badField', field: 'date', leg: 1 }],
    ['day 000', ONE_LEG.replace(' 326J', ' 000J'), { reason: 'badField', field: 'date', leg: 1 }],
    ['variable size not hex', ONE_LEG.replace(/00$/, 'ZZ'), { reason: 'badField', field: 'variableSize', leg: 1 }],
    ['variable section longer than the text', ONE_LEG.replace(/00$/, '10'), { reason: 'tooShort', at: 60 }],
    ['two legs announced, one present', ONE_LEG.replace('M1', 'M2'), { reason: 'tooShort', at: 60 }],
    ['blank name', `M1${' '.repeat(20)}${ONE_LEG.slice(22)}`, { reason: 'badField', field: 'name' }],
  ])('refuses %s', (_what, raw, error) => {
    expect(parseBoardingPass(raw, scanned)).toEqual({ ok: false, error });
  });

  it('resolves the year of a Julian date to the one nearest the scan', () => {
    expect(resolveFlightDate(2, new Date(Date.UTC(2026, 11, 30)))).toBe('2027-01-02');
    expect(resolveFlightDate(364, new Date(Date.UTC(2027, 0, 2)))).toBe('2026-12-30');
    expect(resolveFlightDate(60, new Date(Date.UTC(2028, 1, 1)))).toBe('2028-02-29');
    // Day 366 exists only in leap years: from 2026 it is 2024-12-31 or 2028-12-31, never 2027-01-01.
    expect(resolveFlightDate(366, new Date(Date.UTC(2025, 0, 2)))).toBe('2024-12-31');
  });
});
