// The catalog from the manager's screen, and the locker charge screen selling from it.
import { afterEach, describe, expect, it } from 'vitest';
import { cmd, setupTerminal, type SetupTerminal } from './support';

let t: SetupTerminal;
afterEach(async () => {
  await t?.close();
});

type ItemView = { id: string; price: number | null; prices: { price: number; effectiveFrom: string }[]; origin: string };

describe('outlets and items', () => {
  it('a fresh store has the three standard outlets; a manager adds an outlet and items, found by barcode', async () => {
    t = await setupTerminal();
    const fresh = await t.ok<{ outlets: { id: string }[]; items: unknown[] }>('catalog.list');
    expect(fresh.outlets.map((o) => o.id)).toEqual(['restaurant', 'massage', 'shop']);
    expect(fresh.items).toEqual([]);
    const bar = await t.ok<{ id: string; origin: string }>('catalog.saveOutlet', { nameZh: '水吧', nameEn: 'Juice bar', kind: 'restaurant' });
    expect(bar.origin).toBe('local');
    const juice = await t.ok<ItemView>('catalog.saveItem', { outletId: bar.id, nameZh: '橙汁', nameEn: 'Orange juice', price: 1800, barcode: '6901234500011', category: '饮料' });
    expect(juice).toMatchObject({ price: 1800, origin: 'local' });
    expect(await t.ok('catalog.byBarcode', { barcode: '6901234500011' })).toMatchObject({ id: juice.id, nameZh: '橙汁' });
    const overview = await t.ok<{ outlets: { code: string; items: { id: string; price: number }[] }[] }>('lockers.overview');
    expect(overview.outlets.find((o) => o.code === bar.id)!.items).toEqual([{ id: juice.id, nameZh: '橙汁', nameEn: 'Orange juice', price: 1800 }]);
  });

  it('bad input is refused with a typed error and writes nothing', async () => {
    t = await setupTerminal();
    const tea = await t.ok<ItemView>('catalog.saveItem', { outletId: 'restaurant', nameZh: '菊花茶', nameEn: 'Tea', price: 1200, barcode: '6901234500028' });
    const cases: [unknown, string][] = [
      [{ outletId: 'restaurant', nameZh: '', nameEn: 'X', price: 100 }, 'INVALID_INPUT'],
      [{ outletId: 'restaurant', nameZh: '茶\n茶', nameEn: 'X', price: 100 }, 'INVALID_INPUT'],
      [{ outletId: 'restaurant', nameZh: '茶', nameEn: 'X', price: 0 }, 'INVALID_INPUT'],
      [{ outletId: 'restaurant', nameZh: '茶', nameEn: 'X', price: 12.5 }, 'INVALID_INPUT'],
      [{ outletId: 'restaurant', nameZh: '茶', nameEn: 'X', price: 100, barcode: '12' }, 'INVALID_INPUT'],
      [{ outletId: 'bar', nameZh: '茶', nameEn: 'X', price: 100 }, 'CATALOG_OUTLET_UNKNOWN'],
      [{ outletId: 'restaurant', nameZh: '茶', nameEn: 'X' }, 'CATALOG_PRICE_REQUIRED'],
      [{ outletId: 'shop', nameZh: '水', nameEn: 'Water', price: 300, barcode: '6901234500028' }, 'CATALOG_BARCODE_TAKEN'],
      [{ id: tea.id, outletId: 'restaurant', nameZh: '菊花茶', nameEn: 'Tea', price: 1300, effectiveFrom: '2026-12-04T01:59:00.000Z' }, 'CATALOG_PRICE_IN_PAST'],
    ];
    for (const [input, code] of cases) expect((await t.refusedUnchanged('catalog.saveItem', input)).code, JSON.stringify(input)).toBe(code);
    const taken = await t.refusedUnchanged('catalog.saveItem', cases[7]![0]);
    expect(taken.message).toEqual({ en: 'Barcode 6901234500028 already belongs to "菊花茶".', 'zh-CN': '条码 6901234500028 已属于"菊花茶"。' });
    expect((await t.refusedUnchanged('catalog.saveOutlet', { nameZh: '', nameEn: 'Bar', kind: 'restaurant' })).code).toBe('INVALID_INPUT');
    expect((await t.refusedUnchanged('catalog.saveOutlet', { nameZh: '吧', nameEn: 'Bar', kind: 'pub' })).code).toBe('INVALID_INPUT');
    expect((await t.refusedUnchanged('catalog.byBarcode', { barcode: '6909999999999' })).code).toBe('CATALOG_BARCODE_UNKNOWN');
  });

  it('a cashier may read the catalog but not change it; the refusal is audited and changes nothing else', async () => {
    t = await setupTerminal();
    await t.asCashier();
    await t.ok('catalog.list');
    for (const [method, input] of [
      ['catalog.saveOutlet', { nameZh: '吧', nameEn: 'Bar', kind: 'restaurant' }],
      ['catalog.saveItem', { outletId: 'shop', nameZh: '水', nameEn: 'Water', price: 300 }],
    ] as const) {
      expect((await t.refusedUnchanged(method, input)).code).toBe('FORBIDDEN');
    }
    const audit = t.services.db.sqlite.prepare(`SELECT action, outcome FROM audit WHERE outcome = 'refused'`).all();
    expect(audit).toEqual([
      { action: 'catalog.saveOutlet', outcome: 'refused' },
      { action: 'catalog.saveItem', outcome: 'refused' },
    ]);
  });

  it('records from head office (origin central) are read-only at the counter', async () => {
    t = await setupTerminal();
    // What the sync stream will do: upsert a central record by id in one local transaction.
    t.services.db.sqlite.transaction(() =>
      t.services.catalog.store.applyItem({ id: 'hq-water', outletId: 'shop', nameZh: '总部矿泉水', nameEn: 'HQ water', category: '', barcode: null, active: true, origin: 'central' }, { price: 300, effectiveFrom: '2026-01-01T00:00:00.000Z' }),
    )();
    const e = await t.refusedUnchanged('catalog.saveItem', { id: 'hq-water', outletId: 'shop', nameZh: '改名', nameEn: 'Renamed', price: 100 });
    expect(e).toMatchObject({ code: 'CATALOG_READ_ONLY', message: { 'zh-CN': '"总部矿泉水"由总部统一管理，门店不能修改。' } });
  });
});

