import { describe, expect, it } from 'vitest';
import { encodeBoardingPass, frequentFlyerOf, parseBoardingPass } from '../../../src-main/domain/points';

// The IATA Resolution 792 example with conditional items (version 6): Air Canada, frequent flyer AC 1234567890123.
const IATA_WITH_FF = 'M1DESMARAIS/LUC       EABC123 YULFRAAC 0834 226F001A0025 14D>6181WW6225BAC 00141234560032A0141234567890 1AC AC 1234567890123    20KYLX58Z';

describe('boarding pass: the frequent flyer number (items 236, 237)', () => {
  const scanned = new Date(Date.UTC(2026, 7, 10));

  it('reads the programme and number from the first leg of the IATA example', () => {
    const r = parseBoardingPass(IATA_WITH_FF, scanned);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.pass.legs[0]).toMatchObject({ flight: 'AC834', origin: 'YUL', destination: 'FRA', date: '2026-08-14', frequentFlyer: { airline: 'AC', number: '1234567890123' } });
  });

  it('reads back what the desk encodes (the demo pass)', () => {
    const raw = encodeBoardingPass({ name: 'ZHANG/SAN', pnr: 'ABC123', origin: 'PEK', destination: 'SHA', carrier: 'CA', flightNumber: '1501', dayOfYear: 338, compartment: 'Y', seat: '12C', frequentFlyer: { airline: 'CA', number: 'CA88001234' } });
    const r = parseBoardingPass(raw, new Date(Date.UTC(2026, 11, 4)));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.pass).toMatchObject({ surname: 'ZHANG', givenNames: 'SAN' });
    expect(r.pass.legs).toEqual([expect.objectContaining({ flight: 'CA1501', origin: 'PEK', destination: 'SHA', date: '2026-12-04', seat: '12C', frequentFlyer: { airline: 'CA', number: 'CA88001234' } })]);
    const plain = encodeBoardingPass({ name: 'LI/SI', pnr: 'XYZ789', origin: 'SHA', destination: 'CAN', carrier: 'MU', flightNumber: '5101', dayOfYear: 1, compartment: 'Y', seat: '3A' });
    const p = parseBoardingPass(plain, new Date(Date.UTC(2026, 11, 30)));
    expect(p.ok && p.pass.legs[0]).toMatchObject({ flight: 'MU5101', date: '2027-01-01' });
    expect(p.ok && 'frequentFlyer' in p.pass.legs[0]!).toBe(false);
  });

  it.each([
    ['no conditional section', '', true],
    ['no version marker', '600250', true],
    ['unique size not hex', '>6ZZ', true],
    ['repeated size not hex', '>600ZZ', true],
    ['repeated items too short for the number', '>60010000000000000000', true],
    ['a blank number', `>60025${'0'.repeat(13)}  CA CA ${' '.repeat(16)}`, true],
    ['a number with punctuation', `>60025${'0'.repeat(13)}  CA CA ${'CA-8800'.padEnd(16)}`, true],
  ])('finds no number when %s', (_what, variable, first) => {
    expect(frequentFlyerOf(variable, first)).toBeNull();
  });

  it('reads a later leg, whose section starts with its repeated items', () => {
    expect(frequentFlyerOf(`25${'0'.repeat(13)}  MU MU ${'MU5550001'.padEnd(16)}`, false)).toEqual({ airline: 'MU', number: 'MU5550001' });
  });
});
