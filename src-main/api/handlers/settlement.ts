import type { Services } from '../../services';
import type { HandlerMap } from './types';

/** Thin: the contract validated the input; the settlement services own the rules and journal every change. */
export function settlementHandlers(s: Services) {
  const { shifts, days } = s.settlement;
  return {
    'settlement.current': () => ({ ...shifts.current(), today: days.today() }),
    'settlement.openShift': (input, ctx) => shifts.open(ctx.session.staff!, input),
    'settlement.payIn': (input, ctx) => shifts.payIn(ctx.session.staff!, input),
    'settlement.payOut': (input, ctx) => shifts.payOut(ctx.session.staff!, input),
    'settlement.closeShift': (input, ctx) => shifts.close(ctx.session.staff!, input),
    'settlement.settings': () => shifts.settings(),
    'settlement.updateSettings': (input, ctx) => shifts.updateSettings(ctx.session.staff!, input),
    'settlement.report': (input) => ({ report: days.report(input.day), closedDays: days.closedDays() }),
    'settlement.closeDay': (input, ctx) => days.close(ctx.session.staff!, input),
    'settlement.printReport': (input, ctx) => days.print(input.day, ctx.session.staff!, input.locale),
    'settlement.export': (input) => days.export(input.day, input.format, input.locale),
    'settlement.dashboard': () => ({ ...days.dashboard(), currency: s.settings.get().store.currency }),
  } satisfies HandlerMap<'settlement.'>;
}
