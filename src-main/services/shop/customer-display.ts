// What the customer-facing display shows: head office's product promotions and the cart the
// cashier is ringing up with its matching coupons. The cashier's screen sends the cart after each
// change; every display (a second window, a browser page) gets it as the `shop.customer` event.
import type { EventBus } from '../events';

export interface CustomerCart {
  lines: { nameZh: string; nameEn: string; quantity: number; amount: number }[];
  subtotal: number;
  discount: number;
  total: number;
  coupons: { titleZh: string; titleEn: string; saving: number; best: boolean }[];
}

export interface Promotion {
  id: string;
  titleZh: string;
  titleEn: string;
  textZh: string;
  textEn: string;
  imageUrl: string | null;
}

const EMPTY: CustomerCart = { lines: [], subtotal: 0, discount: 0, total: 0, coupons: [] };

export class CustomerDisplay {
  private cart: CustomerCart = EMPTY;

  constructor(
    private readonly events: EventBus,
    private readonly promotions: () => Promotion[],
    private readonly currency: () => string,
  ) {}

  view() {
    return { cart: this.cart, promotions: this.promotions(), currency: this.currency() };
  }

  show(cart: CustomerCart): void {
    this.cart = cart;
    this.events.emit('shop.customer', this.view());
  }

  /** Promotions changed (a pulled batch): the displays redraw with the cart they have. */
  refresh(): void {
    this.events.emit('shop.customer', this.view());
  }
}
