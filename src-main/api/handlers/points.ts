import type { Services } from '../../services';
import { demoBoardingPass } from '../../services/points/points-seed';
import type { HandlerMap } from './types';

export function pointsHandlers(s: Services) {
  const p = s.points;
  return {
    'points.status': () => ({ connected: p.connected(), services: [...p.serviceTypes()], ...p.rules.list(), demoBoardingPass: s.config.demo ? demoBoardingPass(new Date()) : null }),
    'points.lookup': (input) => p.lookup(input),
    'points.history': async (input) => {
      const h = await p.history(input.memberId);
      return { member: h.member, movements: h.movements };
    },
    'points.scan': (input) => p.scan(input.code),
    'points.quote': (input) => p.quote(input),
    'points.redeem': (input, ctx) => p.redeem(ctx.session.staff!, input),
    'points.refund': (input, ctx) => p.refund(ctx.session.staff!, input),
    'points.today': () => p.today(),
    'points.summary': (input) => p.summary(input.day),
    'points.setRule': (input, ctx) => p.rules.set(ctx.session.staff!, input),
    'points.removeRule': async (input, ctx) => {
      await p.rules.remove(ctx.session.staff!, input.ruleId);
      return { ok: true as const };
    },
  } satisfies HandlerMap<'points.'>;
}
