import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { FuelOrder } from '../../../src-main/api/contract/fuel';
import { verifyJournal } from '../../../src-main/ledger';
import { seedLockerDemo } from '../../../src-main/services/lockers';
import { openTerminal, setUpStore, type TestTerminal } from '../../support/services';
import { eventually, openFuelCounter, payInput, waitForOrderState, type FuelCounter } from '../fuel/fixtures';

const pumpIdle = (c: FuelCounter, pump: number) =>
  eventually(() => c.demo.pump.state(pump).phase === 'idle' && c.t.services.devices.pump.pumps().find((p) => p.pump === pump)?.phase === 'idle', 5000, 'pump idle');
import { uidOf } from '../lockers/support';
import { derivedState, rebuildFrom } from './rebuild-support';

const open: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

const locker = fc.integer({ min: 101, max: 108 });
const money = fc.integer({ min: 1, max: 60_000 });
const action = fc.oneof(
  fc.record({ t: fc.constant('bind' as const), lockers: fc.uniqueArray(locker, { minLength: 1, maxLength: 3 }), quota: fc.option(money, { nil: undefined }) }),
  fc.record({ t: fc.constant('charge' as const), locker, amount: money }),
  fc.record({ t: fc.constant('chargeItems' as const), locker, quantity: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ t: fc.constant('void' as const), which: fc.nat() }),
  fc.record({ t: fc.constant('checkout' as const), locker, cash: fc.integer({ min: 0, max: 200_000 }), card: fc.integer({ min: 0, max: 100_000 }) }),
  fc.record({ t: fc.constant('lost' as const), locker, spare: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ t: fc.constant('addWristband' as const), party: locker, locker }),
  fc.record({ t: fc.constant('outOfService' as const), locker, back: fc.boolean() }),
  fc.record({ t: fc.constant('settings' as const), maxCharge: money }),
  fc.record({ t: fc.constant('retry' as const), which: fc.nat() }),
  fc.record({ t: fc.constant('grade' as const), price: fc.integer({ min: 500, max: 999 }) }),
);
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

/** Runs one random action as a cashier or manager would; refusals are part of the workload. */
async function run(t: TestTerminal, a: Action, state: { charges: string[]; sent: [string, unknown][]; spares: number; managerId: string }) {
  const send = async (method: string, input: Record<string, unknown>) => {
    state.sent.push([method, input]);
    const r = await t.call(method, input);
    return r.ok ? (r.value as Record<string, unknown>) : null;
  };
  switch (a.t) {
    case 'bind':
      return send('lockers.bind', { commandId: uuidv7(), wristbands: a.lockers.map(String), phone: '13800138000', ...(a.quota ? { wristbandQuota: a.quota } : {}) });
    case 'charge': {
      const r = await send('lockers.charge', { commandId: uuidv7(), wristband: uidOf(a.locker), outlet: 'massage', amount: a.amount });
      if (r) state.charges.push(r.chargeId as string);
      return r;
    }
    case 'chargeItems':
      return send('lockers.charge', { commandId: uuidv7(), wristband: String(a.locker), outlet: 'restaurant', items: [{ itemId: 'demo-rest-beer', quantity: a.quantity }] });
    case 'void': {
      const chargeId = state.charges[a.which % Math.max(1, state.charges.length)];
      return chargeId ? send('lockers.voidCharge', { commandId: uuidv7(), chargeId, approval: { staffId: state.managerId, pin: '1234' } }) : null;
    }
    case 'checkout': {
      const tenders = [...(a.cash > 0 ? [{ method: 'cash', amount: a.cash }] : []), ...(a.card > 0 ? [{ method: 'bank_card', amount: a.card }] : [])];
      const lookup = await t.call('lockers.lookup', { wristband: String(a.locker) });
      if (!lookup.ok) return null;
      const due = (lookup.value as { party: { total: number } }).party.total;
      // Pay what is due (cash with change) most of the time, the random tenders otherwise.
      return send('lockers.checkout', { commandId: uuidv7(), wristband: String(a.locker), tenders: a.cash % 3 === 0 ? tenders : due > 0 ? [{ method: 'cash', amount: due + (a.cash % 1000) }] : [] });
    }
    case 'lost':
      return send('lockers.reportLost', { commandId: uuidv7(), wristband: String(a.locker), replacementUid: `FFEE${String(state.spares++).padStart(4, '0')}` });
    case 'addWristband':
      return send('lockers.addWristband', { commandId: uuidv7(), party: String(a.party), wristband: String(a.locker) });
    case 'outOfService':
      return send('lockers.setLockerState', { locker: a.locker, state: a.back ? 'free' : 'out_of_service' });
    case 'settings':
      return send('lockers.updateSettings', { maxCharge: a.maxCharge });
    case 'retry': {
      const previous = state.sent[a.which % Math.max(1, state.sent.length)];
      return previous ? send(previous[0], previous[1] as Record<string, unknown>) : null;
    }
    case 'grade':
      return send('fuel.setGrade', { id: '92', name: '92#', price: a.price });
  }
}

