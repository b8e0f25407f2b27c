import { afterEach, describe, expect, it } from 'vitest';
import { contract } from '../../../src-main/api/contract';
import { openTerminal, setUpStore, snapshot, type TestTerminal } from '../../support/services';

let t: TestTerminal | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

type Fields = { path: string; message: { en: string; 'zh-CN': string } }[];
const fieldsOf = (r: { ok: boolean; error?: { code: string; fields?: Fields } }) => {
  expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  return r.error!.fields!;
};

/** Texts zod writes by itself: none may reach a cashier. */
const ZOD_WORDS = /expected|received|Invalid input|Too (big|small)|数值过|期望|无效输入|Unrecognized key/i;

describe('messages a cashier can read (issue 11, item 7)', () => {
  it('answers an unknown time zone with INVALID_INPUT naming the field, and changes nothing', async () => {
    t = await openTerminal();
    await setUpStore(t);
    const before = snapshot(t.services);
    const fields = fieldsOf(await t.call('settings.update', { timeZone: 'Mars/Olympus_Mons' }));
    expect(fields).toEqual([{ path: 'timeZone', message: { en: 'Time zone: not a known time zone; use a name such as Asia/Shanghai.', 'zh-CN': '时区：未知时区，请使用如 Asia/Shanghai 的名称。' } }]);
    expect(snapshot(t.services)).toBe(before);
    expect(t.services.settings.get().store.timeZone).toBe('Asia/Shanghai');
  });

  it('names the field and the allowed range in both languages', async () => {
    t = await openTerminal();
    await setUpStore(t);
    expect(fieldsOf(await t.call('staff.audit', { limit: 501 }))).toEqual([{ path: 'limit', message: { en: 'Number of records: at most 500.', 'zh-CN': '记录条数：不能大于 500。' } }]);
    expect(fieldsOf(await t.call('staff.audit', {}))).toEqual([{ path: 'limit', message: { en: 'Number of records: missing, or not a number.', 'zh-CN': '记录条数：缺少或不是数字。' } }]);
    expect(fieldsOf(await t.call('staff.create', { name: 'x'.repeat(41), role: 'cashier', pin: '1234' }))[0]).toEqual({ path: 'name', message: { en: 'Name: at most 40 characters.', 'zh-CN': '名称：最多 40 个字符。' } });
    expect(fieldsOf(await t.call('staff.create', { name: 'Li', role: 'boss', pin: '1234' }))[0]).toEqual({ path: 'role', message: { en: 'Role: must be one of "cashier", "manager".', 'zh-CN': '角色：只能是 "cashier", "manager" 之一。' } });
  });

  it.each(Object.keys(contract))('%s never shows zod\'s own words', async (method) => {
    t = await openTerminal();
    await setUpStore(t);
    const inputs: unknown[] = [null, 42, [], { bogus: 1 }, { limit: 1e9, pin: 7, name: '', amount: -1, wristbands: Array(100).fill('x'), staffId: 'nope', timeZone: '', commandId: 1, tenders: [{}] }];
    for (const input of inputs) {
      const r = await t.call(method, input);
      if (r.ok || r.error.code !== 'INVALID_INPUT') continue;
      for (const f of r.error.fields ?? []) {
        expect(f.message.en, `${method} ${f.path}`).not.toMatch(ZOD_WORDS);
        expect(f.message['zh-CN'], `${method} ${f.path}`).not.toMatch(ZOD_WORDS);
        expect(f.message['zh-CN']).not.toBe(f.message.en.replace(/^[\w.]+: /, ''));
      }
    }
  });
});

describe('names people see (issue 11, item 8)', () => {
  it.each([
    ['a line break', 'Li\nNa', 'field.nameControl', 'remove the control characters'],
    ['a bidi override', 'Li\u202Egnaw', 'field.nameBidi', 'text-direction'],
    ['an isolate', '\u2067Li Na\u2069', 'field.nameBidi', 'text-direction'],
    ['zero-width spaces only', '\u200B\u200B', 'field.nameInvisible', 'can be seen'],
    ['Hangul fillers only', '\u3164\u3164', 'field.nameInvisible', 'can be seen'],
  ])('refuses a staff, store or counter name with %s', async (_what, name, _key, words) => {
    t = await openTerminal();
    await setUpStore(t);
    const before = snapshot(t.services);
    expect(fieldsOf(await t.call('staff.create', { name, role: 'cashier', pin: '1234' }))[0]!.message.en).toContain(words);
    expect(fieldsOf(await t.call('settings.update', { storeName: name }))[0]!.path).toBe('storeName');
    expect(fieldsOf(await t.call('settings.update', { terminalName: name }))[0]!.path).toBe('terminalName');
    expect(fieldsOf(await t.call('fuel.setGrade', { id: 'g92', name })).some((f) => f.path === 'name')).toBe(true);
    expect(snapshot(t.services)).toBe(before);
  });

  it('accepts ordinary names in any script, emoji included', async () => {
    t = await openTerminal();
    await setUpStore(t);
    for (const name of ['王芳', 'Zoë O\'Brien', 'محمد', '👩‍🍳 Chef']) expect(await t.call('staff.create', { name, role: 'cashier', pin: '1234' })).toMatchObject({ ok: true });
  });
});
