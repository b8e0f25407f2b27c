// Nothing lost on a crash: an order paid just before the terminal stopped, whose pump release
// was never recorded, is settled when the terminal starts again (real SQLite files on the
// same data dir, the pump controller emulator over socat keeps running through the restart).
// And the cashier's stop before the nozzle is lifted refunds the whole prepayment.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FuelOrder } from '../../../src-main/api/contract/fuel';
import type { AuthorizeRequest } from '../../../src-main/devices';
import { verifyJournal } from '../../../src-main/ledger';
import { balance, eventually, openFuelCounter, waitForOrderState, payInput, PRICE_95, type FuelCounter } from './fixtures';

let c: FuelCounter;
beforeEach(async () => {
  c = await openFuelCounter();
});
afterEach(async () => {
  await c.close();
});

const waitForState = (id: string, state: FuelOrder['state'], timeoutMs?: number) => waitForOrderState(c, id, state, timeoutMs);

const journal = (like: string) => (c.t.services.db.sqlite.prepare(`SELECT COUNT(*) AS n FROM ledger_journal WHERE body LIKE ?`).get(`%${like}%`) as { n: number }).n;
const authorizations = () => c.demo.pump.received.filter((l) => l.includes('"PumpAuthorize"')).length;

/**
 * The cashier confirms the payment and the terminal dies at `when`: before the preset reaches
 * the controller, or after the controller took it but before the release was recorded.
 * Returns the order as the database holds it (paid, the money in the ledger).
 */
async function payThenCrash(when: 'before-authorize' | 'after-authorize', over: Record<string, unknown> = {}): Promise<FuelOrder> {
  const pump = c.t.services.devices.pump;
  const authorize = pump.authorize;
  pump.authorize = async (req: AuthorizeRequest) => {
    if (when === 'after-authorize') await authorize(req);
    return new Promise<void>(() => {}); // the process is gone: nothing after this line runs
  };
  const before = (await c.t.ok<FuelOrder[]>('fuel.orders')).length;
  void c.t.call('fuel.pay', payInput(over));
  let orders: FuelOrder[] = [];
  for (const deadline = Date.now() + 3000; orders.length <= before; await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() > deadline) throw new Error('the order was not paid');
    orders = await c.t.ok<FuelOrder[]>('fuel.orders');
  }
  if (when === 'after-authorize') await eventually(() => c.demo.pump.state(Number(over.pump ?? 1)).phase !== 'idle', 3000, 'preset on the pump');
  const order = orders[0]!;
  expect(order.state).toBe('paid');
  return order;
}

