import type { Cart, Coupon } from './offers';

/**
 * Active coupons indexed by what their scope names, so that a cart or a scanned product is checked
 * against the coupons that can touch it instead of every coupon (a store may hold tens of thousands).
 * Built once when the coupon reference data changes.
 */
export class CouponIndex {
  private readonly byItem = new Map<string, Coupon[]>();
  private readonly byCategory = new Map<string, Coupon[]>();
  private readonly byStore = new Map<string, Coupon[]>();
  private readonly byMerchant = new Map<string, Coupon[]>();
  private readonly everywhere: Coupon[] = [];

  constructor(coupons: Iterable<Coupon>) {
    const put = (m: Map<string, Coupon[]>, k: string, c: Coupon) => {
      const list = m.get(k);
      if (list) list.push(c);
      else m.set(k, [c]);
    };
    for (const c of coupons) {
      const s = c.scope;
      if (s.kind === 'items') for (const id of new Set(s.itemIds)) put(this.byItem, id, c);
      else if (s.kind === 'categories') for (const cat of new Set(s.categories)) put(this.byCategory, cat, c);
      else if (s.kind === 'store') put(this.byStore, s.storeId, c);
      else if (s.kind === 'merchant') put(this.byMerchant, s.merchantId, c);
      else this.everywhere.push(c);
    }
  }

  /** Every coupon whose scope touches at least one line of the cart (each once). */
  forCart(cart: Cart): Coupon[] {
    const seen = new Set<Coupon>();
    const add = (list: Coupon[] | undefined) => list?.forEach((c) => seen.add(c));
    if (cart.lines.length === 0) return [];
    for (const l of cart.lines) {
      add(this.byItem.get(l.itemId));
      add(this.byCategory.get(l.category));
    }
    add(this.byStore.get(cart.storeId));
    add(this.byMerchant.get(cart.merchantId));
    add(this.everywhere);
    return [...seen];
  }

  /** Every coupon matching a product and/or its store. */
  forProduct(p: { itemId: string; category: string; storeId: string; merchantId: string }): Coupon[] {
    return [...(this.byItem.get(p.itemId) ?? []), ...(this.byCategory.get(p.category) ?? []), ...(this.byStore.get(p.storeId) ?? []), ...(this.byMerchant.get(p.merchantId) ?? []), ...this.everywhere];
  }
}
