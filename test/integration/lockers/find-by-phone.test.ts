import { afterEach, describe, expect, it } from 'vitest';
import { cmd, lockerTerminal, uidOf, type LockerTerminal } from './support';

let t: LockerTerminal;
afterEach(async () => {
  await t?.close();
});

describe('finding a party by the last digits of its phone', () => {
  it('lists open parties with masked phones and their lockers, never settled ones', async () => {
    t = await lockerTerminal();
    await t.ok('lockers.bind', { commandId: cmd(), wristbands: [uidOf(101), uidOf(102)], phone: '138 0013 8000' });
    await t.ok('lockers.bind', { commandId: cmd(), wristbands: [uidOf(103)], phone: '13912348000' });
    await t.ok('lockers.bind', { commandId: cmd(), wristbands: [uidOf(104)], phone: '13700001111' });

    const found = await t.ok<{ customer: string; lockers: number[] }[]>('lockers.findByPhone', { phoneTail: '8000' });
    expect(found.map((p) => [p.customer, p.lockers])).toEqual([
      ['139****8000', [103]],
      ['138****8000', [101, 102]],
    ]);
    expect(JSON.stringify(found)).not.toContain('13800138000');
    expect(await t.ok('lockers.findByPhone', { phoneTail: '138000' })).toHaveLength(1);

    await t.ok('lockers.checkout', { commandId: cmd(), wristband: uidOf(103), tenders: [] }); // nothing charged, nothing to pay
    expect((await t.ok<unknown[]>('lockers.findByPhone', { phoneTail: '8000' })).length).toBe(1);
  });

  it('refuses fewer than four digits or anything but digits, with a clear message', async () => {
    t = await lockerTerminal();
    const short = await t.refused('lockers.findByPhone', { phoneTail: '800' });
    expect(short.code).toBe('INVALID_INPUT');
    expect(short.fields?.[0]?.message['zh-CN']).toBe('手机尾号：请输入手机号后 4 到 11 位。');
    expect((await t.refused('lockers.findByPhone', { phoneTail: "8000' OR 1=1 --" })).code).toBe('INVALID_INPUT');
  });
});
