import { afterEach, describe, expect, it } from 'vitest';
import { openTerminal, setUpStore, snapshot, type TestTerminal } from '../../support/services';
import { MAX_WRONG_PINS } from '../../../src-main/services/staff/staff-service';

let t: TestTerminal;
afterEach(async () => t?.close());

describe('first run and sign-in', () => {
  it('asks for setup until the first manager exists, then refuses a second setup', async () => {
    t = await openTerminal();
    expect(await t.ok('staff.setupStatus')).toEqual({ needsSetup: true, storeName: '' });
    const manager = await t.ok<{ role: string }>('staff.setup', { storeName: 'Clear Spring', managerName: 'Wang', pin: '1234' });
    expect(manager.role).toBe('manager');
    expect(t.session.staff?.name).toBe('Wang');
    expect(await t.ok('staff.setupStatus')).toEqual({ needsSetup: false, storeName: 'Clear Spring' });
    const again = await t.call('staff.setup', { storeName: 'X', managerName: 'Evil', pin: '9999' });
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_SET_UP' } });
  });

  it('signs in with the right PIN, refuses a wrong one, and audits both', async () => {
    t = await openTerminal();
    const { cashier } = await setUpStore(t);
    await t.ok('staff.signOut');
    const wrong = await t.call('staff.signIn', { staffId: cashier.id, pin: '0000' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'PIN_INCORRECT', message: { en: 'Wrong PIN. Please try again.', 'zh-CN': '密码错误，请重试。' } } });
    expect(t.session.staff).toBeNull();
    const ok = await t.ok<{ name: string }>('staff.signIn', { staffId: cashier.id, pin: '1111' });
    expect(ok.name).toBe('Cashier');
    const audit = await t.services.audit.recent(10);
    expect(audit.filter((a) => a.action === 'staff.signIn').map((a) => a.outcome)).toEqual(['ok', 'refused']);
    expect(JSON.stringify(audit)).not.toContain('0000');
  });

  it(`locks a staff member out after ${MAX_WRONG_PINS} wrong PINs, even with the right one`, async () => {
    let now = Date.parse('2026-11-21T10:00:00Z');
    t = await openTerminal({ now: () => new Date(now) });
    const { cashier } = await setUpStore(t);
    for (let i = 0; i < MAX_WRONG_PINS; i++) await t.call('staff.signIn', { staffId: cashier.id, pin: '0000' });
    expect(await t.call('staff.signIn', { staffId: cashier.id, pin: '1111' })).toMatchObject({ ok: false, error: { code: 'SIGN_IN_LOCKED', params: { seconds: 60 } } });
    now += 61_000;
    expect(await t.call('staff.signIn', { staffId: cashier.id, pin: '1111' })).toMatchObject({ ok: true });
  });

  it('never sends a PIN hash to the screen', async () => {
    t = await openTerminal();
    await setUpStore(t);
    const list = await t.ok<object[]>('staff.list');
    expect(list).toHaveLength(2);
    for (const s of list) expect(Object.keys(s).sort()).toEqual(['id', 'name', 'role']);
  });
});

describe('manager-only methods are refused in main', () => {
  it('refuses a cashier creating staff or changing settings, audits it, and changes nothing', async () => {
    t = await openTerminal();
    const { cashier } = await setUpStore(t);
    await t.ok('staff.signOut');
    await t.ok('staff.signIn', { staffId: cashier.id, pin: '1111' });
    const before = snapshot(t.services);
    const settingsBefore = JSON.stringify(t.services.settings.get());
    expect(await t.call('staff.create', { name: 'Sneaky', role: 'manager', pin: '5555' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.call('settings.update', { storeName: 'Mine now' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(JSON.stringify(t.services.settings.get())).toBe(settingsBefore);
    const refused = (await t.services.audit.recent(5)).filter((a) => a.outcome === 'refused');
    expect(refused.map((a) => a.action).sort()).toEqual(['settings.update', 'staff.create']);
    // Only the two audit rows were added.
    expect(JSON.parse(snapshot(t.services)).find((x: [string]) => x[0] === 'staff')).toEqual(JSON.parse(before).find((x: [string]) => x[0] === 'staff'));
  });

  it('refuses staff methods to a screen nobody signed in on', async () => {
    t = await openTerminal();
    await setUpStore(t);
    await t.ok('staff.signOut');
    expect(await t.call('staff.signOut')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await t.call('staff.audit', { limit: 5 })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });
});
