import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src-main/api/dispatcher';
import { Session } from '../../../src-main/api/context';
import { RESUME_TTL_MS } from '../../../src-main/services/staff/session-resume';
import { openTerminal, setUpStore, type TestTerminal } from '../../support/services';

let t: TestTerminal;
afterEach(async () => t?.close());

/** A reloaded window: a new connection (new session) to the same main process. */
function reloadedWindow(terminal: TestTerminal) {
  const dispatch = createDispatcher(terminal.services);
  const session = new Session();
  return { session, call: (method: string, input: unknown = {}) => dispatch({ session }, method, input) };
}

describe('a reload of the same window keeps its cashier signed in', () => {
  it('trades the resume token for the session once, with a new token, and audits it', async () => {
    t = await openTerminal();
    const { cashier } = await setUpStore(t);
    await t.ok('staff.signOut');
    await t.ok('staff.signIn', { staffId: cashier.id, pin: '1111' });
    const { token } = await t.ok<{ token: string }>('staff.resumeToken');
    expect(token).not.toContain('1111');

    const reloaded = reloadedWindow(t);
    const resumed = await reloaded.call('staff.resume', { token });
    expect(resumed).toMatchObject({ ok: true, value: { staff: { id: cashier.id, name: 'Cashier', role: 'cashier' } } });
    expect(reloaded.session.staff?.id).toBe(cashier.id);
    const next = (resumed as { value: { token: string } }).value.token;
    expect(next).not.toBe(token);

    // Single use: the same token again (a copied one) signs nobody in.
    const copy = reloadedWindow(t);
    expect(await copy.call('staff.resume', { token })).toMatchObject({ ok: false, error: { code: 'RESUME_EXPIRED', message: { 'zh-CN': '本屏幕的登录已失效，请重新登录。' } } });
    expect(copy.session.staff).toBeNull();
    expect((await t.services.audit.recent(5)).map((a) => a.action)).toContain('staff.resume');
  });

  it('refuses a token after sign-out, after renewal, and after it expired', async () => {
    let now = Date.parse('2026-11-22T01:00:00Z');
    t = await openTerminal({ now: () => new Date(now) });
    await setUpStore(t);
    const first = await t.ok<{ token: string }>('staff.resumeToken');
    const second = await t.ok<{ token: string }>('staff.resumeToken');
    expect(await reloadedWindow(t).call('staff.resume', { token: first.token })).toMatchObject({ ok: false, error: { code: 'RESUME_EXPIRED' } });

    const third = await t.ok<{ token: string }>('staff.resumeToken');
    expect(third.token).not.toBe(second.token);
    await t.ok('staff.signOut');
    expect(await reloadedWindow(t).call('staff.resume', { token: third.token })).toMatchObject({ ok: false, error: { code: 'RESUME_EXPIRED' } });

    await t.ok('staff.signIn', { staffId: (await t.ok<{ id: string }[]>('staff.list'))[0]!.id, pin: '1234' });
    const late = await t.ok<{ token: string }>('staff.resumeToken');
    now += RESUME_TTL_MS + 1;
    expect(await reloadedWindow(t).call('staff.resume', { token: late.token })).toMatchObject({ ok: false, error: { code: 'RESUME_EXPIRED' } });
  });

  it('needs a signed-in window to issue a token, and bad input changes nothing', async () => {
    t = await openTerminal();
    await setUpStore(t);
    await t.ok('staff.signOut');
    expect(await t.call('staff.resumeToken')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await t.call('staff.resume', { token: 'short' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(t.session.staff).toBeNull();
  });
});
