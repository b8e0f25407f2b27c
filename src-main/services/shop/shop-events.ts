import type { EventProjector } from '../../ledger';
import type { SaleRow, ShopStore } from './shop-store';

/**
 * The shop in business terms (version 1 of the `shop.*` events). The projector is the only writer
 * of the shop tables, live and on replay.
 * - `shop.sale.made`: a cart paid (the payment and the discount in this entry's ops); with a
 *   coupon, the claim was reserved on the server under the same command id;
 * - `shop.sale.couponConfirmed` / `shop.sale.couponFailed`: the server's confirmation of that
 *   reservation (failed: the server refused it after the sale; a manager sees it on the exceptions).
 */
export type ShopEvent =
  | { type: 'shop.sale.made'; sale: Omit<SaleRow, 'updatedAt'> }
  | { type: 'shop.sale.couponConfirmed'; saleId: string }
  | { type: 'shop.sale.couponFailed'; saleId: string; problem: string };

export function shopProjector(store: ShopStore): EventProjector {
  return (raw, at) => {
    const e = raw as ShopEvent;
    switch (e.type) {
      case 'shop.sale.made':
        store.insert({ ...e.sale, updatedAt: at });
        return;
      case 'shop.sale.couponConfirmed':
        store.setCouponState(e.saleId, 'confirmed', null, at);
        return;
      case 'shop.sale.couponFailed':
        store.setCouponState(e.saleId, 'failed', e.problem, at);
        return;
      default:
        throw new Error(`unknown shop event ${(e as { type: string }).type}`);
    }
  };
}
