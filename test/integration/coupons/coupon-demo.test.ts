import { afterEach, describe, expect, it } from 'vitest';
import { bestCoupons, couponsForProduct } from '../../../src-main/domain/coupons';
import { COUPON_DISPLAYS_STREAM, COUPON_RULES_STREAM, couponRuleRecord, toDomainCoupon } from '../../../src-main/domain/coupons/protocol';
import { STREAM_SCHEMAS } from '../../../src-main/domain/sync/reference';
import { DEMO_SHOP_ITEMS, seedDemoCoupons } from '../../../src-server/coupons/demo';
import { openServerDb, type ServerDb } from '../../../src-server/db';
import { pullRecords } from '../../../src-server/reference/reference-store';
import { tempDir } from '../../support/services';

/** The demo server's coupons: what a person trying `npm start --demo` scans and claims. */
describe('demo coupons', () => {
  let db: ServerDb | null = null;
  afterEach(async () => {
    await db?.close();
    db = null;
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
});
