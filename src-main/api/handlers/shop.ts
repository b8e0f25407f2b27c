import type { Services } from '../../services';
import type { HandlerMap } from './types';

export function shopHandlers(s: Services) {
  const shop = s.shop;
  return {
    'shop.items': () => shop.items(),
    'shop.scan': (input) => shop.scan(input.code),
    'shop.price': (input) => shop.price(input.lines),
    'shop.sell': (input, ctx) => shop.sell(ctx.session.staff!, input),
    'shop.showCustomer': (input) => {
      s.coupons.display.show(input);
      return { ok: true as const };
    },
    'shop.customerView': () => s.coupons.display.view(),
    'shop.today': () => shop.today(),
  } satisfies HandlerMap<'shop.'>;
}