describe('an order paid just before the terminal stopped', () => {
  it('whose release never reached the pump is refunded at the next start, once, with the reason', async () => {
    const order = await payThenCrash('before-authorize');
    expect(balance(c.t, 'tender:cash')).toBe(20000);
    await c.reopen();

    const done = await waitForState(order.id, 'reversed');
    expect(done.problem?.code).toBe('FUEL_INTERRUPTED');
    expect(done.problem?.message.en).toBe('The terminal restarted before pump 1 was released. The pump was not released and the 200.00 yuan payment was refunded to the original tender.');
    expect(done.problem?.message['zh-CN']).toBe('终端在放行 1 号油枪前重启，油枪未放行，已将 200.00 元退回原支付方式。');
    const reversal = c.t.services.fuel.order(order.id).reversalTransferId;
    expect(reversal).toBeTruthy();
    // The money is back and the journal says why; the pump never saw a preset.
    expect(balance(c.t, 'tender:cash')).toBe(0);
    expect(balance(c.t, 'fuel_sales')).toBe(0);
    expect(journal('"type":"fuel.order.reversed"')).toBe(1);
    expect(journal('FUEL_INTERRUPTED')).toBe(1);
    expect(authorizations()).toBe(0);
    expect(c.demo.pump.state(1).phase).toBe('idle');

    // Idempotent: recovery again, and another restart, change nothing.
    expect(await c.t.services.fuel.recover()).toEqual([]);
    await c.reopen();
    await new Promise((r) => setTimeout(r, 300));
    expect(c.t.services.fuel.order(order.id)).toMatchObject({ state: 'reversed', reversalTransferId: reversal });
    expect(journal('"type":"fuel.order.reversed"')).toBe(1);
    expect(balance(c.t, 'tender:cash')).toBe(0);
    // The pump is free for the next customer.
    expect((await c.t.ok<FuelOrder>('fuel.pay', payInput())).state).toBe('released');
  });

  it('whose preset is already on the pump is released and fills to completion, charged once', async () => {
    c.demo.pump.holdNozzle(1, true); // the customer is still walking to the pump
    const order = await payThenCrash('after-authorize');
    await c.reopen();

    const released = await waitForState(order.id, 'released');
    expect(released.problem).toBeNull();
    expect(c.demo.pump.state(1).phase).toBe('authorized');
    c.demo.pump.holdNozzle(1, false);
    const done = await waitForState(order.id, 'completed');
    expect(done).toMatchObject({ dispensedVolume: 2635, chargedAmount: 20000, refundAmount: 0 });
    await eventually(() => c.demo.pump.state(1).phase === 'idle', 3000, 'transaction closed on the controller');
    expect(balance(c.t, 'tender:cash')).toBe(20000);
    expect(authorizations()).toBe(1); // released once, before the crash
    expect(journal('"type":"fuel.order.reversed"')).toBe(0);
  });

  it('whose fill ended short while the terminal was down is settled at the next start: the underrun refunded', async () => {
    c.demo.pump.holdNozzle(1, true);
    const order = await payThenCrash('after-authorize', { mode: 'volume', quantity: 10000, gradeId: '95', price: PRICE_95, tender: 'bank_card' });
    let ended = c.demo.pump.state(1);
    await c.reopen(async () => {
      // Down while the customer lifts the nozzle, fills a little and hangs up.
      c.demo.pump.holdNozzle(1, false);
      await eventually(() => c.demo.pump.state(1).phase === 'filling' && c.demo.pump.state(1).volume >= 300, 5000, 'filling');
      c.demo.pump.hangUp(1);
      ended = c.demo.pump.state(1);
    });
    expect(ended.phase).toBe('end-of-transaction');

    const done = await waitForState(order.id, 'refunded');
    const charged = Math.floor((ended.volume * PRICE_95 + 50) / 100);
    expect(done).toMatchObject({ dispensedVolume: ended.volume, chargedAmount: charged, refundAmount: 81200 - charged });
    expect(c.t.services.fuel.order(order.id).pumpTransaction).toBe(ended.transaction);
    expect(balance(c.t, 'tender:bank_card')).toBe(charged);
    expect(journal('"type":"fuel.order.refunded"')).toBe(1);
    await eventually(() => c.demo.pump.state(1).phase === 'idle', 3000, 'transaction closed on the controller');
  });

  it('while the pump is offline stays paid, and is settled when the pump comes back', async () => {
    const order = await payThenCrash('before-authorize');
    c.demo.pump.setPumpOffline(1, true);
    await c.reopen();
    await eventually(() => c.t.services.devices.status().find((s) => s.device === 'pump')?.state === 'online', 3000, 'controller online');
    await new Promise((r) => setTimeout(r, 400)); // several polls: the controller cannot say, so nothing is decided
    expect((await c.order(order.id)).state).toBe('paid');
    expect(balance(c.t, 'tender:cash')).toBe(20000);

    c.demo.pump.setPumpOffline(1, false);
    const done = await waitForState(order.id, 'reversed');
    expect(done.problem?.code).toBe('FUEL_INTERRUPTED');
    expect(balance(c.t, 'tender:cash')).toBe(0);
    expect(journal('"type":"fuel.order.reversed"')).toBe(1);
  });
});

