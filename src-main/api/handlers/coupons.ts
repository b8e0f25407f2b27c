import type { Services } from '../../services';
import type { HandlerMap } from './types';

export function couponsHandlers(s: Services) {
  const c = s.coupons;
  return {
    'coupons.status': () => ({ connected: c.connected(), coupons: c.book.count(), displays: c.displays() }),
    'coupons.forProduct': (input) => c.forProduct(input.itemId, input.lines),
    'coupons.findMember': (input) => c.findMember(input),
    'coupons.claim': (input, ctx) => c.claim(ctx.session.staff!, input),
    'coupons.claims': (input) => c.claims(input.memberId, input.lines),
  } satisfies HandlerMap<'coupons.'>;
}
