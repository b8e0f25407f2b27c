/**
 * Coupon offers and what one saves on a cart. Pure: money is integer fen, time is epoch ms.
 *
 * Offers:
 * - amountOff 满100减20: the in-scope subtotal reaches `threshold` → `off` (never more than that subtotal);
 * - percentOff 8折 最高减50: `percent` off the in-scope subtotal (20 = 8折), rounded DOWN to the fen,
 *   at most `cap` fen; optionally only from a threshold;
 * - fixedPrice: one in-scope unit at `price` (the unit that saves the most);
 * - buyNGetOne: of the in-scope units, sorted dearest first, every group of `buy` + 1 gets its cheapest free
 *   (the grouping that gives the customer the most a "buy N get one" may give).
 * Scope decides which cart lines an offer looks at: items, categories, a store, a merchant, or all.
 */

export interface CartLine {
  itemId: string;
  category: string;
  unitPrice: number;
  quantity: number;
}

export interface Cart {
  storeId: string;
  merchantId: string;
  lines: readonly CartLine[];
}

export type CouponScope =
  | { kind: 'items'; itemIds: readonly string[] }
  | { kind: 'categories'; categories: readonly string[] }
  | { kind: 'store'; storeId: string }
  | { kind: 'merchant'; merchantId: string }
  | { kind: 'all' };

export type CouponOffer =
  | { kind: 'amountOff'; threshold: number; off: number }
  | { kind: 'percentOff'; percent: number; cap: number | null; threshold: number }
  | { kind: 'fixedPrice'; price: number }
  | { kind: 'buyNGetOne'; buy: number };

export interface Coupon {
  id: string;
  offer: CouponOffer;
  scope: CouponScope;
  /** Valid from (inclusive) to (exclusive), epoch ms; null = open. */
  validFrom: number | null;
  validTo: number | null;
  /** Combines with other stacking coupons; default false = one coupon per order. */
  stacks: boolean;
}

/** What a set of coupons leaves of each line: its remaining total and the units item offers used. */
export interface CartState {
  remaining: number[];
  usedUnits: number[];
}

export function freshState(cart: Cart): CartState {
  return { remaining: cart.lines.map((l) => l.unitPrice * l.quantity), usedUnits: cart.lines.map(() => 0) };
}

export function cloneState(s: CartState): CartState {
  return { remaining: s.remaining.slice(), usedUnits: s.usedUnits.slice() };
}

export function validAt(c: Pick<Coupon, 'validFrom' | 'validTo'>, at: number): boolean {
  return (c.validFrom === null || at >= c.validFrom) && (c.validTo === null || at < c.validTo);
}

export function lineInScope(scope: CouponScope, cart: Cart, line: CartLine): boolean {
  switch (scope.kind) {
    case 'items':
      return scope.itemIds.includes(line.itemId);
    case 'categories':
      return scope.categories.includes(line.category);
    case 'store':
      return scope.storeId === cart.storeId;
    case 'merchant':
      return scope.merchantId === cart.merchantId;
    case 'all':
      return true;
  }
}

/**
 * Splits `amount` over lines in proportion to their remaining totals (largest remainder, ties to the
 * earlier line), so that each line's discount is whole fen and they sum to `amount` exactly.
 */
function allocate(state: CartState, lines: readonly number[], amount: number): void {
  let base = 0;
  for (const i of lines) base += state.remaining[i]!;
  if (amount <= 0 || base <= 0) return;
  // No objects and no sort: the checkout search allocates at every step it tries.
  const frac = new Float64Array(lines.length);
  let left = amount;
  lines.forEach((i, k) => {
    const exact = (amount * state.remaining[i]!) / base;
    const whole = Math.floor(exact);
    frac[k] = exact - whole;
    state.remaining[i]! -= whole;
    left -= whole;
  });
  // The `left` (< lines) largest remainders take one fen more; ties: the earlier line (lines are in cart order).
  for (; left > 0; left--) {
    let pick = -1;
    for (let k = 0; k < frac.length; k++) if (frac[k]! >= 0 && (pick < 0 || frac[k]! > frac[pick]!)) pick = k;
    frac[pick] = -1;
    state.remaining[lines[pick]!]! -= 1;
  }
}

/**
 * A cart's lines by item and by category, so that a coupon finds its lines without scanning the
 * cart: thousands of coupons are checked against one cart. Built once per cart object.
 */
interface CartView {
  all: number[];
  /** All lines, dearest unit first (ties: earlier line first). */
  dearestFirst: number[];
  byItem: Map<string, number[]>;
  byCategory: Map<string, number[]>;
  /** Lines of multi-key scopes, by the scope's key list. */
  merged: Map<readonly string[], number[]>;
}

const views = new WeakMap<Cart, CartView>();
const NONE: number[] = [];

