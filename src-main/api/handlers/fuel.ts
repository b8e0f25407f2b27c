import type { Services } from '../../services';
import type { HandlerMap } from './types';

export function fuelHandlers(s: Services) {
  const f = s.fuel;
  return {
    'fuel.overview': () => f.overview(),
    'fuel.quote': (input) => f.quote(input),
    'fuel.pay': (input, ctx) => f.pay(ctx.session.staff!, input),
    'fuel.orders': () => f.today(),
    'fuel.stop': (input, ctx) => f.stopPump(ctx.session.staff ?? null, input.orderId),
    'fuel.print': (input) => f.print(input.orderId, input.which),
    'fuel.setup': () => f.setup.view(),
    'fuel.setLocation': (input, ctx) => f.setup.setLocation(ctx.session.staff!, input),
    'fuel.setStations': (input, ctx) => f.setup.setStations(ctx.session.staff!, input.stations),
    'fuel.setGrade': (input, ctx) => f.setup.setGrade(ctx.session.staff!, input),
    'fuel.setPump': (input, ctx) => f.setup.setPump(ctx.session.staff!, input),
  } satisfies HandlerMap<'fuel.'>;
}
