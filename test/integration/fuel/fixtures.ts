// A fuel counter on real SQLite with the device emulators (pump controller over a socat pty,
// LAN receipt printer): the demo station seeded through the manager's API methods.
import { v7 as uuidv7 } from 'uuid';
import type { FuelOrder } from '../../../src-main/api/contract/fuel';
import { startDemoDevices, type DemoDevices } from '../../emulators';
import { openTerminal, setUpStore, type TestTerminal } from '../../support/services';
import { eventually, fastTiming } from '../devices/fixtures';

/**
 * Fast reconnects, but a controller round trip over the socat pty may take its time: on a loaded
 * 2-core machine 300 ms was sometimes too short, the pump looked offline and the payment was
 * reversed. These tests are about orders, not about detecting a silent controller.
 */
const fuelTiming = { ...fastTiming, requestTimeoutMs: 1500 };

export { eventually };

export const PRICE_92 = 759;
export const PRICE_95 = 812;

export interface FuelCounter {
  t: TestTerminal;
  demo: DemoDevices;
  clock: { now: Date };
  cashier: { id: string };
  manager: { id: string };
  /**
   * The terminal restarts on the same data dir and devices (the emulators keep running;
   * `whileDown` runs between); the manager signs in again.
   */
  reopen(whileDown?: () => Promise<void> | void): Promise<void>;
  close(): Promise<void>;
  order(id: string): Promise<FuelOrder>;
}

export async function openFuelCounter(options: { centilitresPerSecond?: number; seed?: boolean } = {}): Promise<FuelCounter> {
  const demo = await startDemoDevices({ centilitresPerSecond: options.centilitresPerSecond ?? 1500, nozzleLiftMs: 50 });
  const clock = { now: new Date('2025-06-10T02:00:00.000Z') }; // 10:00 in Shanghai
  let t: TestTerminal;
  try {
    t = await openTerminal({ now: () => clock.now, devices: { settings: demo.settings, openHidDevice: demo.openHidDevice, timing: fuelTiming } });
  } catch (e) {
    await demo.stop();
    throw e;
  }
  const { cashier, manager } = await setUpStore(t);
  if (options.seed !== false) await seedStation(t);
  await eventually(() => t.services.devices.status().every((s) => s.state === 'online'), 5000, 'devices online');
  const counter: FuelCounter = {
    t,
    demo,
    clock,
    cashier,
    manager,
    order: async (id) => (await counter.t.ok<FuelOrder[]>('fuel.orders')).find((o) => o.id === id)!,
    async reopen(whileDown) {
      await counter.t.close();
      await whileDown?.();
      counter.t = await openTerminal({ dataDir: counter.t.dataDir, now: () => clock.now, devices: { settings: demo.settings, openHidDevice: demo.openHidDevice, timing: fuelTiming } });
      await counter.t.ok('staff.signIn', { staffId: manager.id, pin: '1234' });
    },
    async close() {
      await counter.t.close();
      await demo.stop();
    },
  };
  return counter;
}

/** The station a manager sets up: location, one station nearby, 92# and 95#, pumps 1 and 2. */
export async function seedStation(t: TestTerminal) {
  await t.ok('fuel.setLocation', { latitude: 31.2304, longitude: 121.4737, radiusMetres: 500 });
  await t.ok('fuel.setStations', {
    stations: [
      { id: 'SH-0012', name: '人民广场站', latitude: 31.2311, longitude: 121.4745 },
      { id: 'SH-0099', name: '浦东站', latitude: 31.2397, longitude: 121.4998 },
    ],
  });
  await t.ok('fuel.setGrade', { id: '92', name: '92#', price: PRICE_92, effectiveFrom: '2025-01-01T00:00:00Z' });
  await t.ok('fuel.setGrade', { id: '95', name: '95#', price: PRICE_95, effectiveFrom: '2025-01-01T00:00:00Z' });
  await t.ok('fuel.setPump', { number: 1, stationId: 'SH-0012', maxVolume: 15000, nozzles: [{ nozzle: 1, gradeId: '92' }, { nozzle: 2, gradeId: '95' }] });
  await t.ok('fuel.setPump', { number: 2, stationId: 'SH-0012', maxVolume: 15000, nozzles: [{ nozzle: 1, gradeId: '95' }] });
}

export function payInput(over: Record<string, unknown> = {}) {
  return { commandId: uuidv7(), pump: 1, gradeId: '92', mode: 'amount', quantity: 20000, price: PRICE_92, tender: 'cash', ...over };
}

/** Normal-side balance of a ledger account by code (0 when it was never opened). */
export function balance(t: TestTerminal, code: string): number {
  const account = t.services.ledger.accountByCode(code);
  return account ? t.services.ledger.balance(account.id).posted : 0;
}

/** Polls the order until it reaches `state` (the pump emulator runs in real time). */
export async function waitForOrderState(c: FuelCounter, id: string, state: FuelOrder['state'], timeoutMs = 8000): Promise<FuelOrder> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = await c.order(id);
    if (last.state === state) return last;
    if (Date.now() > deadline) throw new Error(`order is ${last.state}, not ${state}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}
