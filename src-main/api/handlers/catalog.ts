import type { Services } from '../../services';
import type { HandlerMap } from './types';

/** Thin: the contract validated the input; CatalogService owns the rules. */
export function catalogHandlers(s: Services) {
  const c = s.catalog;
  return {
    'catalog.list': () => c.list(),
    'catalog.byBarcode': (input) => c.byBarcode(input.barcode),
    'catalog.saveOutlet': (input, ctx) => c.saveOutlet(ctx.session.staff!, input),
    'catalog.saveItem': (input, ctx) => c.saveItem(ctx.session.staff!, input),
  } satisfies HandlerMap<'catalog.'>;
}
