// Fuel passes and refunds through the real services, pump emulator and LAN printer emulator:
// the pass total is what was paid, the pump and nozzle are named, and cash going back opens
// the drawer with a refund slip.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FuelOrder } from '../../../src-main/api/contract/fuel';
import { eventually, openFuelCounter, payInput, waitForOrderState, PRICE_95, type FuelCounter } from '../fuel/fixtures';

let c: FuelCounter;
beforeEach(async () => {
  c = await openFuelCounter();
});
afterEach(async () => {
  await c.close();
});

describe('fuel receipts on paper', () => {
  it('a ¥200.00 pass prints 应收 ￥200.00 once, pump 1号加油机 and its nozzle, a receipt number, and kicks the drawer for cash', async () => {
    const order = await c.t.ok<FuelOrder>('fuel.pay', payInput({ customerPhone: '13800138000' }));
    const [pass] = await c.demo.printer.waitForJobs(1, 15_000);
    expect(pass!.lines.filter((l) => l.includes('￥')).filter((l) => l.startsWith('应收'))).toEqual([expect.stringMatching(/^应收 +￥200\.00$/)]);
    expect(pass!.text).toMatch(/实收 现金 Cash\s+￥200\.00/);
    expect(pass!.text).toContain('1号加油机 Pump 1');
    expect(pass!.text).toContain('1号油枪 Nozzle 1');
    expect(pass!.text).toMatch(/单号\s+\S+-20250610-0001/);
    expect(pass!.qr).toEqual([order.id]);
    expect(pass!.drawerKicks).toBe(1);
    expect(pass!.cuts).toBe(1);
    const found = await c.t.ok<{ receipts: { kind: string; pump: number }[] }>('receipts.list', { query: '8000' });
    expect(found.receipts).toMatchObject([{ kind: 'fuel-pass', pump: 1 }]);
    expect((await c.t.ok<{ receipts: unknown[] }>('receipts.list', { query: '1' })).receipts).toHaveLength(1); // pump 1
    await waitForOrderState(c, order.id, 'completed', 20_000);
  });

  it('a cash underrun refund prints the refund slip with a drawer kick: the cash leaving the drawer opens it', async () => {
    const order = await c.t.ok<FuelOrder>('fuel.pay', payInput({ mode: 'volume', quantity: 10000, gradeId: '95', price: PRICE_95, tender: 'cash' }));
    await eventually(() => c.demo.pump.state(1).volume >= 300 && c.demo.pump.state(1).phase === 'filling', 20_000, 'filling');
    c.demo.pump.hangUp(1);
    const done = await waitForOrderState(c, order.id, 'refunded', 20_000);
    const [, slip] = await c.demo.printer.waitForJobs(2, 15_000);
    const yuan = (minor: number) => (minor / 100).toFixed(2).replace('.', '\\.');
    expect(slip!.text).toMatch(new RegExp(`退款 现金 Cash\\s+￥${yuan(done.refundAmount!)}`));
    expect(slip!.text).toMatch(new RegExp(`应收\\s+￥${yuan(done.chargedAmount!)}`));
    expect(slip!.drawerKicks).toBe(1);
    expect(slip!.cuts).toBe(1);
  });
});