function cartView(cart: Cart): CartView {
  let v = views.get(cart);
  if (v) return v;
  const all = cart.lines.map((_l, i) => i);
  v = { all, dearestFirst: byDearest(cart, all), byItem: new Map(), byCategory: new Map(), merged: new Map() };
  cart.lines.forEach((l, i) => {
    for (const [m, k] of [
      [v!.byItem, l.itemId],
      [v!.byCategory, l.category],
    ] as const) {
      const list = m.get(k);
      if (list) list.push(i);
      else m.set(k, [i]);
    }
  });
  views.set(cart, v);
  return v;
}

function byDearest(cart: Cart, lines: readonly number[]): number[] {
  return [...lines].sort((a, b) => cart.lines[b]!.unitPrice - cart.lines[a]!.unitPrice || a - b);
}

/** Sorted orders of a cart view's line lists (they belong to one cart and never change). */
const dearestOrders = new WeakMap<readonly number[], number[]>();

/** In-scope lines dearest unit first (ties: earlier line first). */
function dearestOrder(cart: Cart, inScope: readonly number[]): readonly number[] {
  const v = cartView(cart);
  if (inScope === v.all) return v.dearestFirst;
  let order = dearestOrders.get(inScope);
  if (!order) {
    order = byDearest(cart, inScope);
    dearestOrders.set(inScope, order);
  }
  return order;
}

/** The cart lines (indices, in cart order) a scope covers. */
export function scopeLines(scope: CouponScope, cart: Cart): readonly number[] {
  const v = cartView(cart);
  const gather = (keys: readonly string[], m: Map<string, number[]>) => {
    if (keys.length === 1) return m.get(keys[0]!) ?? NONE;
    // Several keys: merged once per cart and scope, so the list is one object the caches can key on.
    let merged = v.merged.get(keys);
    if (!merged) {
      const set = new Set<number>();
      for (const k of keys) m.get(k)?.forEach((i) => set.add(i));
      merged = set.size ? [...set].sort((a, b) => a - b) : NONE;
      v.merged.set(keys, merged);
    }
    return merged;
  };
  switch (scope.kind) {
    case 'items':
      return gather(scope.itemIds, v.byItem);
    case 'categories':
      return gather(scope.categories, v.byCategory);
    case 'store':
      return scope.storeId === cart.storeId ? v.all : NONE;
    case 'merchant':
      return scope.merchantId === cart.merchantId ? v.all : NONE;
    case 'all':
      return v.all;
  }
}

/** Applies one coupon to the cart as left by earlier ones; returns what it saved (0: it does not apply). */
export function applyOffer(coupon: Coupon, cart: Cart, state: CartState): number {
  const inScope = scopeLines(coupon.scope, cart);
  if (inScope.length === 0) return 0;
  const offer = coupon.offer;
  switch (offer.kind) {
    case 'amountOff':
    case 'percentOff': {
      const subtotal = inScope.reduce((s, i) => s + state.remaining[i]!, 0);
      if (subtotal <= 0 || subtotal < offer.threshold) return 0;
      let saving = offer.kind === 'amountOff' ? Math.min(offer.off, subtotal) : Math.floor((subtotal * offer.percent) / 100);
      if (offer.kind === 'percentOff' && offer.cap !== null) saving = Math.min(saving, offer.cap);
      allocate(state, inScope, saving);
      return saving;
    }
    case 'fixedPrice': {
      let best = -1;
      let bestSaving = 0;
      for (const i of inScope) {
        const l = cart.lines[i]!;
        const s = l.unitPrice - offer.price;
        if (l.quantity - state.usedUnits[i]! > 0 && s > bestSaving) {
          best = i;
          bestSaving = s;
        }
      }
      if (best < 0) return 0;
      state.remaining[best]! -= bestSaving;
      state.usedUnits[best]! += 1;
      return bestSaving;
    }
    case 'buyNGetOne': {
      const group = offer.buy + 1;
      // Units still available per line, dearest first (ties: earlier line first). The order is the
      // cart's, cached: the checkout search applies the same coupon at hundreds of points.
      const order = dearestOrder(cart, inScope);
      let total = 0;
      for (const i of order) total += cart.lines[i]!.quantity - state.usedUnits[i]!;
      const usable = Math.floor(total / group) * group;
      if (usable === 0) return 0;
      // Walk the units in order: positions group-1, 2·group-1, … are free; the first groups·group are used.
      let pos = 0;
      let saving = 0;
      for (const i of order) {
        if (pos >= usable) break;
        const units = cart.lines[i]!.quantity - state.usedUnits[i]!;
        if (units <= 0) continue;
        const take = Math.min(units, usable - pos);
        const price = cart.lines[i]!.unitPrice;
        const freeHere = Math.floor((pos + take) / group) - Math.floor(pos / group);
        saving += freeHere * price;
        state.remaining[i]! -= freeHere * price;
        state.usedUnits[i]! += take;
        pos += take;
      }
      return saving;
    }
  }
}

