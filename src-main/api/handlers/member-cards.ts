import type { Services } from '../../services';
import type { HandlerMap } from './types';

export function membersHandlers(s: Services) {
  const c = s.memberCards;
  return {
    'members.identify': (input) => c.identify(input),
    'members.sendOtp': (input) => c.sendOtp(input.phone),
    'members.register': (input) => c.register(input),
  } satisfies HandlerMap<'members.'>;
}

export function memberCardsHandlers(s: Services) {
  const c = s.memberCards;
  return {
    'memberCards.status': () => c.status(),
    'memberCards.products': () => c.products(),
    'memberCards.cards': (input) => c.cards(input.memberId),
    'memberCards.history': (input) => c.history(input.cardId),
    'memberCards.open': (input, ctx) => c.openCard(ctx.session.staff!, input),
    'memberCards.recharge': (input, ctx) => c.recharge(ctx.session.staff!, input),
    'memberCards.redeem': (input, ctx) => c.redeem(ctx.session.staff!, input),
    'memberCards.reverse': (input, ctx) => c.reverse(ctx.session.staff!, input),
    'memberCards.today': () => c.today(),
    'memberCards.setVoice': (input) => c.setVoice(input),
  } satisfies HandlerMap<'memberCards.'>;
}
