import { afterEach, describe, expect, it } from 'vitest';
import { Connection, PIN_ATTEMPTS_PER_MINUTE } from '../../../src-main/api/connection';
import { createDispatcher } from '../../../src-main/api/dispatcher';
import { MAX_WRONG_PINS } from '../../../src-main/services/staff/staff-service';
import { openTerminal, setUpStore, tempDir, type TestTerminal } from '../../support/services';

let t: TestTerminal | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const codes = (results: { ok: boolean; error?: { code: string } }[]) => {
  const count: Record<string, number> = {};
  for (const r of results) {
    const k = r.ok ? 'ok' : r.error!.code;
    count[k] = (count[k] ?? 0) + 1;
  }
  return count;
};

describe('PIN lockout (issue 11, item 1)', () => {
  it('checks no more than 5 of 300 guesses sent at once, and refuses the right PIN among them', async () => {
    t = await openTerminal();
    const { manager } = await setUpStore(t);
    await t.ok('staff.signOut');
    const guesses = Array.from({ length: 300 }, (_, i) => (i === 299 ? '1234' : String(5000 + i)));
    const results = await Promise.all(guesses.map((pin) => t!.call('staff.signIn', { staffId: manager.id, pin })));
    expect(codes(results)).toEqual({ PIN_INCORRECT: MAX_WRONG_PINS, SIGN_IN_LOCKED: 300 - MAX_WRONG_PINS });
    expect(t.session.staff).toBeNull();
  });

  it('keeps a lockout across a restart, and each further lockout lasts twice as long', async () => {
    let now = Date.parse('2026-11-21T10:00:00Z');
    const clock = () => new Date(now);
    const dataDir = tempDir();
    t = await openTerminal({ dataDir, now: clock });
    const { cashier } = await setUpStore(t);
    for (let i = 0; i < MAX_WRONG_PINS; i++) await t.call('staff.signIn', { staffId: cashier.id, pin: '0000' });
    await t.close();
    t = await openTerminal({ dataDir, now: clock });
    expect(await t.call('staff.signIn', { staffId: cashier.id, pin: '1111' })).toMatchObject({ ok: false, error: { code: 'SIGN_IN_LOCKED', params: { seconds: 60 } } });
    now += 61_000;
    for (let i = 0; i < MAX_WRONG_PINS; i++) await t.call('staff.signIn', { staffId: cashier.id, pin: '0000' });
    expect(await t.call('staff.signIn', { staffId: cashier.id, pin: '1111' })).toMatchObject({ ok: false, error: { code: 'SIGN_IN_LOCKED', params: { seconds: 120 } } });
    now += 121_000;
    expect(await t.call('staff.signIn', { staffId: cashier.id, pin: '1111' })).toMatchObject({ ok: true });
  });

  it('counts an attempt before its PIN is checked: attempts a crash cut short still lock', async () => {
    const dataDir = tempDir();
    t = await openTerminal({ dataDir });
    const { cashier } = await setUpStore(t);
    // What a process killed in the middle of five PIN checks leaves behind: five counted attempts.
    t.services.db.sqlite.prepare(`INSERT INTO staff_sign_in_guard (staff_id, failures) VALUES (?, ?)`).run(cashier.id, MAX_WRONG_PINS);
    await t.close();
    t = await openTerminal({ dataDir });
    expect(await t.call('staff.signIn', { staffId: cashier.id, pin: '1111' })).toMatchObject({ ok: false, error: { code: 'SIGN_IN_LOCKED' } });
  });

  it(`lets one screen make ${PIN_ATTEMPTS_PER_MINUTE} PIN attempts a minute, whoever they are for`, async () => {
    let now = Date.parse('2026-11-21T10:00:00Z');
    t = await openTerminal({ now: () => new Date(now) });
    const { manager, cashier } = await setUpStore(t);
    const screen = new Connection(t.services, createDispatcher(t.services), () => {}, { now: () => now });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => screen.call('staff.signIn', { staffId: i % 2 ? manager.id : cashier.id, pin: '9999' })),
    );
    const refused = codes(results);
    expect(refused.TOO_MANY_ATTEMPTS).toBe(100 - PIN_ATTEMPTS_PER_MINUTE);
    expect(await screen.call('staff.signIn', { staffId: manager.id, pin: '1234' })).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS' } });
    // Another screen is not held up by this one (only by the per-person lockout).
    const other = new Connection(t.services, createDispatcher(t.services), () => {}, { now: () => now });
    expect(await other.call('staff.signIn', { staffId: manager.id, pin: '9999' })).toMatchObject({ ok: false, error: { code: 'SIGN_IN_LOCKED' } });
    now += 61 * 60_000;
    expect(await screen.call('staff.signIn', { staffId: manager.id, pin: '1234' })).toMatchObject({ ok: true });
    screen.close();
    other.close();
  });
});