describe('price changes from an instant', () => {
  it('a charge uses the price in force at its moment; a later price change never alters it', async () => {
    t = await setupTerminal();
    await t.ok('lockers.addRange', { from: 101, to: 101 });
    await t.ok('lockers.registerLocker', { locker: 101, uid: 'AABB0101' });
    const tea = await t.ok<ItemView>('catalog.saveItem', { outletId: 'restaurant', nameZh: '菊花茶', nameEn: 'Tea', price: 1200 });
    // 12:00 Shanghai: tea goes to 15.00.
    await t.ok('catalog.saveItem', { id: tea.id, outletId: 'restaurant', nameZh: '菊花茶', nameEn: 'Tea', price: 1500, effectiveFrom: '2026-12-04T12:00:00+08:00' });
    await t.ok('lockers.bind', { commandId: cmd(), wristbands: ['101'], phone: '13800138000' });
    t.clock.now = new Date('2026-12-04T03:59:59.999Z');
    const before = await t.ok<{ amount: number }>('lockers.charge', { commandId: cmd(), wristband: '101', outlet: 'restaurant', items: [{ itemId: tea.id, quantity: 2 }] });
    expect(before.amount).toBe(2400);
    t.clock.now = new Date('2026-12-04T04:00:00.000Z');
    const after = await t.ok<{ amount: number }>('lockers.charge', { commandId: cmd(), wristband: '101', outlet: 'restaurant', items: [{ itemId: tea.id, quantity: 1 }] });
    expect(after.amount).toBe(1500);
    const party = await t.ok<{ party: { total: number; wristbands: { charges: { amount: number }[] }[] } }>('lockers.lookup', { wristband: '101' });
    expect(party.party.wristbands[0]!.charges.map((c) => c.amount)).toEqual([2400, 1500]);
    expect(party.party.total).toBe(3900);
    const list = await t.ok<{ items: ItemView[] }>('catalog.list');
    expect(list.items[0]!.prices.map((p) => p.price)).toEqual([1200, 1500]);
  });
});