/**
 * What one coupon alone saves on the cart (0: it does not apply). The same rules as `applyOffer` on
 * a fresh cart, computed without copying the cart's state: the scan list and the checkout check
 * every coupon of a store this way.
 */
export function savingAlone(coupon: Coupon, cart: Cart): number {
  const inScope = scopeLines(coupon.scope, cart);
  if (inScope.length === 0) return 0;
  const sum = summary(cart, inScope);
  const offer = coupon.offer;
  switch (offer.kind) {
    case 'amountOff':
    case 'percentOff': {
      const subtotal = sum.subtotal;
      if (subtotal <= 0 || subtotal < offer.threshold) return 0;
      if (offer.kind === 'amountOff') return Math.min(offer.off, subtotal);
      const saving = Math.floor((subtotal * offer.percent) / 100);
      return offer.cap === null ? saving : Math.min(saving, offer.cap);
    }
    case 'fixedPrice':
      return Math.max(0, sum.dearest - offer.price);
    case 'buyNGetOne': {
      const group = offer.buy + 1;
      let saving = sum.freeByGroup.get(group);
      if (saving === undefined) {
        saving = freeUnitsValue(cart, inScope, group);
        sum.freeByGroup.set(group, saving);
      }
      return saving;
    }
  }
}

/**
 * What a line list of a fresh cart offers every coupon scoped to it, worked out once: a store's
 * whole-cart coupons (hundreds) share one list, so each is then a lookup instead of a pass over the
 * cart. Keyed by the view's list, like the sorted orders (a cart's lines never change).
 */
interface LineSummary {
  subtotal: number;
  dearest: number;
  freeByGroup: Map<number, number>;
}

const summaries = new WeakMap<readonly number[], LineSummary>();

function summary(cart: Cart, inScope: readonly number[]): LineSummary {
  let s = summaries.get(inScope);
  if (!s) {
    s = { subtotal: 0, dearest: 0, freeByGroup: new Map() };
    for (const i of inScope) {
      const l = cart.lines[i]!;
      s.subtotal += l.unitPrice * l.quantity;
      s.dearest = Math.max(s.dearest, l.unitPrice);
    }
    summaries.set(inScope, s);
  }
  return s;
}

/** Buy-N-get-one on a fresh cart: the in-scope units dearest first, every `group`-th one free. */
function freeUnitsValue(cart: Cart, inScope: readonly number[], group: number): number {
  const lines = cart.lines;
  const order = dearestOrder(cart, inScope);
  let total = 0;
  for (const i of order) total += lines[i]!.quantity;
  const usable = Math.floor(total / group) * group;
  let pos = 0;
  let saving = 0;
  for (const i of order) {
    if (pos >= usable) break;
    const take = Math.min(lines[i]!.quantity, usable - pos);
    saving += (Math.floor((pos + take) / group) - Math.floor(pos / group)) * lines[i]!.unitPrice;
    pos += take;
  }
  return saving;
}

export type OfferProblem = { field: 'threshold' | 'off' | 'percent' | 'cap' | 'price' | 'buy' | 'scope' | 'validTo'; reason: 'range' };

/** What is wrong with a coupon as entered (the back office refuses it before it reaches a counter). */
export function couponProblems(c: Coupon): OfferProblem[] {
  const out: OfferProblem[] = [];
  const money = (v: number) => Number.isSafeInteger(v) && v >= 0;
  const o = c.offer;
  if (o.kind === 'amountOff') {
    if (!money(o.threshold)) out.push({ field: 'threshold', reason: 'range' });
    if (!money(o.off) || o.off === 0) out.push({ field: 'off', reason: 'range' });
  } else if (o.kind === 'percentOff') {
    if (!Number.isInteger(o.percent) || o.percent < 1 || o.percent > 99) out.push({ field: 'percent', reason: 'range' });
    if (o.cap !== null && (!money(o.cap) || o.cap === 0)) out.push({ field: 'cap', reason: 'range' });
    if (!money(o.threshold)) out.push({ field: 'threshold', reason: 'range' });
  } else if (o.kind === 'fixedPrice') {
    if (!money(o.price)) out.push({ field: 'price', reason: 'range' });
  } else if (!Number.isInteger(o.buy) || o.buy < 1 || o.buy > 99) out.push({ field: 'buy', reason: 'range' });
  const s = c.scope;
  if ((s.kind === 'items' && s.itemIds.length === 0) || (s.kind === 'categories' && s.categories.length === 0)) out.push({ field: 'scope', reason: 'range' });
  if (c.validFrom !== null && c.validTo !== null && c.validTo <= c.validFrom) out.push({ field: 'validTo', reason: 'range' });
  return out;
}
