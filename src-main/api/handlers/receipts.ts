import type { Services } from '../../services';
import type { HandlerMap } from './types';

export function receiptsHandlers(s: Services) {
  const r = s.receipts;
  return {
    'receipts.list': async (input) => ({ receipts: r.list(input.query ?? ''), waiting: r.failedJobs() }),
    'receipts.get': async (input) => r.get(input.id),
    'receipts.reprint': (input, ctx) => r.reprint(input.id, ctx.session.staff!, input.locale),
    'receipts.retry': (input, ctx) => r.retry(input.jobId, ctx.session.staff),
    'receipts.dismiss': (input, ctx) => r.dismiss(input.jobId, ctx.session.staff!),
    'receipts.openDrawer': (input, ctx) => r.openDrawer(ctx.session.staff!, input.reason),
    'receipts.settings': async () => r.receiptSettings(),
    'receipts.configure': (input, ctx) => r.configure(ctx.session.staff!, input),
  } satisfies HandlerMap<'receipts.'>;
}
