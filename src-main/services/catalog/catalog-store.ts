// The catalog tables on the ledger's connection. Reads for the services; the apply functions are
// the only writers, called by the `catalog.*` projector (live and on replay) and, later, by the
// sync stream that fills records with origin 'central' by id, all inside one local transaction.
import type { Item, ItemPrice, Origin, Outlet, OutletKind } from '../../domain/catalog';
import type { Sqlite } from '../../ledger';

interface OutletRecord {
  id: string;
  name_zh: string;
  name_en: string;
  kind: OutletKind;
  sort: number;
  active: number;
  origin: Origin;
}
interface ItemRecord {
  id: string;
  outlet_id: string;
  name_zh: string;
  name_en: string;
  category: string;
  barcode: string | null;
  active: number;
  origin: Origin;
}

const outlet = (r: OutletRecord): Outlet => ({ id: r.id, nameZh: r.name_zh, nameEn: r.name_en, kind: r.kind, sort: r.sort, active: r.active === 1, origin: r.origin });
const item = (r: ItemRecord): Item => ({
  id: r.id,
  outletId: r.outlet_id,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  category: r.category,
  barcode: r.barcode,
  active: r.active === 1,
  origin: r.origin,
});

export function catalogStore(db: Sqlite) {
  const q = {
    outlets: db.prepare<[], OutletRecord>(`SELECT * FROM catalog_outlet ORDER BY sort, id`),
    outlet: db.prepare<[string], OutletRecord>(`SELECT * FROM catalog_outlet WHERE id = ?`),
    items: db.prepare<[], ItemRecord>(`SELECT * FROM catalog_item ORDER BY outlet_id, name_zh, id`),
    item: db.prepare<[string], ItemRecord>(`SELECT * FROM catalog_item WHERE id = ?`),
    itemByBarcode: db.prepare<[string], ItemRecord>(`SELECT * FROM catalog_item WHERE barcode = ?`),
    activeItems: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM catalog_item i JOIN catalog_outlet o ON o.id = i.outlet_id WHERE i.active = 1 AND o.active = 1`),
    prices: db.prepare<[string], { item_id: string; price: number; effective_from: string }>(`SELECT * FROM catalog_price WHERE item_id = ? ORDER BY effective_from`),
    allPrices: db.prepare<[], { item_id: string; price: number; effective_from: string }>(`SELECT * FROM catalog_price ORDER BY item_id, effective_from`),
    upsertOutlet: db.prepare(`INSERT INTO catalog_outlet (id, name_zh, name_en, kind, sort, active, origin) VALUES (@id, @nameZh, @nameEn, @kind, @sort, @active, @origin)
      ON CONFLICT (id) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en, kind = excluded.kind, sort = excluded.sort, active = excluded.active, origin = excluded.origin`),
    // Locker charges keep a foreign key to locker_outlet (0005): every catalog outlet is mirrored there.
    mirrorOutlet: db.prepare(`INSERT INTO locker_outlet (code, name_zh, name_en, sort) VALUES (@id, @nameZh, @nameEn, @sort)
      ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en, sort = excluded.sort`),
    upsertItem: db.prepare(`INSERT INTO catalog_item (id, outlet_id, name_zh, name_en, category, barcode, active, origin)
      VALUES (@id, @outletId, @nameZh, @nameEn, @category, @barcode, @active, @origin)
      ON CONFLICT (id) DO UPDATE SET outlet_id = excluded.outlet_id, name_zh = excluded.name_zh, name_en = excluded.name_en,
        category = excluded.category, barcode = excluded.barcode, active = excluded.active, origin = excluded.origin`),
    upsertPrice: db.prepare(`INSERT INTO catalog_price (item_id, price, effective_from) VALUES (?, ?, ?)
      ON CONFLICT (item_id, effective_from) DO UPDATE SET price = excluded.price`),
  };
  const toPrice = (r: { item_id: string; price: number; effective_from: string }): ItemPrice => ({ itemId: r.item_id, price: r.price, effectiveFrom: r.effective_from });
  return {
    outlets: () => q.outlets.all().map(outlet),
    outlet: (id: string) => {
      const r = q.outlet.get(id);
      return r ? outlet(r) : undefined;
    },
    items: () => q.items.all().map(item),
    item: (id: string) => {
      const r = q.item.get(id);
      return r ? item(r) : undefined;
    },
    itemByBarcode: (code: string) => {
      const r = q.itemByBarcode.get(code);
      return r ? item(r) : undefined;
    },
    activeItemCount: () => q.activeItems.get()!.n,
    prices: (itemId: string) => q.prices.all(itemId).map(toPrice),
    /** Every item's prices, by item id. */
    allPrices: () => {
      const by = new Map<string, ItemPrice[]>();
      for (const r of q.allPrices.all()) {
        const list = by.get(r.item_id) ?? [];
        list.push(toPrice(r));
        by.set(r.item_id, list);
      }
      return by;
    },
    /** Upsert by id (a screen, an import or a sync stream). */
    applyOutlet(o: Outlet) {
      const row = { ...o, active: o.active ? 1 : 0 };
      q.upsertOutlet.run(row);
      q.mirrorOutlet.run(row);
    },
    /** Upsert by id; a price row, when given, starts at its instant (an existing row at the same instant is replaced). */
    applyItem(i: Item, price: { price: number; effectiveFrom: string } | null) {
      q.upsertItem.run({ ...i, active: i.active ? 1 : 0 });
      if (price) q.upsertPrice.run(i.id, price.price, price.effectiveFrom);
    },
  };
}

export type CatalogStore = ReturnType<typeof catalogStore>;
