import type { ServerDb } from '../db';
import { applyMerchant, decideMerchant, findMerchant, QR_PATH } from './merchants';
import { createProduct, findProduct } from './products';

/** Fixed ids: a restarted demo server finds its merchant and products and makes nothing twice. */
export const DEMO_MERCHANT_ID = '0193a000-0000-7000-8000-0000000000c1';
const STORED_ID = '0193a000-0000-7000-8000-0000000000c2';
const PUNCH_ID = '0193a000-0000-7000-8000-0000000000c3';

/**
 * The demo store's member-cards merchant (`--demo STORE`): applied and approved through the back
 * office's own code path (audited as the admin), selling a stored-value card (¥100 → +¥20,
 * ¥200 → +¥50) and a punch card (10 washes, a year). Returns its QR path for the log and demo.json.
 */
export async function seedDemoMerchant(db: ServerDb, storeId: string, now: Date): Promise<{ merchantId: string; qrPath: string }> {
  const admin = (await db.one<{ id: string; username: string }>(`SELECT id, username FROM admin_user WHERE username = 'admin'`))!;
  const who = { adminId: admin.id, username: admin.username };
  let m = await findMerchant(db, DEMO_MERCHANT_ID);
  if (!m) {
    await applyMerchant(db, { storeId, name: '演示洗车行 Demo Car Wash', contact: '王经理 Manager Wang', phone: '010-88886666', address: '北京 Beijing' }, who, now, DEMO_MERCHANT_ID);
    m = await decideMerchant(db, DEMO_MERCHANT_ID, 'approve', '', who, now);
  }
  if (!(await findProduct(db, STORED_ID))) {
    await createProduct(db, m.id, { name: '储值卡 Stored value card', terms: { kind: 'stored', tiers: [{ pay: 10_000, bonus: 2_000 }, { pay: 20_000, bonus: 5_000 }] } }, now, STORED_ID);
  }
  if (!(await findProduct(db, PUNCH_ID))) {
    await createProduct(db, m.id, { name: '洗车10次卡 10 washes', terms: { kind: 'punch', uses: 10, price: 30_000, validDays: 365 } }, now, PUNCH_ID);
  }
  return { merchantId: m.id, qrPath: `${QR_PATH}${m.qr_token}` };
}