describe('the journal rebuilds every workflow table and every balance', () => {
  it('after random locker and set-up commands (retries and refusals included), replaying into an empty database gives identical tables', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 25 }), async (actions) => {
        const t = await openTerminal();
        open.push(t);
        const { manager } = await setUpStore(t);
        seedLockerDemo(t.services.lockers);
        await t.ok('fuel.setLocation', { latitude: 31.2304, longitude: 121.4737, radiusMetres: 500 });
        await t.ok('fuel.setStations', { stations: [{ id: 'SH-1', name: '人民广场站', latitude: 31.2311, longitude: 121.4745 }] });
        const state = { charges: [] as string[], sent: [] as [string, unknown][], spares: 1, managerId: manager.id };
        for (const a of actions) await run(t, a, state);
        const rebuilt = await rebuildFrom(t);
        open.push(rebuilt);
        expect(derivedState(rebuilt.services)).toEqual(derivedState(t.services));
        expect(verifyJournal(rebuilt.services.db.sqlite)).toMatchObject({ ok: true });
      }),
      { numRuns: 12 },
    );
    // A generous limit, not a speed check: twelve terminals with up to 25 commands each on a busy machine.
  }, 180_000);

  it('after fuel orders on the pump emulator (completed, underrun refunded, controller refusal reversed)', async () => {
    const c: FuelCounter = await openFuelCounter();
    open.push(c);
    const full = await c.t.ok<FuelOrder>('fuel.pay', payInput());
    await waitForOrderState(c, full.id, 'completed');
    await pumpIdle(c, 1);
    c.demo.pump.holdNozzle(1, true);
    const stopped = await c.t.ok<FuelOrder>('fuel.pay', payInput({ tender: 'bank_card' }));
    await c.t.ok('fuel.stop', { orderId: stopped.id });
    await waitForOrderState(c, stopped.id, 'refunded');
    c.demo.pump.holdNozzle(1, false);
    c.demo.pump.setPumpOffline(2, true);
    const refused = await c.t.ok<FuelOrder>('fuel.pay', payInput({ pump: 2, gradeId: '95', price: 812 }));
    expect(refused.state).toBe('reversed');
    const rebuilt = await rebuildFrom(c.t);
    open.push(rebuilt);
    expect(derivedState(rebuilt.services)).toEqual(derivedState(c.t.services));
  });
});

describe('a command is traced from the journal back to the cashier command id', () => {
  it('a locker checkout: one entry under the checkout command id holds the captures, the payment and the settlement', async () => {
    const t = await openTerminal();
    open.push(t);
    await setUpStore(t);
    seedLockerDemo(t.services.lockers);
    await t.ok('lockers.bind', { commandId: uuidv7(), wristbands: ['101', '102'], phone: '13800138000' });
    await t.ok('lockers.charge', { commandId: uuidv7(), wristband: '101', outlet: 'massage', amount: 16_800 });
    const commandId = uuidv7();
    await t.ok('lockers.checkout', { commandId, wristband: '102', tenders: [{ method: 'cash', amount: 20_000 }] });
    const entries = t.services.db.sqlite.prepare(`SELECT body FROM ledger_journal WHERE command_id = ?`).all(commandId) as { body: string }[];
    expect(entries).toHaveLength(1);
    const body = JSON.parse(entries[0]!.body) as { v: number; command: { id: string; method: string; actor: string }; ops: { op: string }[]; events: { type: string; settlement?: { total: number; change: number } }[] };
    expect(body).toMatchObject({ v: 2, command: { id: commandId, method: 'lockers.checkout' } });
    expect(body.command.actor).toEqual(expect.any(String));
    expect(body.ops.map((o) => o.op)).toEqual(['capture', 'open', 'post']);
    expect(body.events).toEqual([expect.objectContaining({ type: 'lockers.party.settled', settlement: expect.objectContaining({ total: 16_800, change: 3_200 }) })]);
  });

  it('a fuel order: paid under the cashier command id, every later step journaled with it as its cause', async () => {
    const c: FuelCounter = await openFuelCounter();
    open.push(c);
    const input = payInput();
    const order = await c.t.ok<FuelOrder>('fuel.pay', input);
    expect(order.problem).toBeNull();
    await waitForOrderState(c, order.id, 'completed');
    const rows = c.t.services.db.sqlite.prepare(`SELECT command_id, body FROM ledger_journal ORDER BY seq`).all() as { command_id: string; body: string }[];
    const steps = rows.map((r) => JSON.parse(r.body) as { command: { id: string; method: string; cause: string | null } | null; events?: { type: string; orderId?: string; order?: { id: string } }[] }).filter((b) => b.events?.some((e) => e.orderId === order.id || e.order?.id === order.id));
    expect(steps.map((s) => s.command?.method)).toEqual(['fuel.pay', 'fuel.released', 'fuel.passPrinted', 'fuel.dispensing', 'fuel.completed']);
    expect(steps[0]!.command).toMatchObject({ id: input.commandId, cause: null });
    for (const s of steps.slice(1)) expect(s.command?.cause).toBe(input.commandId);
  });
});
