import type { Services } from '../../services';
import type { HandlerMap } from './types';

export function paymentsHandlers(s: Services) {
  return {
    'payments.quote': (input) => s.payments.quote(input.total, input.tenders),
  } satisfies HandlerMap<'payments.'>;
}
