import { reportRows, type DayReport } from '../../domain/settlement';
import type { Services } from '../../services';

const rows = (r: DayReport) => ({ 'zh-CN': reportRows(r, 'zh-CN'), en: reportRows(r, 'en') });
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
    'settlement.report': (input) => {
      const report = days.report(input.day);
      return { report, rows: rows(report), closedDays: days.closedDays() };
    },
    'settlement.closeDay': async (input, ctx) => {
      const r = await days.close(ctx.session.staff!, input);
      return { ...r, rows: rows(r.report) };
    },
    'settlement.printReport': (input, ctx) => days.print(input.day, ctx.session.staff!, input.locale),
    'settlement.export': (input) => days.export(input.day, input.format, input.locale),
    'settlement.dashboard': () => ({ ...days.dashboard(), currency: s.settings.get().store.currency }),
  } satisfies HandlerMap<'settlement.'>;
}
