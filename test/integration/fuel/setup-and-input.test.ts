// Station settings and the refusals a cashier meets before any money moves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot } from '../../support/services';
import { openFuelCounter, payInput, PRICE_92, seedStation, type FuelCounter } from './fixtures';

let c: FuelCounter;
beforeAll(async () => {
  c = await openFuelCounter({ seed: false });
});
afterAll(async () => {
  await c.close();
});

describe('station settings', () => {
  it('with no location or no station within the radius the counter shows a setup error', async () => {
    expect(await c.t.call('fuel.overview')).toMatchObject({ ok: false, error: { code: 'FUEL_NO_STATION' } });
    await c.t.ok('fuel.setLocation', { latitude: 31.2304, longitude: 121.4737, radiusMetres: 50 });
    await c.t.ok('fuel.setStations', { stations: [{ id: 'FAR', name: 'Far away', latitude: 31.3, longitude: 121.5 }] });
    const setup = await c.t.ok<{ station: unknown; problem: { code: string; message: { en: string } } }>('fuel.setup');
    expect(setup.station).toBeNull();
    expect(setup.problem.message.en).toContain('within 50 m');
  });

  it('only a manager may change station settings, and the refusal changes nothing', async () => {
    await c.t.ok('staff.signOut');
    await c.t.ok('staff.signIn', { staffId: c.cashier.id, pin: '1111' });
    const before = snapshot(c.t.services);
    const r = await c.t.call('fuel.setGrade', { id: '92', name: '92#', price: 1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const audit = snapshot(c.t.services);
    expect(audit).not.toBe(before); // the refusal is audited...
    expect(audit.replace(/\["audit".*?\]\]\]/, '')).toBe(before.replace(/\["audit".*?\]\]\]/, '')); // ...and nothing else changed
    const managerId = (await c.t.ok<{ id: string; role: string }[]>('staff.list')).find((s) => s.role === 'manager')!.id;
    await c.t.ok('staff.signOut');
    await c.t.ok('staff.signIn', { staffId: managerId, pin: '1234' });
  });

  it('the nearest station within the radius is this terminal’s', async () => {
    await seedStation(c.t);
    const setup = await c.t.ok<{ station: { id: string; distanceMetres: number } }>('fuel.setup');
    expect(setup.station.id).toBe('SH-0012');
    expect(setup.station.distanceMetres).toBeLessThan(150);
    const overview = await c.t.ok<{ station: { id: string }; pumps: { number: number; grades: { gradeId: string; price: number }[] }[] }>('fuel.overview');
    expect(overview.pumps.map((p) => [p.number, p.grades.map((g) => `${g.gradeId}@${g.price}`)])).toEqual([
      [1, ['92@759', '95@812']],
      [2, ['95@812']],
    ]);
  });
});

describe('quotes and bad input', () => {
  it('shows both numbers: 200.00 yuan buys 26.35 L; 30 L costs 227.70 at 7.59', async () => {
    expect(await c.t.ok('fuel.quote', { pump: 1, gradeId: '92', mode: 'amount', quantity: 20000 })).toMatchObject({ price: 759, amount: 20000, volume: 2635, nozzle: 1 });
    expect(await c.t.ok('fuel.quote', { pump: 1, gradeId: '92', mode: 'volume', quantity: 3000 })).toMatchObject({ price: 759, amount: 22770, volume: 3000 });
  });

  it.each([
    ['an unknown pump', { pump: 7 }, 'FUEL_UNKNOWN_PUMP', 'There is no pump 7 at this station.'],
    ['a grade not on that pump', { pump: 2, gradeId: '92' }, 'FUEL_GRADE_NOT_ON_PUMP', 'Pump 2 does not dispense 92#.'],
    ['an unknown grade', { gradeId: '98' }, 'FUEL_GRADE_NOT_ON_PUMP', 'Pump 1 does not dispense 98.'],
    ['a zero quantity', { quantity: 0 }, 'INVALID_INPUT', 'Please check the highlighted fields.'],
    ['a negative quantity', { quantity: -5000 }, 'INVALID_INPUT', 'Please check the highlighted fields.'],
    ['a quantity above the pump limit', { mode: 'volume', quantity: 15001 }, 'FUEL_OVER_LIMIT', 'Pump 1 takes at most 150.00 L per order; this order is 150.01 L.'],
    ['money above the pump limit', { quantity: 200000 }, 'FUEL_OVER_LIMIT', 'Pump 1 takes at most 150.00 L per order; this order is 263.50 L.'],
    ['money that does not buy 0.01 L', { quantity: 7 }, 'FUEL_QUANTITY_TOO_SMALL', 'The quantity is too small: it must buy at least 0.01 L and cost at least 0.01 yuan.'],
  ])('%s is refused with a clear message and nothing is charged', async (_what, change, code, message) => {
    const before = snapshot(c.t.services);
    const quote = await c.t.call('fuel.quote', { pump: 1, gradeId: '92', mode: 'amount', quantity: 20000, ...change });
    expect(quote).toMatchObject({ ok: false, error: { code, message: { en: message } } });
    const pay = await c.t.call('fuel.pay', payInput(change));
    expect(pay).toMatchObject({ ok: false, error: { code } });
    if (code === 'INVALID_INPUT') expect(pay).toMatchObject({ error: { fields: [{ path: 'quantity', message: { 'zh-CN': '请输入大于零的金额或升数。' } }] } });
    expect(snapshot(c.t.services)).toBe(before);
    expect(c.demo.pump.received.some((l) => l.includes('PumpAuthorize'))).toBe(false);
  });

  it('a price change between quote and payment is refused with a clear message; the new price is exact from its instant', async () => {
    // 12:00 Shanghai: 92# goes to 7.69.
    await c.t.ok('fuel.setGrade', { id: '92', name: '92#', price: 769, effectiveFrom: '2025-06-10T12:00:00+08:00' });
    c.clock.now = new Date('2025-06-10T03:59:59.999Z');
    const quote = await c.t.ok<{ price: number; amount: number }>('fuel.quote', { pump: 1, gradeId: '92', mode: 'volume', quantity: 3000 });
    expect(quote).toMatchObject({ price: PRICE_92, amount: 22770 });
    c.clock.now = new Date('2025-06-10T04:00:00.000Z');
    const before = snapshot(c.t.services);
    const pay = await c.t.call('fuel.pay', payInput({ mode: 'volume', quantity: 3000, price: quote.price }));
    expect(pay).toMatchObject({
      ok: false,
      error: {
        code: 'FUEL_PRICE_CHANGED',
        message: {
          en: 'The price of 92# changed from 7.59 to 7.69 yuan/L since the quote. Nothing was charged; check the new total and confirm again.',
          'zh-CN': '92#油价已由 7.59 元/升调整为 7.69 元/升，未扣款。请核对新金额后重新确认。',
        },
      },
    });
    expect(snapshot(c.t.services)).toBe(before);
    expect(await c.t.ok('fuel.quote', { pump: 1, gradeId: '92', mode: 'volume', quantity: 3000 })).toMatchObject({ price: 769, amount: 23070 });
  });
});
