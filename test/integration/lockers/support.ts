import { v7 as uuidv7 } from 'uuid';
import { expect } from 'vitest';
import { openTerminal, setUpStore, snapshot, type TestTerminal } from '../../support/services';
import type { PosErrorData } from '../../../src-main/api/contract';
import { seedLockerDemo, DEMO_LOCKERS } from '../../../src-main/services/lockers';

export const uidOf = (locker: number) => DEMO_LOCKERS.find((l) => l.number === locker)!.uid;
export const cmd = () => uuidv7();

export interface LockerTerminal extends TestTerminal {
  managerId: string;
  cashierId: string;
  /** The error a refused call returns; fails the test if the call went through. */
  refused(method: string, input: unknown): Promise<PosErrorData>;
  /** Refused, and not one row of any table changed. */
  refusedUnchanged(method: string, input: unknown): Promise<PosErrorData>;
  signInCashier(): Promise<void>;
}

/** Every table but the audit trail (a refusal is audited on purpose), to show a refusal changed nothing. */
export function moneyAndState(t: TestTerminal): string {
  return JSON.stringify((JSON.parse(snapshot(t.services)) as [string, unknown][]).filter(([name]) => name !== 'audit'));
}

/** A set-up store with demo lockers 101–130 and the outlets' catalogs; the manager is signed in. */
export async function lockerTerminal(): Promise<LockerTerminal> {
  const t = await openTerminal();
  const { manager, cashier } = await setUpStore(t);
  seedLockerDemo(t.services.lockers);
  const refused = async (method: string, input: unknown) => {
    const r = await t.call(method, input);
    if (r.ok) throw new Error(`${method} was expected to be refused but returned ${JSON.stringify(r.value)}`);
    return r.error;
  };
  return {
    ...t,
    managerId: manager.id,
    cashierId: cashier.id,
    refused,
    async refusedUnchanged(method, input) {
      const before = moneyAndState(t);
      const e = await refused(method, input);
      expect(moneyAndState(t)).toBe(before);
      return e;
    },
    async signInCashier() {
      await t.ok('staff.signIn', { staffId: cashier.id, pin: '1111' });
    },
  };
}
