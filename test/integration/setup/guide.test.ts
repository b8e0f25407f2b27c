// The first-run guide: store details, workflows, what is still missing, the station picked from the list;
// and the journal of all of it rebuilds the same tables (so sync and replay see one truth).
import { afterEach, describe, expect, it } from 'vitest';
import { derivedState, rebuildFrom } from '../journal/rebuild-support';
import { base64, cmd, setupTerminal, type SetupTerminal } from './support';

let t: SetupTerminal;
afterEach(async () => {
  await t?.close();
});

type Status = { details: Record<string, string>; workflows: string[] | null; steps: string[]; missing: { code: string; step: string; message: { en: string } }[] };
const STORE = { storeName: '清泉浴场', address: '上海市黄浦区人民大道 1 号', phone: '021-12345678', taxNumber: '91310000MA1K000000', timeZone: 'Asia/Shanghai', currency: 'CNY', footer: '谢谢惠顾' };

describe('first-run guide', () => {
  it('a fresh store lists what is missing; each step clears its part', async () => {
    t = await setupTerminal();
    let s = await t.ok<Status>('setup.status');
    expect(s.workflows).toBeNull();
    expect(s.missing.map((m) => m.code)).toEqual(['storeDetails', 'workflows', 'noPrinter']);
    s = await t.ok<Status>('setup.saveStore', STORE);
    expect(s.details).toEqual(STORE);
    expect(t.services.settings.get().store.receipt).toMatchObject({ address: STORE.address, taxNumber: STORE.taxNumber, footer: '谢谢惠顾' });
    s = await t.ok<Status>('setup.setWorkflows', { workflows: ['lockers', 'fuel'] });
    expect(s.steps).toEqual(['store', 'workflows', 'devices', 'lockers', 'catalog', 'fuel']);
    expect(s.missing.map((m) => m.code)).toEqual(['noPrinter', 'noCardReader', 'noLockers', 'noItems', 'noStation', 'noGrades', 'noPumps']);
    expect(s.missing.find((m) => m.code === 'noLockers')!.message.en).toBe('No lockers registered.');
    await t.ok('lockers.addRange', { from: 101, to: 103 });
    await t.ok('lockers.registerLocker', { locker: 101, uid: 'AABB0101' });
    s = await t.ok<Status>('setup.status');
    expect(s.missing.find((m) => m.code === 'lockersWithoutWristband')!.message.en).toBe('2 lockers have no wristband yet.');
    s = await t.ok<Status>('setup.setWorkflows', { workflows: ['shop'] });
    expect(s.steps).toEqual(['store', 'workflows', 'devices', 'catalog']);
  });

  it('bad details are refused with a typed error, nothing written; a cashier may only read the status', async () => {
    t = await setupTerminal();
    const before = t.services.settings.get();
    for (const change of [{ storeName: '' }, { address: 'a\u001bp' }, { timeZone: 'Mars/Base' }, { currency: 'yuan' }, { footer: 'x'.repeat(121) }]) {
      expect((await t.refusedUnchanged('setup.saveStore', { ...STORE, ...change })).code, JSON.stringify(change)).toBe('INVALID_INPUT');
    }
    expect((await t.refusedUnchanged('setup.setWorkflows', { workflows: [] })).code).toBe('INVALID_INPUT');
    expect((await t.refusedUnchanged('setup.setWorkflows', { workflows: ['casino'] })).code).toBe('INVALID_INPUT');
    expect(t.services.settings.get()).toEqual(before);
    await t.asCashier();
    await t.ok('setup.status');
    for (const [m, input] of [
      ['setup.saveStore', STORE],
      ['setup.setWorkflows', { workflows: ['fuel'] }],
      ['setup.saveStation', { name: 'X', address: '', latitude: 1, longitude: 1 }],
      ['setup.useStation', { stationId: 'X' }],
    ] as const) {
      expect((await t.refusedUnchanged(m, input)).code).toBe('FORBIDDEN');
    }
    expect(t.services.settings.get()).toEqual(before);
  });

  it('the currency cannot change once money has moved', async () => {
    t = await setupTerminal();
    await t.ok('lockers.addRange', { from: 101, to: 101 });
    await t.ok('lockers.registerLocker', { locker: 101, uid: 'AABB0101' });
    await t.ok('lockers.bind', { commandId: cmd(), wristbands: ['101'], phone: '13800138000' });
    await t.ok('lockers.charge', { commandId: cmd(), wristband: '101', outlet: 'shop', amount: 500 });
    expect((await t.refusedUnchanged('setup.saveStore', { ...STORE, currency: 'USD' })).code).toBe('SETUP_CURRENCY_LOCKED');
  });

  it('the station is picked from the list: the terminal takes its coordinates and resolves to it', async () => {
    t = await setupTerminal();
    let stations = await t.ok<{ id: string; name: string; address: string }[]>('setup.saveStation', { name: '人民广场加油站', address: '上海市黄浦区人民大道 1 号', latitude: 31.230416, longitude: 121.473701 });
    stations = await t.ok('setup.saveStation', { name: '徐家汇加油站', address: '上海市徐汇区', latitude: 31.1955, longitude: 121.4365 });
    expect(stations.map((s) => s.name)).toEqual(['人民广场加油站', '徐家汇加油站']);
    const xu = stations.find((s) => s.name === '徐家汇加油站')!;
    const found = await t.ok<{ station: { id: string; name: string; distanceMetres: number } }>('setup.useStation', { stationId: xu.id });
    expect(found.station).toEqual({ id: xu.id, name: '徐家汇加油站', distanceMetres: 0 });
    expect((await t.refusedUnchanged('setup.useStation', { stationId: 'NOPE' })).code).toBe('NOT_FOUND');
    expect((await t.refusedUnchanged('setup.saveStation', { name: 'X', address: '', latitude: 91, longitude: 1 })).code).toBe('INVALID_INPUT');
  });

  it('replaying the journal of a whole set-up into an empty database gives identical tables', async () => {
    t = await setupTerminal();
    await t.ok('setup.saveStore', STORE);
    await t.ok('setup.setWorkflows', { workflows: ['lockers', 'fuel', 'shop'] });
    await t.ok('lockers.addRange', { from: 101, to: 110 });
    await t.ok('setup.import', { commandId: cmd(), kind: 'lockers', content: base64('locker,uid,state\n101,AABB0101,\n102,AABB0102,停用\n') });
    await t.ok('lockers.updateSettings', { wristbandQuota: 50_000, partyQuota: 150_000, maxCharge: 200_000 });
    const bar = await t.ok<{ id: string }>('catalog.saveOutlet', { nameZh: '水吧', nameEn: 'Juice bar', kind: 'restaurant' });
    await t.ok('catalog.saveItem', { outletId: bar.id, nameZh: '橙汁', nameEn: 'Orange juice', price: 1800, effectiveFrom: '2026-12-05T00:00:00Z' });
    await t.ok('setup.import', { commandId: cmd(), kind: 'catalog', content: base64('outlet,name_zh,name_en,price\nshop,矿泉水,Water,3\n') });
    await t.ok('setup.saveStation', { name: '人民广场加油站', address: '上海', latitude: 31.230416, longitude: 121.473701 });
    await t.ok('lockers.bind', { commandId: cmd(), wristbands: ['101'], phone: '13800138000' });
    const rebuilt = await rebuildFrom(t);
    try {
      expect(derivedState(rebuilt.services)).toEqual(derivedState(t.services));
    } finally {
      await rebuilt.close();
    }
  });
});
