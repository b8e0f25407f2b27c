import { LedgerError, checkChange, netLegs, type AccountCounters, type Leg, type Side } from '../domain/ledger';
import type { AccountRow, Statements } from './statements';
import type { AccountKind, AccountRecord, OpenAccountInput } from './types';

/** What every op executor needs: the prepared statements and a cache of immutable account facts. */
export interface Ctx {
  st: Statements;
  /** id → parent id (null for a root); account structure never changes once opened. */
  parents: Map<string, string | null>;
}

export const NORMAL_BY_KIND: Record<AccountKind, Side> = {
  tender: 'debit',
  medium: 'debit',
  customer_group: 'debit',
  clearing: 'debit',
  refund: 'debit',
  revenue: 'credit',
  fuel_sales: 'credit',
  stored_value: 'credit',
  miles: 'credit',
  coupon_liability: 'credit',
};
const NON_NEGATIVE_KINDS: ReadonlySet<string> = new Set(['stored_value', 'miles', 'coupon_liability']);
const KINDS: ReadonlySet<string> = new Set(Object.keys(NORMAL_BY_KIND));

export function toCounters(r: AccountRow): AccountCounters {
  return {
    id: r.id,
    normal: r.normal,
    quota: r.quota,
    nonNegative: r.non_negative === 1,
    debitsPosted: r.debits_posted,
    creditsPosted: r.credits_posted,
    debitsPending: r.debits_pending,
    creditsPending: r.credits_pending,
  };
}

export function getAccount(ctx: Ctx, id: string): AccountRow {
  const row = typeof id === 'string' ? ctx.st.accountById.get(id) : undefined;
  if (!row) throw new LedgerError('ACCOUNT_NOT_FOUND', { accountId: String(id) });
  if (!ctx.parents.has(id)) ctx.parents.set(id, row.parent_id);
  return row;
}

/** An account that may carry legs: exists and is not a limit group. */
export function getLegAccount(ctx: Ctx, id: string): AccountRow {
  const row = getAccount(ctx, id);
  if (row.is_group) throw new LedgerError('ACCOUNT_IS_GROUP', { accountId: id });
  if (row.closed_at) throw new LedgerError('ACCOUNT_CLOSED', { accountId: id, code: row.code });
  return row;
}

/** The account's id followed by every ancestor's id. */
export function chainOf(ctx: Ctx, id: string): string[] {
  const out: string[] = [];
  let cur: string | null = id;
  while (cur !== null) {
    out.push(cur);
    let parent = ctx.parents.get(cur);
    if (parent === undefined) parent = getAccount(ctx, cur).parent_id;
    cur = parent;
  }
  return out;
}

/** Checks a change on an account (row just read) and every ancestor limit group (each read fresh). */
export function checkChain(ctx: Ctx, account: AccountRow, side: Side, amount: number): void {
  checkChange(toCounters(account), side, amount);
  for (let id = account.parent_id; id !== null; ) {
    const parent = getAccount(ctx, id);
    checkChange(toCounters(parent), side, amount);
    id = parent.parent_id;
  }
}

/** Checks the net effect of several legs on every account and ancestor they touch. */
export function checkLegs(ctx: Ctx, legs: readonly Leg[]): void {
  const expanded: Leg[] = [];
  for (const l of legs) for (const id of chainOf(ctx, l.accountId)) expanded.push({ ...l, accountId: id });
  for (const [id, net] of netLegs(expanded)) {
    if (net) checkChange(toCounters(getAccount(ctx, id)), net.side, net.amount);
  }
}

/** Adds to the counters of an account and all its ancestors. */
export function addCounters(ctx: Ctx, accountId: string, dPosted: number, cPosted: number, dPending: number, cPending: number): void {
  for (const id of chainOf(ctx, accountId)) ctx.st.addCounters.run(dPosted, cPosted, dPending, cPending, id);
}

/** Turns the open-account input into the record the journal keeps (defaults resolved). */
export function accountRecord(id: string, input: Omit<OpenAccountInput, 'commandId'>): AccountRecord {
  const bad = (field: string, value: unknown) => new LedgerError('INVALID_COMMAND', { field, value: String(value) });
  if (!KINDS.has(input.kind)) throw bad('kind', input.kind);
  if (typeof input.code !== 'string' || input.code.length === 0 || input.code.length > 200) throw bad('code', input.code);
  if (typeof input.name !== 'string' || input.name.length > 200) throw bad('name', input.name);
  if (typeof input.unit !== 'string' || !/^[A-Z][A-Z0-9_]{1,15}$/.test(input.unit)) throw bad('unit', input.unit);
  const quota = input.quota ?? null;
  if (quota !== null && (!Number.isSafeInteger(quota) || quota < 0)) {
    throw new LedgerError('INVALID_AMOUNT', { field: 'quota', value: String(quota) });
  }
  const normal = input.normal ?? NORMAL_BY_KIND[input.kind];
  if (normal !== 'debit' && normal !== 'credit') throw bad('normal', normal);
  return {
    id,
    code: input.code,
    name: input.name,
    kind: input.kind,
    unit: input.unit,
    normal,
    group: input.group ?? false,
    parentId: input.parentId ?? null,
    quota,
    nonNegative: input.nonNegative ?? NON_NEGATIVE_KINDS.has(input.kind),
  };
}

/** Closes an account that holds nothing (posted balance zero, nothing pending): it takes no more legs. */
export function applyClose(ctx: Ctx, accountId: string, at: string): void {
  const row = getLegAccount(ctx, accountId);
  if (row.debits_posted !== row.credits_posted || row.debits_pending !== 0 || row.credits_pending !== 0) {
    throw new LedgerError('ACCOUNT_NOT_EMPTY', { accountId, code: row.code });
  }
  ctx.st.closeAccount.run(at, accountId);
}

export function applyOpen(ctx: Ctx, a: AccountRecord, at: string): void {
  if (ctx.st.accountByCode.get(a.code) || ctx.st.accountById.get(a.id)) {
    throw new LedgerError('ACCOUNT_EXISTS', { code: a.code });
  }
  if (a.parentId !== null) {
    const parent = getAccount(ctx, a.parentId);
    if (!parent.is_group) throw new LedgerError('INVALID_PARENT', { parentId: a.parentId, reason: 'not a group' });
    if (parent.unit !== a.unit) throw new LedgerError('UNIT_MISMATCH', { parentId: a.parentId, expected: parent.unit, actual: a.unit });
    if (parent.normal !== a.normal) throw new LedgerError('INVALID_PARENT', { parentId: a.parentId, reason: 'normal side differs' });
  }
  ctx.st.insertAccount.run({
    id: a.id,
    code: a.code,
    name: a.name,
    kind: a.kind,
    unit: a.unit,
    normal: a.normal,
    is_group: a.group ? 1 : 0,
    parent_id: a.parentId,
    quota: a.quota,
    non_negative: a.nonNegative ? 1 : 0,
    created_at: at,
  });
}
