// Prepaid fuel end to end on the services: ledger first, then the pump controller emulator
// over a socat pty, the pass on the printer emulator, and settlement from the pump's end.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FuelOrder } from '../../../src-main/api/contract/fuel';
import { balance, eventually, openFuelCounter, waitForOrderState, payInput, PRICE_92, PRICE_95, type FuelCounter } from './fixtures';

let c: FuelCounter;
beforeEach(async () => {
  c = await openFuelCounter();
});
afterEach(async () => {
  await c.close();
});

const waitForState = (id: string, state: FuelOrder['state'], timeoutMs?: number) => waitForOrderState(c, id, state, timeoutMs);

describe('a prepaid fuel order', () => {
  it('by amount: paid first, pump released with the preset, pass printed, dispensed and completed', async () => {
    const order = await c.t.ok<FuelOrder>('fuel.pay', payInput({ customerPhone: '13800138000' }));
    expect(order).toMatchObject({ state: 'released', stationId: 'SH-0012', stationName: '人民广场站', pump: 1, gradeName: '92#', price: PRICE_92, amount: 20000, volume: 2635, customerPhone: '13800138000', passState: 'printed' });
    // The money was taken before the controller saw anything: the ledger holds it.
    expect(balance(c.t, 'tender:cash')).toBe(20000);
    expect(balance(c.t, 'fuel_sales')).toBe(20000);
    // The controller got an Amount preset at the order's price.
    expect(c.demo.pump.received.some((l) => l.includes('"PumpAuthorize"') && l.includes('"Dose":20000') && l.includes('"Price":759') && l.includes('"Type":"Amount"'))).toBe(true);
    const [pass] = await c.demo.printer.waitForJobs(1);
    expect(pass!.text).toContain('人民广场站');
    expect(pass!.text).toContain('Pump 1');
    expect(pass!.text).toMatch(/92#\n\s+26\.35 L × ￥7\.59\s+￥200\.00/);
    // The printed total is what was paid (it once printed ￥400.00: the pass line and the grade line both counted).
    expect(pass!.lines.filter((l) => l.startsWith('应收'))).toEqual([expect.stringMatching(/^应收\s+￥200\.00$/)]);
    expect(pass!.text).toContain('1号加油机');
    expect(pass!.text).toContain('200.00');
    expect(pass!.qr).toEqual([order.id]);

    const done = await waitForState(order.id, 'completed');
    expect(done).toMatchObject({ dispensedVolume: 2635, chargedAmount: 20000, refundAmount: 0 });
    await eventually(() => c.demo.pump.state(1).phase === 'idle', 3000, 'transaction closed on the controller');
    expect(balance(c.t, 'tender:cash')).toBe(20000);
  });

  it('the order travels in the journal for the central server', async () => {
    const order = await c.t.ok<FuelOrder>('fuel.pay', payInput({ memberId: 'M-42' }));
    const bodies = (c.t.services.db.sqlite.prepare(`SELECT body FROM ledger_journal ORDER BY seq`).all() as { body: string }[]).map((r) => r.body).join('\n');
    expect(bodies).toContain(order.id);
    expect(bodies).toContain('SH-0012');
    expect(bodies).toContain('M-42');
    await waitForState(order.id, 'completed');
  });

  it('an underrun (customer hangs up) refunds the difference to the original tender in one ledger transaction', async () => {
    const order = await c.t.ok<FuelOrder>('fuel.pay', payInput({ mode: 'volume', quantity: 10000, gradeId: '95', price: PRICE_95, tender: 'bank_card' }));
    expect(order).toMatchObject({ amount: 81200, volume: 10000 });
    await eventually(() => c.demo.pump.state(1).volume >= 300 && c.demo.pump.state(1).phase === 'filling', 8000, 'filling');
    c.demo.pump.hangUp(1);
    const done = await waitForState(order.id, 'refunded');
    const dispensed = done.dispensedVolume!;
    expect(dispensed).toBeGreaterThanOrEqual(300);
    expect(dispensed).toBeLessThan(10000);
    const charged = Math.floor((dispensed * PRICE_95 + 50) / 100);
    expect(done).toMatchObject({ chargedAmount: charged, refundAmount: 81200 - charged });
    expect(balance(c.t, 'tender:bank_card')).toBe(charged);
    expect(balance(c.t, 'fuel_sales')).toBe(charged);
    // One refund transfer: fuel sales debited, the card credited, same amount.
    const refunds = c.t.services.db.sqlite.prepare(`SELECT COUNT(*) AS n FROM ledger_journal WHERE body LIKE '%"type":"fuel.order.refunded"%'`).get() as { n: number };
    expect(refunds.n).toBe(1);
    // A final receipt can be printed.
    await c.demo.printer.waitForJobs(1);
    const printed = await c.t.ok<{ state: string }>('fuel.print', { orderId: order.id, which: 'final' });
    expect(printed.state).toBe('printed');
    const jobs = await c.demo.printer.waitForJobs(2);
    expect(jobs[1]!.text).toContain('Underrun refund');
  });

  it('the cashier can stop a running fill; the unused part is refunded', async () => {
    const order = await c.t.ok<FuelOrder>('fuel.pay', payInput({ quantity: 100000 })); // 1000 yuan = 131.75 L
    await waitForState(order.id, 'dispensing');
    await c.t.ok('fuel.stop', { orderId: order.id });
    const done = await waitForState(order.id, 'refunded');
    expect(done.refundAmount).toBe(100000 - done.chargedAmount!);
    expect(done.refundAmount).toBeGreaterThan(0);
    expect(balance(c.t, 'tender:cash')).toBe(done.chargedAmount);
  });

  it('a refusing controller reverses the payment automatically and says why', async () => {
    c.demo.pump.setPumpOffline(1, true);
    const order = await c.t.ok<FuelOrder>('fuel.pay', payInput());
    expect(order.state).toBe('reversed');
    expect(order.problem?.code).toBe('DEVICE_REFUSED');
    expect(order.problem?.message['zh-CN']).toContain('油机控制器');
    expect(balance(c.t, 'tender:cash')).toBe(0);
    expect(balance(c.t, 'fuel_sales')).toBe(0);
    expect(c.demo.printer.jobs()).toHaveLength(0); // no pass for a pump that was not released
  });

  it('a controller that does not answer also reverses the payment', async () => {
    c.demo.pump.mute(true);
    const order = await c.t.ok<FuelOrder>('fuel.pay', payInput());
    expect(order.state).toBe('reversed');
    expect(['DEVICE_TIMEOUT', 'DEVICE_OFFLINE']).toContain(order.problem?.code);
    expect(balance(c.t, 'tender:cash')).toBe(0);
  });

  it('an offline printer does not hold the pump: released, and the pass waits for reprint', async () => {
    await c.demo.printer.stop();
    const order = await c.t.ok<FuelOrder>('fuel.pay', payInput());
    expect(order).toMatchObject({ state: 'released', passState: 'failed' });
    const status = await c.t.ok<{ failedJobs: { id: string; transactionId: string }[] }>('devices.status');
    expect(status.failedJobs).toContainEqual(expect.objectContaining({ id: order.passJobId, transactionId: order.id }));
    await waitForState(order.id, 'completed');
  });

  it('a retry or double click with the same commandId pays once and returns the first order', async () => {
    const input = payInput();
    const [a, b] = await Promise.all([c.t.ok<FuelOrder>('fuel.pay', input), c.t.ok<FuelOrder>('fuel.pay', input)]);
    expect(b.id).toBe(a.id);
    expect(balance(c.t, 'tender:cash')).toBe(20000);
    await waitForState(a.id, 'completed');
    const again = await c.t.ok<FuelOrder>('fuel.pay', input);
    expect(again).toMatchObject({ id: a.id, state: 'completed' });
    expect(balance(c.t, 'tender:cash')).toBe(20000);
    expect(c.demo.pump.received.filter((l) => l.includes('"PumpAuthorize"'))).toHaveLength(1);
    const conflict = await c.t.call('fuel.pay', { ...input, quantity: 30000 });
    expect(conflict).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY_CONFLICT' } });
  });

  it("today's orders list every order with its state, newest first", async () => {
    const first = await c.t.ok<FuelOrder>('fuel.pay', payInput());
    c.demo.pump.setPumpOffline(2, true);
    const second = await c.t.ok<FuelOrder>('fuel.pay', payInput({ pump: 2, gradeId: '95', price: PRICE_95 }));
    const list = await c.t.ok<FuelOrder[]>('fuel.orders');
    // The first pump may already be filling by the time the list is read (a busy machine is slow
    // to time out the offline controller): what matters is the order and that each has its state.
    expect(list.map((o) => [o.id, o.state])).toEqual([
      [second.id, 'reversed'],
      [first.id, expect.stringMatching(/^(released|dispensing)$/)],
    ]);
    await waitForState(first.id, 'completed');
  });
});
