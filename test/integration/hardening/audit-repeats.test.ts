import { afterEach, describe, expect, it } from 'vitest';
import { REPEAT_WINDOW_MS } from '../../../src-main/services/audit/audit-trail';
import { openTerminal, setUpStore, type TestTerminal } from '../../support/services';

let t: TestTerminal | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('repeated audit records are counted, not written again (issue 11, item 8)', () => {
  it('records 2,500 forbidden calls by a cashier as one row that says 2,500', async () => {
    let now = Date.parse('2026-11-21T10:00:00Z');
    t = await openTerminal({ now: () => new Date(now) });
    const { cashier } = await setUpStore(t);
    await t.ok('staff.signOut');
    await t.ok('staff.signIn', { staffId: cashier.id, pin: '1111' });
    const rows = () => t!.services.db.sqlite.prepare(`SELECT count(*) FROM audit`).pluck().get() as number;
    const before = rows();
    for (let i = 0; i < 2500; i++) {
      await t.call('staff.create', { name: 'Sneaky', role: 'manager', pin: '5555' });
      now += 10;
    }
    expect(rows() - before).toBe(1);
    const [latest] = await t.services.audit.recent(1);
    expect(latest).toMatchObject({ action: 'staff.create', outcome: 'refused', staffName: 'Cashier', repeats: 2500, lastAt: new Date(now - 10).toISOString() });
    // Later, the same refusal starts a new row; a different one always does.
    now += REPEAT_WINDOW_MS;
    await t.call('staff.create', { name: 'Sneaky', role: 'manager', pin: '5555' });
    await t.call('settings.update', { storeName: 'Mine' });
    expect(rows() - before).toBe(3);
  });
});
