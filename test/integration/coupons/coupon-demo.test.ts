import { afterEach, describe, expect, it } from 'vitest';
import { bestCoupons, couponsForProduct } from '../../../src-main/domain/coupons';
import { COUPON_DISPLAYS_STREAM, COUPON_RULES_STREAM, couponRuleRecord, toDomainCoupon } from '../../../src-main/domain/coupons/protocol';
import { STREAM_SCHEMAS } from '../../../src-main/domain/sync/reference';
import { DEMO_SHOP_ITEMS, seedDemoCoupons } from '../../../src-server/coupons/demo';
import { openServerDb, type ServerDb } from '../../../src-server/db';
import { pullRecords } from '../../../src-server/reference/reference-store';
import { tempDir } from '../../support/services';
import { Admin, startServer } from '../sync/support/server-process';
import { syncTerminal } from '../sync/support/terminal';

/** The demo server's coupons: what a person trying `npm start --demo` scans and claims. */
describe('demo coupons', () => {
  let db: ServerDb | null = null;
  const open: { close(): Promise<unknown> }[] = [];
  afterEach(async () => {
    await db?.close();
    db = null;
    for (const o of open.splice(0).reverse()) await o.close();
  });

  it('publishes shop items with barcodes, the five coupons and a display once; the sunscreen barcode lists its own coupon first', async () => {
    db = await openServerDb({ dataDir: tempDir('pos-server-') });
    const now = new Date('2026-12-04T04:00:00Z');
    await seedDemoCoupons(db, now);
    await seedDemoCoupons(db, now); // a restart adds nothing
    const items = await pullRecords(db, 'catalog.items', 'any-store', 0);
    const rules = await pullRecords(db, COUPON_RULES_STREAM, 'any-store', 0);
    const displays = await pullRecords(db, COUPON_DISPLAYS_STREAM, 'any-store', 0);
    expect(items.records).toHaveLength(5);
    expect(rules.records).toHaveLength(5);
    expect(displays.records).toHaveLength(1);
    for (const [stream, pulled] of [['catalog.items', items], [COUPON_RULES_STREAM, rules], [COUPON_DISPLAYS_STREAM, displays]] as const) {
      for (const r of pulled.records) expect(STREAM_SCHEMAS[stream]!.safeParse(r.body).success, `${stream} ${r.id}`).toBe(true);
    }

    const coupons = rules.records.map((r) => toDomainCoupon(r.id, couponRuleRecord.parse(r.body)));
    const sunscreen = DEMO_SHOP_ITEMS.find((i) => i.barcode === '6970000000024')!;
    const line = (i: (typeof DEMO_SHOP_ITEMS)[number], quantity = 1) => ({ itemId: i.id, category: i.category, unitPrice: i.price, quantity });
    const cart = { storeId: 's', merchantId: 's', lines: [line(sunscreen)] };
    const listed = couponsForProduct(coupons, { itemId: sunscreen.id, category: sunscreen.category, storeId: 's', merchantId: 's' }, cart, now.getTime());
    expect(listed.map((c) => [c.coupon.id, c.saving])).toEqual([
      ['demo-sunscreen-30', 3_000],
      ['demo-care-80', 2_560],
      ['demo-100-20', 2_000],
    ]);
    // Three bags of chips and a cola: the chips' buy-2-get-1 saves the most of everything.
    const [cola, , chips] = DEMO_SHOP_ITEMS;
    expect(bestCoupons(coupons, { storeId: 's', merchantId: 's', lines: [line(chips, 3), line(cola)] }, now.getTime())).toMatchObject({ saving: 850, coupons: [{ id: 'demo-chips-b2g1' }] });
  });

  it('the demo terminal takes the demo shop items from head office, with barcode, category and price', async () => {
    const target = { dataDir: tempDir('pos-server-') };
    const seeding = await openServerDb(target);
    await seedDemoCoupons(seeding, new Date());
    await seeding.close();
    const server = await startServer(target);
    open.push({ close: () => server.stop() });
    const admin = await Admin.signIn(server.url);
    const store = await admin.store('清泉浴场 总部');
    const t = await syncTerminal({ pull: { pullMs: 200 }, timing: { requestTimeoutMs: 15_000 } });
    open.push(t);
    await t.ok('sync.enroll', { serverUrl: server.url, code: await admin.pairingCode(store.id) });
    type Listed = { id: string; origin: string; price: number | null; barcode: string | null; category: string };
    await expect
      .poll(async () => (await t.ok<{ items: Listed[] }>('catalog.list')).items.filter((i) => i.id.startsWith('demo-shop-') && i.origin === 'central').length, { timeout: 60_000 })
      .toBe(DEMO_SHOP_ITEMS.length);
    const items = (await t.ok<{ items: Listed[] }>('catalog.list')).items;
    expect(items.find((i) => i.id === 'demo-shop-sunscreen')).toMatchObject({ barcode: '6970000000024', category: '洗护', price: 12_800, origin: 'central' });
  });
});
