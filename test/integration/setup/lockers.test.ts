// Lockers added in ranges, wristbands registered one by one, on the lockers workflow's own commands.
import { afterEach, describe, expect, it } from 'vitest';
import { cmd, setupTerminal, type SetupTerminal } from './support';

let t: SetupTerminal;
afterEach(async () => {
  await t?.close();
});

type View = { lockers: { number: number; uid: string | null; state: string }[] };

describe('lockers in ranges', () => {
  it('adds 101–160 waiting for wristbands; a locker becomes usable once its wristband is registered', async () => {
    t = await setupTerminal();
    expect(await t.ok('lockers.addRange', { from: 101, to: 160 })).toEqual({ added: 60, existing: 0 });
    expect(await t.ok('lockers.addRange', { from: 155, to: 165 })).toEqual({ added: 5, existing: 6 });
    let view = await t.ok<View>('lockers.setupView');
    expect(view.lockers).toHaveLength(65);
    expect(view.lockers[0]).toEqual({ number: 101, uid: null, state: 'free' });
    // Not usable yet, and the cashier is told why.
    const e = await t.refusedUnchanged('lockers.bind', { commandId: cmd(), wristbands: ['101'], phone: '13800138000' });
    expect(e.message).toEqual({ en: 'Locker 101 has no wristband registered yet. A manager registers it under Store setup.', 'zh-CN': '101 号柜还没有登记手牌，请店长在"门店设置"中登记。' });
    // A locker out of service while it waits stays out of service once registered.
    await t.ok('lockers.setLockerState', { locker: 102, state: 'out_of_service' });
    await t.ok('lockers.registerLocker', { locker: 101, uid: 'aabb0101' });
    await t.ok('lockers.registerLocker', { locker: 102, uid: 'AABB0102' });
    view = await t.ok<View>('lockers.setupView');
    expect(view.lockers.slice(0, 3)).toEqual([
      { number: 101, uid: 'AABB0101', state: 'free' },
      { number: 102, uid: 'AABB0102', state: 'out_of_service' },
      { number: 103, uid: null, state: 'free' },
    ]);
    await t.ok('lockers.bind', { commandId: cmd(), wristbands: ['AABB0101'], phone: '13800138000' });
    // Replacing the wristband of a free locker: the old one is no longer known.
    await t.ok('lockers.registerLocker', { locker: 103, uid: 'AABB0103' });
    await t.ok('lockers.registerLocker', { locker: 103, uid: 'AABB9103' });
    expect((await t.call('lockers.lookup', { wristband: 'AABB0103' })).ok).toBe(false);
    const status = await t.ok<{ missing: { code: string }[] }>('setup.status');
    expect(status.missing.map((m) => m.code)).not.toContain('noLockers');
  });

  it('refuses bad ranges, wristbands in use and a cashier, changing nothing', async () => {
    t = await setupTerminal();
    await t.ok('lockers.addRange', { from: 101, to: 102 });
    await t.ok('lockers.registerLocker', { locker: 101, uid: 'AABB0101' });
    expect((await t.refusedUnchanged('lockers.addRange', { from: 160, to: 101 })).code).toBe('LOCKER_RANGE_INVALID');
    expect((await t.refusedUnchanged('lockers.addRange', { from: 1, to: 501 })).message.en).toBe('Enter a range from the first to the last locker, at most 500 lockers at once.');
    expect((await t.refusedUnchanged('lockers.addRange', { from: 0, to: 5 })).code).toBe('INVALID_INPUT');
    expect((await t.refusedUnchanged('lockers.registerLocker', { locker: 102, uid: 'AABB0101' })).code).toBe('LOCKER_UID_IN_USE');
    expect((await t.refusedUnchanged('lockers.registerLocker', { locker: 102, uid: 'XYZ' })).code).toBe('INVALID_INPUT');
    await t.asCashier();
    expect((await t.refusedUnchanged('lockers.addRange', { from: 200, to: 210 })).code).toBe('FORBIDDEN');
    expect((await t.refusedUnchanged('lockers.setupView', {})).code).toBe('FORBIDDEN');
    expect((await t.refusedUnchanged('lockers.updateSettings', { wristbandQuota: 1 })).code).toBe('FORBIDDEN');
    expect((await t.refusedUnchanged('lockers.printList', {})).code).toBe('FORBIDDEN');
  });

  it('printing the list without a printer says so and changes nothing', async () => {
    t = await setupTerminal();
    await t.ok('lockers.addRange', { from: 101, to: 102 });
    const e = await t.refusedUnchanged('lockers.printList', {});
    expect(e).toMatchObject({ code: 'DEVICE_DISABLED', message: { 'zh-CN': '本收银台未配置小票打印机。' } });
  });
});
