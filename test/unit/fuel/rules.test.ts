import { describe, expect, it } from 'vitest';
import { distanceMetres, nearestStation, nextState, priceAt, type OrderEvent, type OrderState } from '../../../src-main/domain/fuel';

describe('price effective from a time', () => {
  const rows = [
    { price: 759, effectiveFrom: '2025-06-01T00:00:00.000Z' },
    { price: 769, effectiveFrom: '2025-06-10T04:00:00.000Z' }, // 12:00 Beijing time
  ];

  it('a mid-day change applies from its exact instant', () => {
    expect(priceAt(rows, new Date('2025-06-10T03:59:59.999Z'))?.price).toBe(759);
    expect(priceAt(rows, new Date('2025-06-10T04:00:00.000Z'))?.price).toBe(769);
    expect(priceAt(rows, new Date('2025-07-01T00:00:00.000Z'))?.price).toBe(769);
  });

  it('before the first price there is none; listing order does not matter', () => {
    expect(priceAt(rows, new Date('2025-05-31T23:59:59.999Z'))).toBeUndefined();
    expect(priceAt([...rows].reverse(), new Date('2025-06-11T00:00:00.000Z'))?.price).toBe(769);
  });
});

describe('nearest station', () => {
  const terminal = { latitude: 31.2304, longitude: 121.4737 }; // People's Square, Shanghai
  const stations = [
    { id: 'far', latitude: 31.3, longitude: 121.5 },
    { id: 'near', latitude: 31.2310, longitude: 121.4740 },
    { id: 'beijing', latitude: 39.9042, longitude: 116.4074 },
  ];

  it('measures great-circle distance (Shanghai to Beijing is about 1068 km)', () => {
    expect(distanceMetres(terminal, stations[2]!) / 1000).toBeCloseTo(1067.3, 0);
    expect(distanceMetres(terminal, terminal)).toBe(0);
  });

  it('the nearest within the radius wins; none within it is undefined (a setup error)', () => {
    expect(nearestStation(terminal, stations, 500)?.station.id).toBe('near');
    expect(nearestStation(terminal, stations, 50)).toBeUndefined();
    expect(nearestStation(terminal, [], 500)).toBeUndefined();
    const edge = distanceMetres(terminal, stations[1]!);
    expect(nearestStation(terminal, stations, edge)?.station.id).toBe('near');
  });
});

describe('order states', () => {
  const run = (events: OrderEvent[]) => events.reduce<OrderState | undefined>((s, e) => (s ? nextState(s, e) : s), 'paid');

  it('paid -> released -> dispensing -> completed', () => {
    expect(run(['released', 'filling', 'filling', 'ended-full'])).toBe('completed');
  });

  it('an underrun ends refunded; a stop before the nozzle lifts also refunds', () => {
    expect(run(['released', 'filling', 'ended-short'])).toBe('refunded');
    expect(run(['released', 'ended-short'])).toBe('refunded');
  });

  it('a controller refusal reverses the payment', () => {
    expect(run(['refused'])).toBe('reversed');
  });

  it('finished orders take no more events; a paid order cannot dispense before release', () => {
    for (const s of ['completed', 'refunded', 'reversed', 'failed'] as const) {
      for (const e of ['released', 'refused', 'filling', 'ended-full', 'ended-short', 'fault'] as const) expect(nextState(s, e)).toBeUndefined();
    }
    expect(nextState('paid', 'filling')).toBeUndefined();
    expect(nextState('paid', 'ended-full')).toBeUndefined();
    expect(nextState('released', 'refused')).toBeUndefined();
  });
});