describe('the cashier stops a released pump before the nozzle is lifted', () => {
  it('the pump is free again and the whole prepayment goes back in one refund', async () => {
    c.demo.pump.holdNozzle(1, true);
    const order = await c.t.ok<FuelOrder>('fuel.pay', payInput({ tender: 'mobile' }));
    expect(order.state).toBe('released');
    expect(balance(c.t, 'tender:mobile')).toBe(20000);

    await c.t.ok('fuel.stop', { orderId: order.id });
    const done = await waitForState(order.id, 'refunded');
    expect(done).toMatchObject({ dispensedVolume: 0, chargedAmount: 0, refundAmount: 20000 });
    expect(balance(c.t, 'tender:mobile')).toBe(0);
    expect(balance(c.t, 'fuel_sales')).toBe(0);
    expect(journal('"type":"fuel.order.refunded"')).toBe(1);
    // Stopping it again is refused: it is not on the pump any more.
    expect(await c.t.call('fuel.stop', { orderId: order.id })).toMatchObject({ ok: false, error: { code: 'FUEL_ORDER_NOT_ACTIVE' } });

    // The zero-volume transaction was closed on the controller: the next customer is served.
    await eventually(() => c.demo.pump.state(1).phase === 'idle' && c.t.services.devices.pump.pumps().find((p) => p.pump === 1)?.phase === 'idle', 3000, 'pump idle');
    c.demo.pump.holdNozzle(1, false);
    const next = await c.t.ok<FuelOrder>('fuel.pay', payInput());
    expect(next.state).toBe('released');
    expect((await waitForState(next.id, 'completed')).chargedAmount).toBe(20000);
  });
});

/** Runs a counter process on the data dir that pays and is SIGKILLed at `when`; resolves with its output. */
function payAndDie(when: 'before-authorize' | 'after-authorize'): Promise<string> {
  const child = path.join(import.meta.dirname, 'crash', 'pay-and-die.ts');
  const settings = JSON.stringify({ ...c.demo.settings, cardReader: { enabled: false } });
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, c.t.dataDir, when, settings, c.clock.now.toISOString(), c.cashier.id], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('close', (_code, signal) => (signal === 'SIGKILL' ? resolve(out) : reject(new Error(`the counter process was not killed: ${out}`))));
  });
}

describe('a counter process killed (SIGKILL) in the middle of a payment', () => {
  it('before the preset reached the pump: the next start refunds the payment', async () => {
    let out = '';
    await c.reopen(async () => {
      out = await payAndDie('before-authorize');
    });
    expect(out).toContain('dying before-authorize');
    const [order] = await c.t.ok<FuelOrder[]>('fuel.orders');
    expect(order).toBeDefined();
    const done = await waitForState(order!.id, 'reversed');
    expect(done.problem?.code).toBe('FUEL_INTERRUPTED');
    expect(balance(c.t, 'tender:cash')).toBe(0);
    expect(journal('"type":"fuel.order.reversed"')).toBe(1);
    expect(authorizations()).toBe(0);
    expect(verifyJournal(c.t.services.db.sqlite)).toMatchObject({ ok: true });
  }, 30_000);

  it('after the controller took the preset: the next start follows the fill and charges it once', async () => {
    c.demo.pump.holdNozzle(1, true);
    await c.reopen(async () => {
      expect(await payAndDie('after-authorize')).toContain('dying after-authorize');
      expect(c.demo.pump.state(1).phase).toBe('authorized');
    });
    const [order] = await c.t.ok<FuelOrder[]>('fuel.orders');
    await waitForState(order!.id, 'released');
    c.demo.pump.holdNozzle(1, false);
    const done = await waitForState(order!.id, 'completed');
    expect(done).toMatchObject({ dispensedVolume: 2635, chargedAmount: 20000, refundAmount: 0 });
    expect(balance(c.t, 'tender:cash')).toBe(20000);
    expect(authorizations()).toBe(1);
    expect(journal('"type":"fuel.order.reversed"')).toBe(0);
  }, 30_000);
});
