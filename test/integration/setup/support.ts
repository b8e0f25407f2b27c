import iconv from 'iconv-lite';
import { v7 as uuidv7 } from 'uuid';
import { expect } from 'vitest';
import type { PosErrorData } from '../../../src-main/api/contract';
import { openTerminal, setUpStore, snapshot, type TestTerminal } from '../../support/services';

export const cmd = () => uuidv7();
export const base64 = (text: string, encoding: 'utf-8-bom' | 'utf-8' | 'gbk' = 'utf-8') =>
  (encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.concat([encoding === 'utf-8-bom' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')])).toString('base64');

export interface SetupTerminal extends TestTerminal {
  clock: { now: Date };
  managerId: string;
  cashierId: string;
  /** Refused with this code, and not one row of any table but the audit trail changed. */
  refusedUnchanged(method: string, input: unknown): Promise<PosErrorData>;
  asCashier(): Promise<void>;
  asManager(): Promise<void>;
}

/** Every table but the audit trail (refusals are audited on purpose). */
function state(t: TestTerminal): string {
  return JSON.stringify((JSON.parse(snapshot(t.services)) as [string, unknown][]).filter(([name]) => name !== 'audit'));
}

/** A fresh store (no demo data) with a manager signed in and a cashier, on a clock the test moves. */
export async function setupTerminal(): Promise<SetupTerminal> {
  const clock = { now: new Date('2026-12-04T02:00:00.000Z') };
  const t = await openTerminal({ now: () => clock.now });
  const { manager, cashier } = await setUpStore(t);
  return {
    ...t,
    clock,
    managerId: manager.id,
    cashierId: cashier.id,
    async refusedUnchanged(method, input) {
      const before = state(t);
      const r = await t.call(method, input);
      if (r.ok) throw new Error(`${method} was expected to be refused but returned ${JSON.stringify(r.value)}`);
      expect(state(t)).toBe(before);
      return r.error;
    },
    async asCashier() {
      await t.ok('staff.signOut');
      await t.ok('staff.signIn', { staffId: cashier.id, pin: '1111' });
    },
    async asManager() {
      await t.ok('staff.signOut');
      await t.ok('staff.signIn', { staffId: manager.id, pin: '1234' });
    },
  };
}
