import { applyOffer, cloneState, freshState, savingAlone, validAt, type Cart, type CartState, type Coupon, type CouponScope } from './offers';

/**
 * Which coupons to show for a scanned product, best first, and which of a member's claimed
 * coupons to apply at checkout.
 *
 * Ranking (the scan list), stated:
 *   1. scope: product-specific (items) > category > store > merchant > all;
 *   2. then what it saves on the current cart, most first;
 *   3. then the earliest expiry (open-ended last);
 *   4. then id, so that equal coupons always list in the same order.
 *
 * Checkout: the coupons (or, when they stack, the set of coupons) that save the most on the cart.
 * A non-stacking coupon is used alone. Stacking coupons combine; they apply in a fixed order —
 * item offers first (fixed price, buy-N-get-one), then percent off, then amount off, by id within
 * a kind — each on the cart as the ones before left it, so a threshold is checked after earlier
 * discounts. Equal savings: fewer coupons, then the ranking above.
 */

const SCOPE_RANK: Record<CouponScope['kind'], number> = { items: 0, categories: 1, store: 2, merchant: 3, all: 4 };
const KIND_ORDER: Record<Coupon['offer']['kind'], number> = { fixedPrice: 0, buyNGetOne: 1, percentOff: 2, amountOff: 3 };

export interface ScannedProduct {
  itemId: string;
  category: string;
  storeId: string;
  merchantId: string;
}

export interface RankedCoupon {
  coupon: Coupon;
  /** What it would save on the current cart (0 when the cart does not reach it yet). */
  saving: number;
}

function productInScope(scope: CouponScope, p: ScannedProduct): boolean {
  switch (scope.kind) {
    case 'items':
      return scope.itemIds.includes(p.itemId);
    case 'categories':
      return scope.categories.includes(p.category);
    case 'store':
      return scope.storeId === p.storeId;
    case 'merchant':
      return scope.merchantId === p.merchantId;
    case 'all':
      return true;
  }
}

export function compareRanked(a: RankedCoupon, b: RankedCoupon): number {
  return (
    SCOPE_RANK[a.coupon.scope.kind] - SCOPE_RANK[b.coupon.scope.kind] ||
    b.saving - a.saving ||
    (a.coupon.validTo ?? Infinity) - (b.coupon.validTo ?? Infinity) ||
    (a.coupon.id < b.coupon.id ? -1 : a.coupon.id > b.coupon.id ? 1 : 0)
  );
}

/** The coupons matching a scanned product and/or its store, valid now, best first (the first is "best"). */
export function couponsForProduct(coupons: Iterable<Coupon>, product: ScannedProduct, cart: Cart, at: number): RankedCoupon[] {
  const out: RankedCoupon[] = [];
  for (const c of coupons) {
    if (validAt(c, at) && productInScope(c.scope, product)) out.push({ coupon: c, saving: savingAlone(c, cart) });
  }
  return out.sort(compareRanked);
}

export interface CouponChoice {
  coupons: Coupon[];
  saving: number;
  /** What each cart line is left to pay after the coupons (same order as the cart's lines). */
  lineTotals: number[];
}

function stackOrder(a: Coupon, b: Coupon): number {
  return KIND_ORDER[a.offer.kind] - KIND_ORDER[b.offer.kind] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Applies coupons in the stacking order; what they save together and what each line is left with. */
export function applyCoupons(coupons: readonly Coupon[], cart: Cart): CouponChoice {
  const state = freshState(cart);
  const ordered = [...coupons].sort(stackOrder);
  let saving = 0;
  for (const c of ordered) saving += applyOffer(c, cart, state);
  return { coupons: ordered, saving, lineTotals: state.remaining };
}

/** The most stacking coupons considered together; beyond it the ones saving most alone are kept. */
export const MAX_STACK_CANDIDATES = 16;

/**
 * The best subset of stacking coupons, exactly, by depth-first search in stacking order with a
 * bound: a coupon never saves more after other discounts than it saves alone (discounts only lower
 * prices, and thresholds are checked on lower subtotals), so `so far + alone savings of the rest`
 * bounds every completion.
 */
function bestStack(candidates: { coupon: Coupon; alone: number }[], cart: Cart): { coupons: Coupon[]; saving: number } {
  const list = [...candidates].sort((a, b) => stackOrder(a.coupon, b.coupon));
  const suffix = new Array<number>(list.length + 1).fill(0);
  for (let i = list.length - 1; i >= 0; i--) suffix[i] = suffix[i + 1]! + list[i]!.alone;
  let best = { coupons: [] as Coupon[], saving: 0 };
  const chosen: Coupon[] = [];
  const walk = (i: number, state: CartState, saving: number): void => {
    if (saving > best.saving || (saving === best.saving && chosen.length < best.coupons.length)) best = { coupons: chosen.slice(), saving };
    if (i >= list.length || saving + suffix[i]! <= best.saving) return;
    const next = cloneState(state);
    const s = applyOffer(list[i]!.coupon, cart, next);
    if (s > 0) {
      chosen.push(list[i]!.coupon);
      walk(i + 1, next, saving + s);
      chosen.pop();
    }
    walk(i + 1, state, saving);
  };
  walk(0, freshState(cart), 0);
  return best;
}

/**
 * The coupons to apply at checkout: of the member's claimed coupons valid now, the one (or the
 * stacking set) that saves the most. Null when none saves anything.
 */
export function bestCoupons(claimed: Iterable<Coupon>, cart: Cart, at: number): CouponChoice | null {
  const alone: { coupon: Coupon; alone: number }[] = [];
  for (const c of claimed) {
    if (!validAt(c, at)) continue;
    const s = savingAlone(c, cart);
    if (s > 0) alone.push({ coupon: c, alone: s });
  }
  if (alone.length === 0) return null;
  // The best single coupon (stacking or not): most saved, then the ranking. One pass, no sort:
  // a store's whole coupon book may be checked here.
  let single = { coupon: alone[0]!.coupon, saving: alone[0]!.alone };
  for (const x of alone) {
    const r = { coupon: x.coupon, saving: x.alone };
    if (r.saving > single.saving || (r.saving === single.saving && compareRanked(r, single) < 0)) single = r;
  }
  const stacking = alone
    .filter((x) => x.coupon.stacks)
    .sort((a, b) => b.alone - a.alone)
    .slice(0, MAX_STACK_CANDIDATES);
  const stack = stacking.length > 1 ? bestStack(stacking, cart) : null;
  const pick = stack && stack.saving > single.saving ? stack.coupons : [single.coupon];
  return applyCoupons(pick, cart);
}
