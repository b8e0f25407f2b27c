import type { Item, Outlet } from '../../domain/catalog';
import type { EventProjector } from '../../ledger';
import type { CatalogStore } from './catalog-store';

/**
 * The catalog in business terms (version 1 of the `catalog.*` events). Each event carries the
 * whole record, so applying it is an upsert by id: a screen, a CSV import and, later, the sync
 * stream of central records all end in the same rows. A price row is added, never edited away:
 * past charges keep the amount they were charged.
 */
export type CatalogEvent =
  | { type: 'catalog.outlet.saved'; outlet: Outlet }
  | { type: 'catalog.item.saved'; item: Item; price: { price: number; effectiveFrom: string } | null };

export function catalogProjector(store: CatalogStore): EventProjector {
  return (raw) => {
    const e = raw as CatalogEvent;
    switch (e.type) {
      case 'catalog.outlet.saved':
        store.applyOutlet(e.outlet);
        return;
      case 'catalog.item.saved':
        store.applyItem(e.item, e.price);
        return;
      default:
        throw new Error(`unknown catalog event ${(e as { type: string }).type}`);
    }
  };
}
