import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openTerminal, setUpStore, snapshot, type TestTerminal } from '../../support/services';
import { derivedState, rebuildFrom } from '../journal/rebuild-support';

let t: TestTerminal | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

interface Item {
  id: string;
}

/** A store with a shop outlet: water ¥3.00 (barcode 6901234500011) and shampoo ¥25.00, and a bar item the shop does not sell. */
async function shopStore() {
  t = await openTerminal();
  await setUpStore(t);
  const shop = await t.ok<{ id: string }>('catalog.saveOutlet', { nameZh: '小卖部', nameEn: 'Shop', kind: 'shop' });
  const bar = await t.ok<{ id: string }>('catalog.saveOutlet', { nameZh: '水吧', nameEn: 'Bar', kind: 'restaurant' });
  const water = await t.ok<Item>('catalog.saveItem', { outletId: shop.id, nameZh: '矿泉水', nameEn: 'Water', price: 300, barcode: '6901234500011', category: '饮料' });
  const shampoo = await t.ok<Item>('catalog.saveItem', { outletId: shop.id, nameZh: '洗发水', nameEn: 'Shampoo', price: 2500, barcode: '6901234500028', category: '洗护' });
  const beer = await t.ok<Item>('catalog.saveItem', { outletId: bar.id, nameZh: '啤酒', nameEn: 'Beer', price: 1500 });
  return { t, water, shampoo, beer };
}

const account = (t: TestTerminal, code: string) =>
  t.services.db.sqlite.prepare(`SELECT debits_posted AS debits, credits_posted AS credits FROM ledger_account WHERE code = ?`).get(code) as { debits: number; credits: number } | undefined;

describe('shop sale', () => {
  it('scans by barcode, prices from the catalog, merges lines of the same item, and sells once per command id', async () => {
    const { t, water, shampoo } = await shopStore();
    expect(await t.ok('shop.scan', { code: '6901234500011' })).toMatchObject({ id: water.id, price: 300 });
    const priced = await t.ok<{ subtotal: number; lines: { quantity: number }[] }>('shop.price', { lines: [{ itemId: water.id, quantity: 2 }, { itemId: shampoo.id, quantity: 1 }, { itemId: water.id, quantity: 1 }] });
    expect(priced.subtotal).toBe(3 * 300 + 2500);
    expect(priced.lines.map((l) => l.quantity)).toEqual([3, 1]);

    const input = { commandId: uuidv7(), lines: [{ itemId: water.id, quantity: 3 }, { itemId: shampoo.id, quantity: 1 }], total: 3400, tenders: [{ method: 'cash', amount: 5000 }] };
    const first = await t.ok<{ sale: { id: string; total: number; change: number; tenders: unknown[] }; receipt: unknown }>('shop.sell', input);
    expect(first.sale).toMatchObject({ total: 3400, change: 1600, tenders: [{ method: 'cash', amount: 3400 }] });
    // The replay returns the first sale and books nothing more.
    const again = await t.ok<{ sale: { id: string } }>('shop.sell', input);
    expect(again.sale.id).toBe(first.sale.id);
    expect(await t.ok<unknown[]>('shop.today')).toHaveLength(1);
    expect(account(t, 'tender:cash')).toEqual({ debits: 3400, credits: 0 });
    expect(account(t, 'shop_sales')).toEqual({ debits: 0, credits: 3400 });
    // Same id, another body: refused.
    const conflict = await t.call('shop.sell', { ...input, tenders: [{ method: 'bank_card', amount: 3400 }] });
    expect(conflict).toMatchObject({ ok: false, error: { code: 'IDEMPOTENCY_CONFLICT' } });

    // The journal alone rebuilds the shop's table, the balances and the day figures exactly.
    const rebuilt = await rebuildFrom(t);
    try {
      expect(derivedState(rebuilt.services)).toEqual(derivedState(t.services));
      expect(rebuilt.services.shop.sale(first.sale.id)).toMatchObject({ total: 3400, change: 1600 });
    } finally {
      await rebuilt.close();
    }
  });

  it('the day report counts shop sales by tender', async () => {
    const { t, shampoo } = await shopStore();
    await t.ok('shop.sell', { commandId: uuidv7(), lines: [{ itemId: shampoo.id, quantity: 2 }], total: 5000, tenders: [{ method: 'mobile', amount: 5000 }] });
    const day = t.services.db.sqlite.prepare(`SELECT kind, key, count, amount FROM settlement_figure WHERE kind IN ('sale', 'tender', 'discount') ORDER BY kind, key`).all();
    expect(day).toEqual([
      { kind: 'sale', key: 'shop', count: 1, amount: 5000 },
      { kind: 'tender', key: 'mobile', count: 0, amount: 5000 },
    ]);
  });

  it('bad input gets a typed error and changes nothing', async () => {
    const { t, water, beer } = await shopStore();
    const before = snapshot(t.services);
    const sell = (body: Record<string, unknown>) => t.call('shop.sell', { commandId: uuidv7(), lines: [{ itemId: water.id, quantity: 1 }], total: 300, tenders: [{ method: 'cash', amount: 300 }], ...body });
    expect(await sell({ lines: [] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await sell({ lines: [{ itemId: water.id, quantity: 0 }] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await sell({ lines: [{ itemId: water.id, quantity: 1.5 }] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await sell({ lines: [{ itemId: beer.id, quantity: 1 }], total: 1500, tenders: [{ method: 'cash', amount: 1500 }] })).toMatchObject({ ok: false, error: { code: 'SHOP_ITEM_UNKNOWN' } });
    expect(await sell({ total: 200 })).toMatchObject({ ok: false, error: { code: 'SHOP_TOTAL_CHANGED' } });
    expect(await sell({ tenders: [{ method: 'cash', amount: 200 }] })).toMatchObject({ ok: false, error: { code: 'PAYMENT_SHORT' } });
    expect(await sell({ tenders: [{ method: 'bank_card', amount: 500 }] })).toMatchObject({ ok: false, error: { code: 'PAYMENT_OVER' } });
    expect(await t.call('shop.scan', { code: '0000000000' })).toMatchObject({ ok: false, error: { code: 'CATALOG_BARCODE_UNKNOWN' } });
    expect(snapshot(t.services)).toBe(before);
  });

  it('a shop sale is a sale for the shift rule: refused without an open shift when the store requires one; auto-opened, with its cash in the drawer, when set to auto', async () => {
    const { t, water } = await shopStore();
    const sell = () => t.call('shop.sell', { commandId: uuidv7(), lines: [{ itemId: water.id, quantity: 2 }], total: 600, tenders: [{ method: 'cash', amount: 1000 }] });
    await t.ok('settlement.updateSettings', { shiftMode: 'required' });
    const before = snapshot(t.services);
    expect(await sell()).toMatchObject({ ok: false, error: { code: 'SHIFT_NOT_OPEN' } });
    expect(snapshot(t.services)).toBe(before);
    await t.ok('settlement.updateSettings', { shiftMode: 'auto' });
    expect((await sell()).ok).toBe(true);
    const drawer = t.services.db.sqlite.prepare(`SELECT cash_sales FROM settlement_shift WHERE closed_at IS NULL`).all();
    expect(drawer).toEqual([{ cash_sales: 600 }]);
  });
});
