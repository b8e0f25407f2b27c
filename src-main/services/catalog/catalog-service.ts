import { itemPriceAt, priceChangeTooEarly, type Item, type ItemPrice, type Outlet, type OutletKind } from '../../domain/catalog';
import { PosError } from '../../domain/errors';
import { newId, type Ledger, type LedgerTx, type Sqlite } from '../../ledger';
import type { CommandPath } from '../commands';
import type { StaffInfo } from '../staff/staff-service';
import { catalogProjector, type CatalogEvent } from './catalog-events';
import { catalogStore, type CatalogStore } from './catalog-store';

export interface CatalogDeps {
  sqlite: Sqlite;
  ledger: Ledger;
  commands: CommandPath;
  now: () => Date;
}

export interface OutletInput {
  id?: string | undefined;
  nameZh: string;
  nameEn: string;
  kind: OutletKind;
  sort?: number | undefined;
  active?: boolean | undefined;
}
export interface ItemInput {
  id?: string | undefined;
  outletId: string;
  nameZh: string;
  nameEn: string;
  category?: string | undefined;
  barcode?: string | null | undefined;
  active?: boolean | undefined;
  /** Minor units; required for a new item. */
  price?: number | undefined;
  /** When the price starts (default: now). Never in the past. */
  effectiveFrom?: string | undefined;
}

export type ItemView = Item & { price: number | null; prices: { price: number; effectiveFrom: string }[] };

const changed = (): [string, unknown][] => [['catalog.changed', { at: new Date().toISOString() }]];

/**
 * Outlets and the items they sell, one catalog for every workflow (the locker charge screen
 * today; the shop and coupons later). Every change is a journaled command with a `catalog.*`
 * event; records that came from head office (origin 'central') are read-only here.
 */
export class CatalogService {
  readonly store: CatalogStore;

  constructor(private readonly deps: CatalogDeps) {
    this.store = catalogStore(deps.sqlite);
    deps.ledger.projectors.register('catalog', catalogProjector(this.store));
  }

  /** Outlets and items with the price in force now and every price row (past and scheduled). */
  list(): { outlets: Outlet[]; items: ItemView[] } {
    const prices = this.store.allPrices();
    const now = this.deps.now();
    return { outlets: this.store.outlets(), items: this.store.items().map((i) => this.view(i, prices.get(i.id) ?? [], now)) };
  }

  /** The price of an item in force at `at` (a charge uses the price of its own moment). */
  priceAt(itemId: string, at: Date): number | undefined {
    return itemPriceAt(this.store.prices(itemId), at);
  }

  byBarcode(code: string): ItemView {
    const found = this.store.itemByBarcode(code);
    if (!found) throw new PosError('CATALOG_BARCODE_UNKNOWN', { barcode: code });
    return this.view(found, this.store.prices(found.id), this.deps.now());
  }

  saveOutlet(by: StaffInfo, input: OutletInput) {
    return this.deps.commands.run({
      commandId: newId(),
      method: 'catalog.saveOutlet',
      body: input,
      actor: by,
      work: (tx) => {
        const existing = input.id ? this.store.outlet(input.id) : undefined;
        if (input.id && !existing) throw new PosError('NOT_FOUND', { what: { en: `outlet ${input.id}`, 'zh-CN': `营业点 ${input.id}` } });
        if (existing?.origin === 'central') throw new PosError('CATALOG_READ_ONLY', { name: existing.nameZh });
        const outlet: Outlet = {
          id: existing?.id ?? tx.newId(),
          nameZh: input.nameZh,
          nameEn: input.nameEn,
          kind: input.kind,
          sort: input.sort ?? existing?.sort ?? this.store.outlets().length + 1,
          active: input.active ?? existing?.active ?? true,
          origin: 'local',
        };
        tx.event({ type: 'catalog.outlet.saved', outlet } satisfies CatalogEvent);
        return outlet;
      },
      announce: changed,
      audit: (o) => ({ outlet: o.id, nameZh: o.nameZh, active: o.active }),
    });
  }

  saveItem(by: StaffInfo, input: ItemInput) {
    return this.deps.commands.run({
      commandId: newId(),
      method: 'catalog.saveItem',
      body: input,
      actor: by,
      work: (tx) => {
        const event = this.itemEvent(tx, input);
        tx.event(event);
        return this.view(event.item, this.store.prices(event.item.id), this.deps.now());
      },
      announce: changed,
      audit: (i) => ({ item: i.id, nameZh: i.nameZh, price: input.price ?? null, effectiveFrom: input.effectiveFrom ?? null }),
    });
  }

  /** Checks one item change and returns its event; throws a typed refusal, writing nothing. Used by saveItem and the CSV import. */
  itemEvent(tx: LedgerTx, input: ItemInput): Extract<CatalogEvent, { type: 'catalog.item.saved' }> {
    const existing = input.id ? this.store.item(input.id) : undefined;
    if (existing?.origin === 'central') throw new PosError('CATALOG_READ_ONLY', { name: existing.nameZh });
    const outlet = this.store.outlet(input.outletId);
    if (!outlet) throw new PosError('CATALOG_OUTLET_UNKNOWN', { outlet: input.outletId });
    const barcode = input.barcode === undefined ? (existing?.barcode ?? null) : input.barcode;
    if (barcode) {
      const holder = this.store.itemByBarcode(barcode);
      if (holder && holder.id !== existing?.id && holder.id !== input.id) throw new PosError('CATALOG_BARCODE_TAKEN', { barcode, name: holder.nameZh });
    }
    const now = this.deps.now();
    let price: { price: number; effectiveFrom: string } | null = null;
    if (input.price !== undefined) {
      const from = input.effectiveFrom ? new Date(input.effectiveFrom) : now;
      if (priceChangeTooEarly(from, now)) throw new PosError('CATALOG_PRICE_IN_PAST');
      const current = existing ? itemPriceAt(this.store.prices(existing.id), from) : undefined;
      // The same price again adds no row (saving a form twice, importing the same file twice).
      if (current !== input.price) price = { price: input.price, effectiveFrom: from.toISOString() };
    } else if (!existing) {
      throw new PosError('CATALOG_PRICE_REQUIRED');
    }
    const item: Item = {
      id: existing?.id ?? input.id ?? tx.newId(),
      outletId: outlet.id,
      nameZh: input.nameZh,
      nameEn: input.nameEn,
      category: input.category ?? existing?.category ?? '',
      barcode,
      active: input.active ?? existing?.active ?? true,
      origin: 'local',
    };
    return { type: 'catalog.item.saved', item, price };
  }

  private view(i: Item, prices: ItemPrice[], now: Date): ItemView {
    return { ...i, price: itemPriceAt(prices, now) ?? null, prices: prices.map((p) => ({ price: p.price, effectiveFrom: p.effectiveFrom })) };
  }
}
