// A locker counter with an injectable clock, for shifts and the day close: a set-up store
// (manager 1234, cashier 1111), demo lockers 101–130, real SQLite in a temp dir.
import { v7 as uuidv7 } from 'uuid';
import { expect } from 'vitest';
import type { PosErrorData } from '../../../src-main/api/contract';
import { DEMO_LOCKERS, seedLockerDemo } from '../../../src-main/services/lockers';
import { openTerminal, setUpStore, snapshot, type TestTerminal } from '../../support/services';

export const cmd = () => uuidv7();
export const uidOf = (locker: number) => DEMO_LOCKERS.find((l) => l.number === locker)!.uid;

export interface Counter extends TestTerminal {
  clock: { now: Date };
  managerId: string;
  cashierId: string;
  refused(method: string, input?: unknown): Promise<PosErrorData>;
  /** Refused, and no table but the audit trail changed. */
  refusedUnchanged(method: string, input?: unknown): Promise<PosErrorData>;
  asCashier(): Promise<void>;
  asManager(): Promise<void>;
  /** A locker party of one wristband with one charge, checked out: one sale. */
  lockerSale(locker: number, amount: number, tender?: string): Promise<{ total: number }>;
  reopen(): Promise<void>;
}

export function stateOf(t: TestTerminal): string {
  return JSON.stringify((JSON.parse(snapshot(t.services)) as [string, unknown][]).filter(([name]) => name !== 'audit'));
}

/** 2026-12-04 10:00 in Shanghai. */
export const MORNING = new Date('2026-12-04T02:00:00.000Z');

export async function openCounter(start = MORNING): Promise<Counter> {
  const clock = { now: new Date(start) };
  const t0 = await openTerminal({ now: () => clock.now });
  const { manager, cashier } = await setUpStore(t0);
  seedLockerDemo(t0.services.lockers);
  let t = t0;
  let open = true;
  const closeOnce = async () => {
    if (!open) return;
    open = false;
    await t.close();
  };
  const refused = async (method: string, input: unknown = {}) => {
    const r = await c.call(method, input);
    if (r.ok) throw new Error(`${method} was expected to be refused but returned ${JSON.stringify(r.value)}`);
    return r.error;
  };
  const c: Counter = {
    ...t,
    close: closeOnce,
    clock,
    managerId: manager.id,
    cashierId: cashier.id,
    refused,
    async refusedUnchanged(method, input = {}) {
      const before = stateOf(c);
      const e = await refused(method, input);
      expect(stateOf(c)).toBe(before);
      return e;
    },
    async asCashier() {
      await c.ok('staff.signIn', { staffId: cashier.id, pin: '1111' });
    },
    async asManager() {
      await c.ok('staff.signIn', { staffId: manager.id, pin: '1234' });
    },
    async lockerSale(locker, amount, tender = 'cash') {
      await c.ok('lockers.bind', { commandId: cmd(), wristbands: [uidOf(locker)], phone: '13800138000' });
      await c.ok('lockers.charge', { commandId: cmd(), wristband: uidOf(locker), outlet: 'massage', amount });
      return c.ok<{ total: number }>('lockers.checkout', { commandId: cmd(), wristband: uidOf(locker), tenders: [{ method: tender, amount }] });
    },
    async reopen() {
      await closeOnce();
      t = await openTerminal({ dataDir: t.dataDir, now: () => clock.now });
      open = true;
      Object.assign(c, { services: t.services, call: t.call, ok: t.ok, session: t.session });
      await c.asManager();
    },
  };
  return c;
}
