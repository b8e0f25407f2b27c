import { LedgerError } from './errors';

/**
 * Sign convention (TigerBeetle style). Every account keeps four non-negative counters:
 * debits posted, credits posted, debits pending, credits pending. A transfer debits one
 * account and credits another by the same positive amount, so every transaction sums
 * to zero per unit (Σ debits = Σ credits).
 *
 * Each account has a *normal side*: assets and receivables (tender, medium/wristband,
 * customer group, clearing) are debit-normal; liabilities and income (stored value,
 * miles, coupon liability, revenue, fuel sales) are credit-normal. Balances shown to
 * people are on the normal side: `posted = normal posted − opposite posted`, so a
 * wristband's balance is what the guest owes and a stored-value card's balance is what
 * the store owes the holder.
 *
 * Limits, checked at the moment of the change (pending or posted) on the account and
 * on each ancestor limit group:
 * - quota: `used + requested <= quota` where `used = posted + pending increases`
 *   (a hold counts as used the moment it is placed; a capture never re-checks).
 * - nonNegative: `posted − pending decreases − requested >= 0` (stored value, miles).
 */
export type Side = 'debit' | 'credit';

export interface AccountCounters {
  id: string;
  normal: Side;
  quota: number | null;
  nonNegative: boolean;
  debitsPosted: number;
  creditsPosted: number;
  debitsPending: number;
  creditsPending: number;
}

export const opposite = (s: Side): Side => (s === 'debit' ? 'credit' : 'debit');

export function postedBalance(a: AccountCounters): number {
  return a.normal === 'debit' ? a.debitsPosted - a.creditsPosted : a.creditsPosted - a.debitsPosted;
}
export function pendingIncrease(a: AccountCounters): number {
  return a.normal === 'debit' ? a.debitsPending : a.creditsPending;
}
export function pendingDecrease(a: AccountCounters): number {
  return a.normal === 'debit' ? a.creditsPending : a.debitsPending;
}
/** What counts against a quota: posted balance plus holds that would raise it. */
export function usedAmount(a: AccountCounters): number {
  return postedBalance(a) + pendingIncrease(a);
}
/** Headroom left: under the quota, or above zero for non-negative accounts; null when unlimited. */
export function availableAmount(a: AccountCounters): number | null {
  const byQuota = a.quota === null ? null : a.quota - usedAmount(a);
  const byFloor = a.nonNegative ? postedBalance(a) - pendingDecrease(a) : null;
  if (byQuota === null) return byFloor;
  if (byFloor === null) return byQuota;
  return Math.min(byQuota, byFloor);
}

/**
 * Refuses a change of `amount` on `side` of account `a` (pending or posted alike) if
 * it breaks the account's quota or its non-negative floor.
 */
export function checkChange(a: AccountCounters, side: Side, amount: number): void {
  if (side === a.normal) {
    if (a.quota !== null) {
      const used = usedAmount(a);
      if (used + amount > a.quota) {
        throw new LedgerError('QUOTA_EXCEEDED', { accountId: a.id, limit: a.quota, used, requested: amount });
      }
    }
  } else if (a.nonNegative) {
    const available = postedBalance(a) - pendingDecrease(a);
    if (available - amount < 0) {
      throw new LedgerError('INSUFFICIENT_FUNDS', { accountId: a.id, available, requested: amount });
    }
  }
}

export interface Leg {
  accountId: string;
  side: Side;
  amount: number;
}

/** Net effect of several legs per account, as one side and a positive amount (or none). */
export function netLegs(legs: readonly Leg[]): Map<string, { side: Side; amount: number } | null> {
  const net = new Map<string, number>(); // debit positive
  for (const l of legs) net.set(l.accountId, (net.get(l.accountId) ?? 0) + (l.side === 'debit' ? l.amount : -l.amount));
  const out = new Map<string, { side: Side; amount: number } | null>();
  for (const [id, n] of net) out.set(id, n === 0 ? null : { side: n > 0 ? 'debit' : 'credit', amount: Math.abs(n) });
  return out;
}

/** Σ debits = Σ credits per unit, at least one debit and one credit. */
export function checkBalanced(legs: readonly (Leg & { unit: string })[]): void {
  const sums = new Map<string, number>();
  let debits = 0;
  let credits = 0;
  for (const l of legs) {
    sums.set(l.unit, (sums.get(l.unit) ?? 0) + (l.side === 'debit' ? l.amount : -l.amount));
    if (l.side === 'debit') debits++;
    else credits++;
  }
  if (debits === 0 || credits === 0) throw new LedgerError('UNBALANCED', { debitLegs: debits, creditLegs: credits });
  for (const [unit, sum] of sums) {
    if (sum !== 0) throw new LedgerError('UNBALANCED', { unit, difference: sum });
  }
}

export function assertAmount(value: unknown, field = 'amount'): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new LedgerError('INVALID_AMOUNT', { field, value: String(value) }, `${field} must be a positive safe integer`);
  }
}

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isUuidV7(value: unknown): value is string {
  return typeof value === 'string' && UUID_V7.test(value);
}

export function assertCommandId(value: unknown, field = 'commandId'): asserts value is string {
  if (!isUuidV7(value)) throw new LedgerError('INVALID_COMMAND_ID', { field, value: String(value) }, `${field} must be a lowercase UUIDv7`);
}
