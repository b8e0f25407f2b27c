import { LedgerError, assertAmount, checkBalanced, type Side } from '../domain/ledger';
import { addCounters, applyClose, applyOpen, checkChain, checkLegs, getLegAccount, type Ctx } from './accounts';
import type { HoldRow } from './statements';
import type { Op } from './types';

type LegOp = { accountId: string; side: Side; amount: number };

/**
 * Applies one journal op: checks every rule against the current state, then writes.
 * The same function runs for live commands and for replaying a journal, so a replay
 * rebuilds exactly what the original run built.
 */
export function applyOp(ctx: Ctx, op: Op, entryId: string, at: string): void {
  switch (op.op) {
    case 'open':
      return applyOpen(ctx, op.account, at);
    case 'close':
      return applyClose(ctx, op.accountId, at);
    case 'hold':
      return applyHold(ctx, op, at);
    case 'capture':
      return applyCapture(ctx, op, entryId, at);
    case 'void':
      return releaseHold(ctx, pendingHold(ctx, op.holdId, null), 'voided', at);
    case 'expire':
      return releaseHold(ctx, pendingHold(ctx, op.holdId, null), 'expired', at);
    case 'post':
      return applyPost(ctx, op.transferId, 'post', null, op.legs, entryId, at, op.memo);
    case 'reverse':
      return applyReverse(ctx, op, entryId, at);
  }
}

function applyHold(ctx: Ctx, op: Extract<Op, { op: 'hold' }>, at: string): void {
  assertAmount(op.amount);
  const debit = getLegAccount(ctx, op.debit);
  const credit = getLegAccount(ctx, op.credit);
  if (debit.id === credit.id) throw new LedgerError('INVALID_COMMAND', { field: 'creditAccountId', value: credit.id });
  if (debit.unit !== credit.unit) {
    throw new LedgerError('UNIT_MISMATCH', { debitAccountId: debit.id, debitUnit: debit.unit, creditAccountId: credit.id, creditUnit: credit.unit });
  }
  checkChain(ctx, debit, 'debit', op.amount);
  checkChain(ctx, credit, 'credit', op.amount);
  ctx.st.insertHold.run(op.holdId, debit.id, credit.id, op.amount, debit.unit, op.expiresAt, at, op.memo ?? null);
  addCounters(ctx, debit.id, 0, 0, op.amount, 0);
  addCounters(ctx, credit.id, 0, 0, 0, op.amount);
}

/** The hold, pending and not past its expiry at `at` (when `at` is given). */
function pendingHold(ctx: Ctx, holdId: string, at: string | null): HoldRow {
  const hold = typeof holdId === 'string' ? ctx.st.holdById.get(holdId) : undefined;
  if (!hold) throw new LedgerError('HOLD_NOT_FOUND', { holdId: String(holdId) });
  if (hold.status === 'expired') throw new LedgerError('HOLD_EXPIRED', { holdId, expiresAt: hold.expires_at });
  if (hold.status !== 'pending') throw new LedgerError('HOLD_NOT_PENDING', { holdId, status: hold.status });
  if (at !== null && hold.expires_at !== null && hold.expires_at <= at) {
    throw new LedgerError('HOLD_EXPIRED', { holdId, expiresAt: hold.expires_at });
  }
  return hold;
}

function releaseHold(ctx: Ctx, hold: HoldRow, status: 'voided' | 'expired', at: string): void {
  ctx.st.resolveHold.run(status, null, at, hold.id);
  addCounters(ctx, hold.debit_account_id, 0, 0, -hold.amount, 0);
  addCounters(ctx, hold.credit_account_id, 0, 0, 0, -hold.amount);
}

function applyCapture(ctx: Ctx, op: Extract<Op, { op: 'capture' }>, entryId: string, at: string): void {
  const hold = pendingHold(ctx, op.holdId, at);
  assertAmount(op.amount);
  if (op.amount > hold.amount) {
    throw new LedgerError('CAPTURE_EXCEEDS_HOLD', { holdId: hold.id, held: hold.amount, requested: op.amount });
  }
  // No limit check: the hold already reserved at least this much on both sides.
  ctx.st.resolveHold.run('captured', op.amount, at, hold.id);
  addCounters(ctx, hold.debit_account_id, op.amount, 0, -hold.amount, 0);
  addCounters(ctx, hold.credit_account_id, 0, op.amount, 0, -hold.amount);
  ctx.st.insertTransfer.run(op.transferId, 'capture', hold.id, null, entryId, at, op.memo ?? null);
  ctx.st.insertPosting.run(op.transferId, 0, hold.debit_account_id, 'debit', op.amount, at);
  ctx.st.insertPosting.run(op.transferId, 1, hold.credit_account_id, 'credit', op.amount, at);
}

function applyPost(
  ctx: Ctx,
  transferId: string,
  kind: 'post' | 'reversal',
  reverses: string | null,
  legs: readonly LegOp[],
  entryId: string,
  at: string,
  memo: string | undefined,
): void {
  if (!Array.isArray(legs) || legs.length < 2 || legs.length > 64) {
    throw new LedgerError('INVALID_COMMAND', { field: 'legs', value: Array.isArray(legs) ? legs.length : 'none' });
  }
  const withUnits = legs.map((l, i) => {
    assertAmount(l.amount, `legs[${i}].amount`);
    if (l.side !== 'debit' && l.side !== 'credit') throw new LedgerError('INVALID_COMMAND', { field: `legs[${i}].side`, value: String(l.side) });
    return { accountId: l.accountId, side: l.side, amount: l.amount, unit: getLegAccount(ctx, l.accountId).unit };
  });
  checkBalanced(withUnits);
  checkLegs(ctx, legs);
  ctx.st.insertTransfer.run(transferId, kind, null, reverses, entryId, at, memo ?? null);
  legs.forEach((l, i) => {
    ctx.st.insertPosting.run(transferId, i, l.accountId, l.side, l.amount, at);
    if (l.side === 'debit') addCounters(ctx, l.accountId, l.amount, 0, 0, 0);
    else addCounters(ctx, l.accountId, 0, l.amount, 0, 0);
  });
}

/** The legs that undo a posted transfer: same accounts and amounts, sides swapped. */
export function reversalLegs(ctx: Ctx, transferId: string): LegOp[] {
  const original = typeof transferId === 'string' ? ctx.st.transferById.get(transferId) : undefined;
  if (!original) throw new LedgerError('TRANSFER_NOT_FOUND', { transferId: String(transferId) });
  if (original.kind === 'reversal') throw new LedgerError('INVALID_COMMAND', { field: 'transferId', value: transferId, reason: 'is a reversal' });
  const by = ctx.st.reversalOf.get(transferId);
  if (by !== undefined) throw new LedgerError('ALREADY_REVERSED', { transferId, reversedBy: by });
  return ctx.st.postingsOf.all(transferId).map((p) => ({
    accountId: p.account_id,
    side: p.side === 'debit' ? 'credit' : 'debit',
    amount: p.amount,
  }));
}

function applyReverse(ctx: Ctx, op: Extract<Op, { op: 'reverse' }>, entryId: string, at: string): void {
  const legs = reversalLegs(ctx, op.reverses);
  if (JSON.stringify(legs) !== JSON.stringify(op.legs.map((l) => ({ accountId: l.accountId, side: l.side, amount: l.amount })))) {
    throw new LedgerError('JOURNAL_MISMATCH', { transferId: op.reverses, reason: 'reversal legs differ from the original' });
  }
  applyPost(ctx, op.transferId, 'reversal', op.reverses, op.legs, entryId, at, op.memo);
}
