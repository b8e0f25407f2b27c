// Pricing a cart from the catalog. The screen sends item ids and quantities only: what an item
// costs is always the catalog's price in force now, never a number the screen sent.
import { PosError } from '../../domain/errors';
import type { Cart } from '../../domain/coupons';
import type { CatalogService } from '../catalog';
import type { SaleLine } from './shop-store';

export interface CartRequestLine {
  itemId: string;
  quantity: number;
}

export interface ShopItem {
  id: string;
  nameZh: string;
  nameEn: string;
  category: string;
  barcode: string | null;
  price: number;
}

/** The shop's items: active items of active outlets of kind 'shop', with a price in force now. */
export function shopItems(catalog: CatalogService): ShopItem[] {
  const { outlets, items } = catalog.list();
  const shops = new Set(outlets.filter((o) => o.kind === 'shop' && o.active).map((o) => o.id));
  return items
    .filter((i) => i.active && shops.has(i.outletId) && i.price !== null)
    .map((i) => ({ id: i.id, nameZh: i.nameZh, nameEn: i.nameEn, category: i.category, barcode: i.barcode, price: i.price! }));
}

/** Prices the request; the same item on two lines is merged (one line per item, as on paper). */
export function priceCart(catalog: CatalogService, request: readonly CartRequestLine[], at: Date): SaleLine[] {
  const shops = new Set(catalog.store.outlets().filter((o) => o.kind === 'shop' && o.active).map((o) => o.id));
  const byItem = new Map<string, SaleLine>();
  for (const r of request) {
    const item = catalog.store.item(r.itemId);
    if (!item || !item.active || !shops.has(item.outletId)) throw new PosError('SHOP_ITEM_UNKNOWN', { item: r.itemId });
    const price = catalog.priceAt(item.id, at);
    if (price === undefined) throw new PosError('SHOP_ITEM_NO_PRICE', { name: item.nameZh });
    const line = byItem.get(item.id) ?? { itemId: item.id, nameZh: item.nameZh, nameEn: item.nameEn, category: item.category, unitPrice: price, quantity: 0, amount: 0 };
    line.quantity += r.quantity;
    line.amount = line.unitPrice * line.quantity;
    byItem.set(item.id, line);
  }
  return [...byItem.values()];
}

/** The cart as the coupon rules see it. */
export function couponCart(lines: readonly SaleLine[], storeId: string, merchantId: string): Cart {
  return { storeId, merchantId, lines: lines.map((l) => ({ itemId: l.itemId, category: l.category, unitPrice: l.unitPrice, quantity: l.quantity })) };
}
