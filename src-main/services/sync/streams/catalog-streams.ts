import type * as z from 'zod';
import { ITEM_ID, OUTLET_ID, type Item, type Outlet } from '../../../domain/catalog';
import { PosError } from '../../../domain/errors';
import { catalogItemRecord, catalogOutletRecord } from '../../../domain/sync/reference';
import type { CatalogEvent } from '../../catalog/catalog-events';
import type { CatalogStore } from '../../catalog/catalog-store';
import type { ReferenceStream } from '../reference/reference-data';

export const CATALOG_OUTLETS = 'catalog.outlets';
export const CATALOG_ITEMS = 'catalog.items';

function invalid(stream: string, record: string, reason: string): PosError {
  return new PosError('SYNC_REFERENCE_INVALID', { stream, record, reason });
}

/**
 * Outlets from head office, upserted by id through the catalog's own event (its projector is the
 * only writer). An outlet deleted centrally stays (past charges name it) but stops selling and
 * becomes the store's own again.
 */
export function catalogOutletsStream(store: CatalogStore): ReferenceStream<z.infer<typeof catalogOutletRecord>> {
  return {
    name: CATALOG_OUTLETS,
    schema: catalogOutletRecord,
    apply(tx, changes) {
      for (const c of changes) {
        if (!OUTLET_ID.test(c.id)) throw invalid(CATALOG_OUTLETS, c.id, 'an outlet id is a lower-case code (a-z, 0-9, - and _)');
        let outlet: Outlet;
        if (c.record === null) {
          const was = store.outlet(c.id);
          if (!was) continue;
          outlet = { ...was, active: false, origin: 'local' };
        } else {
          outlet = { id: c.id, ...c.record, origin: 'central' };
        }
        tx.event({ type: 'catalog.outlet.saved', outlet } satisfies CatalogEvent);
      }
    },
  };
}

/**
 * Items from head office with their whole price list: each price row is upserted at its instant,
 * so a charge already made keeps its amount and a scheduled change takes effect when it is due.
 * An item deleted centrally stops selling and becomes the store's own again.
 */
export function catalogItemsStream(store: CatalogStore): ReferenceStream<z.infer<typeof catalogItemRecord>> {
  return {
    name: CATALOG_ITEMS,
    schema: catalogItemRecord,
    apply(tx, changes) {
      for (const c of changes) {
        if (!ITEM_ID.test(c.id)) throw invalid(CATALOG_ITEMS, c.id, 'an item id is letters, digits, - and _');
        if (c.record === null) {
          const was = store.item(c.id);
          if (was) tx.event({ type: 'catalog.item.saved', item: { ...was, active: false, origin: 'local' }, price: null } satisfies CatalogEvent);
          continue;
        }
        const { prices, ...fields } = c.record;
        if (!store.outlet(fields.outletId)) throw invalid(CATALOG_ITEMS, c.id, `outlet ${fields.outletId} is not known at this counter`);
        const owner = fields.barcode ? store.itemByBarcode(fields.barcode) : undefined;
        if (owner && owner.id !== c.id) throw invalid(CATALOG_ITEMS, c.id, `barcode ${fields.barcode} already belongs to item ${owner.id}`);
        const item: Item = { id: c.id, ...fields, origin: 'central' };
        for (const p of prices) {
          tx.event({ type: 'catalog.item.saved', item, price: { price: p.price, effectiveFrom: new Date(p.effectiveFrom).toISOString() } } satisfies CatalogEvent);
        }
      }
    },
  };
}
