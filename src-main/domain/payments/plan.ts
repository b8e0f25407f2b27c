import { COUNTER_TENDERS, TENDER_METHODS, givesChange, type Tender, type TenderMethod } from './tenders';

/**
 * How the customer pays `total`: what each tender keeps (cash net of change), the change, and
 * what was handed over. Refusals name what is wrong so the screen can say it in money.
 */
export type PaymentPlan =
  | { ok: true; tenders: Tender[]; change: number; received: number }
  | { ok: false; reason: 'short'; short: number }
  | { ok: false; reason: 'nonCashOver'; over: number }
  | { ok: false; reason: 'badTender' };

/**
 * The one rule for plans and change:
 * - amounts are positive integer minor units, methods known and accepted here;
 * - tenders that give no change (card, mobile, stored value …) may not together exceed the total:
 *   a card is charged exactly, never "over" to give cash back;
 * - everything handed over must cover the total; the rest is change, given from cash;
 * - the kept tenders are merged per method, in the vocabulary's order, cash reduced by the change.
 */
export function planPayment(total: number, tendered: readonly Tender[], accepted: readonly TenderMethod[] = COUNTER_TENDERS): PaymentPlan {
  if (!Number.isSafeInteger(total) || total < 0) return { ok: false, reason: 'badTender' };
  const sums = new Map<TenderMethod, number>();
  for (const t of tendered) {
    if (!accepted.includes(t.method) || !Number.isSafeInteger(t.amount) || t.amount <= 0) return { ok: false, reason: 'badTender' };
    const sum = (sums.get(t.method) ?? 0) + t.amount;
    if (!Number.isSafeInteger(sum)) return { ok: false, reason: 'badTender' };
    sums.set(t.method, sum);
  }
  let changeGiving = 0;
  let exact = 0;
  for (const [m, a] of sums) {
    if (givesChange(m)) changeGiving += a;
    else exact += a;
  }
  if (exact > total) return { ok: false, reason: 'nonCashOver', over: exact - total };
  const received = changeGiving + exact;
  if (received < total) return { ok: false, reason: 'short', short: total - received };
  let change = received - total;
  const tenders: Tender[] = [];
  for (const m of TENDER_METHODS) {
    const a = sums.get(m);
    if (a === undefined) continue;
    let kept = a;
    if (givesChange(m)) {
      const given = Math.min(change, a);
      kept -= given;
      change -= given;
    }
    if (kept > 0) tenders.push({ method: m, amount: kept });
  }
  return { ok: true, tenders, change: received - total, received };
}

/**
 * Where a refund of `amount` goes: back to the tenders that paid, never to another. Electronic
 * tenders first (the money returns where it came from without touching the drawer), cash last;
 * each gets at most what it paid. Throws if the refund exceeds what was paid (a programming error:
 * callers refund at most the unused part of a sale).
 */
export function refundToOriginal(paid: readonly Tender[], amount: number): Tender[] {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`refund amount ${amount}`);
  const order = [...paid].sort((a, b) => Number(givesChange(a.method)) - Number(givesChange(b.method)));
  const out: Tender[] = [];
  let left = amount;
  for (const t of order) {
    if (left === 0) break;
    const back = Math.min(left, t.amount);
    out.push({ method: t.method, amount: back });
    left -= back;
  }
  if (left > 0) throw new RangeError(`refund ${amount} exceeds what was paid`);
  return out;
}

/** What a screen shows before the cashier confirms: due, handed over, change or what is missing. */
export interface PaymentQuote {
  due: number;
  received: number;
  change: number;
  short: number;
  /** Set when the plan is refused: short, nonCashOver, badTender. */
  problem: 'short' | 'nonCashOver' | 'badTender' | null;
  over: number;
}

export function quotePayment(total: number, tendered: readonly Tender[], accepted: readonly TenderMethod[] = COUNTER_TENDERS): PaymentQuote {
  const plan = planPayment(total, tendered, accepted);
  const handed = tendered.reduce((s, t) => (Number.isSafeInteger(t.amount) && t.amount > 0 ? s + t.amount : s), 0);
  if (plan.ok) return { due: total, received: plan.received, change: plan.change, short: 0, problem: null, over: 0 };
  return {
    due: total,
    received: handed,
    change: 0,
    short: plan.reason === 'short' ? plan.short : 0,
    problem: plan.reason,
    over: plan.reason === 'nonCashOver' ? plan.over : 0,
  };
}
