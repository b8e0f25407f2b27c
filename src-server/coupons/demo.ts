import { LEGACY_PRICE_FROM } from '../../src-main/domain/catalog';
import type { CouponDisplayRecord } from '../../src-main/domain/coupons/protocol';
import type { ServerDb } from '../db';
import { listRecords, writeRecords } from '../reference/reference-store';
import { findCoupon, saveCoupon, saveDisplay, type CouponInput } from './coupon-book';

/**
 * The demo's shop goods and coupons (`npm run server -- --demo STORE`): five shop items with
 * barcodes and categories, published from head office as `catalog.items` (the demo terminal's own
 * items have neither), the coupons of issue 17 on them, and one product display. Each part is made
 * once; a later start leaves what the back office changed alone.
 *
 * Try at the counter: scan 6970000000024 (防晒霜): its own coupon (立减30) lists first; a cart of
 * 100 yuan or more gets 满100减20; two bags of chips get the third free.
 */
export const DEMO_SHOP_ITEMS = [
  { id: 'demo-shop-cola', nameZh: '可口可乐 330ml', nameEn: 'Coca-Cola 330 ml', category: '饮料', barcode: '6901939621257', price: 350 },
  { id: 'demo-shop-tea', nameZh: '东方树叶 500ml', nameEn: 'Oriental Leaf tea 500 ml', category: '饮料', barcode: '6921168509256', price: 550 },
  { id: 'demo-shop-chips', nameZh: '乐事薯片', nameEn: "Lay's chips", category: '零食', barcode: '6924743915763', price: 850 },
  { id: 'demo-shop-towel', nameZh: '纯棉毛巾', nameEn: 'Cotton towel', category: '洗护', barcode: '6970000000017', price: 3900 },
  { id: 'demo-shop-sunscreen', nameZh: '防晒霜 SPF50', nameEn: 'Sunscreen SPF50', category: '洗护', barcode: '6970000000024', price: 12800 },
] as const;

export const DEMO_COUPONS: CouponInput[] = [
  { id: 'demo-100-20', titleZh: '满100减20', titleEn: '¥20 off ¥100', offer: { kind: 'amountOff', threshold: 10_000, off: 2_000 }, scope: { kind: 'all' }, perMemberLimit: 3, totalLimit: 1000 },
  { id: 'demo-care-80', titleZh: '洗护8折 最高减50', titleEn: 'Care 20% off, up to ¥50', offer: { kind: 'percentOff', percent: 20, cap: 5_000, threshold: 0 }, scope: { kind: 'categories', categories: ['洗护'] }, perMemberLimit: 2, totalLimit: 500 },
  { id: 'demo-cola-1', titleZh: '可乐一口价1元', titleEn: 'Cola for ¥1', offer: { kind: 'fixedPrice', price: 100 }, scope: { kind: 'items', itemIds: ['demo-shop-cola'] }, perMemberLimit: 5, totalLimit: null },
  { id: 'demo-chips-b2g1', titleZh: '薯片买二送一', titleEn: 'Chips: buy 2 get 1', offer: { kind: 'buyNGetOne', buy: 2 }, scope: { kind: 'items', itemIds: ['demo-shop-chips'] }, perMemberLimit: 2, totalLimit: null },
  { id: 'demo-sunscreen-30', titleZh: '防晒霜立减30', titleEn: 'Sunscreen ¥30 off', offer: { kind: 'amountOff', threshold: 0, off: 3_000 }, scope: { kind: 'items', itemIds: ['demo-shop-sunscreen'] }, perMemberLimit: 1, totalLimit: 200 },
];

export const DEMO_DISPLAY: CouponDisplayRecord & { id: string } = {
  id: 'demo-display-sunscreen',
  titleZh: '夏日防晒 新品上市',
  titleEn: 'Summer sunscreen, new in',
  itemIds: ['demo-shop-sunscreen', 'demo-shop-towel'],
  textZh: '防晒霜立减30元，洗护8折',
  textEn: 'Sunscreen ¥30 off, care products 20% off',
  imageUrl: null,
  sort: 0,
};

export async function seedDemoCoupons(db: ServerDb, now: Date): Promise<void> {
  const by = 'demo';
  const items = new Set((await listRecords(db, 'catalog.items')).map((r) => r.id));
  const missing = DEMO_SHOP_ITEMS.filter((i) => !items.has(i.id));
  if (missing.length) {
    await writeRecords(
      db,
      'catalog.items',
      // Priced from the start of time, so the demo sells at these prices whatever the clock says.
      missing.map(({ id, price, ...f }) => ({ id, scope: '*', deleted: false, body: { outletId: 'shop', ...f, active: true, prices: [{ price, effectiveFrom: LEGACY_PRICE_FROM }] } })),
      by,
      now,
    );
  }
  for (const c of DEMO_COUPONS) if (!(await findCoupon(db, c.id))) await saveCoupon(db, c, by, now);
  if (!(await listRecords(db, 'coupons.displays')).some((r) => r.id === DEMO_DISPLAY.id)) await saveDisplay(db, DEMO_DISPLAY, by, now);
}
