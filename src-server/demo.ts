import { seedDemoCoupons } from './coupons/demo';
import type { ServerDb } from './db';
import { createPairingCode, createStore } from './terminals';

/** Where `--demo` leaves the server's address and the pairing code for the terminal host. */
export const DEMO_FILE = 'demo.json';

/**
 * The demo server's set-up (`--demo STORE`): the store, made once, and a fresh one-time pairing
 * code for it, made by the back office's own code path, so the demo terminal enrolls itself the
 * way a manager would.
 */
export async function prepareDemo(db: ServerDb, storeName: string, now: Date): Promise<{ storeId: string; code: string; expiresAt: string }> {
  const admin = await db.one<{ id: string }>(`SELECT id FROM admin_user WHERE username = 'admin'`);
  let store = await db.one<{ id: string }>(`SELECT id FROM store WHERE name = ?`, [storeName]);
  store ??= await createStore(db, storeName, 'Asia/Shanghai', now);
  const { code, expiresAt } = await createPairingCode(db, store.id, admin!.id, 30, now);
  await seedDemoCoupons(db, now); // issue 17: shop items with barcodes, coupons and a product display (src-server/coupons/demo.ts)
  return { storeId: store.id, code, expiresAt };
}
