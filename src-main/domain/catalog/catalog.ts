// The catalog: outlets (restaurant, massage, shop …) and the items they sell, with prices that
// change at an exact instant. Each record has a stable id and an origin: 'local' records are made
// at this counter; 'central' ones arrive from the sync server and are read-only here.
import { priceAt, type PriceRow } from '../fuel/prices';

export type Origin = 'local' | 'central';

export interface Outlet {
  id: string;
  nameZh: string;
  nameEn: string;
  /** What the outlet is, for icons and reports: restaurant, massage, shop, other. */
  kind: OutletKind;
  sort: number;
  active: boolean;
  origin: Origin;
}
export const OUTLET_KINDS = ['restaurant', 'massage', 'shop', 'other'] as const;
export type OutletKind = (typeof OUTLET_KINDS)[number];

export interface Item {
  id: string;
  outletId: string;
  nameZh: string;
  nameEn: string;
  category: string;
  barcode: string | null;
  active: boolean;
  origin: Origin;
}

/** A price from an instant (ISO-8601 UTC) until the next one of the same item. */
export interface ItemPrice extends PriceRow {
  itemId: string;
}

/** Outlet ids are lower-case codes or UUIDs, so they read in a journal and fit the charge's `outlet` field. */
export const OUTLET_ID = /^[a-z0-9][a-z0-9_-]{0,39}$/;
/** Item ids: letters, digits, dash and underscore (a UUID, or an id from the head office's system). */
export const ITEM_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** Barcodes as scanners read them: EAN-8/13, UPC, Code 128 of letters and digits. */
export const BARCODE = /^[0-9A-Za-z][0-9A-Za-z-]{3,31}$/;

/** Records made before the catalog existed (the lockers' own item list) priced from the start of time. */
export const LEGACY_PRICE_FROM = '1970-01-01T00:00:00.000Z';

/** The price of an item in force at `at`, or undefined before its first price. */
export function itemPriceAt(prices: readonly ItemPrice[], at: Date): number | undefined {
  return priceAt(prices, at)?.price;
}

/**
 * A local price change must start now or later: a price that started in the past would make
 * the till disagree with what customers were charged. (Past charges keep their own amounts,
 * so nothing already charged changes either way.) One second of slack covers the screen's clock.
 */
export function priceChangeTooEarly(effectiveFrom: Date, now: Date): boolean {
  return effectiveFrom.getTime() < now.getTime() - 1000;
}
