import { PosError } from '../../domain/errors';
import { partialSettlementBlockers, planTenders, type Tender } from '../../domain/lockers';
import type { Step } from '../../ledger';
import type { StaffInfo } from '../staff/staff-service';
import { ensureAccount, tenderCode } from './accounts';
import type { Approval, LockerContext } from './context';
import { customerLabel, money } from './refusals';
import { TENDER_NAMES, checkoutReceipt } from './locker-receipt';

export interface CheckoutInput {
  commandId: string;
  /** Any wristband of the party (tapped UID or typed locker number). */
  wristband: string;
  /** Settle only these lockers of the party; all of them when absent. */
  lockers?: number[] | undefined;
  tenders: Tender[];
  /** A manager's PIN, needed when other wristbands of the party keep open charges. */
  approval?: Approval | undefined;
}

export interface CheckoutResult {
  settlementId: string;
  partyId: string;
  customer: string;
  lockers: number[];
  lines: { locker: number; description: string; amount: number }[];
  total: number;
  received: number;
  change: number;
  tenders: Tender[];
  partyClosed: boolean;
  approvedBy: string | null;
  at: string;
  print: { jobId: string; state: 'printed' | 'failed' } | null;
}

/**
 * Checkout: every open hold of every settled wristband is captured and the tenders are posted
 * in ONE ledger commit (see accounts.ts); the lockers are freed; a receipt listing every
 * wristband prints. Settling part of a party while another wristband keeps charges needs a
 * manager's approval, which is audited (and so is a refusal).
 */
export async function checkout(c: LockerContext, by: StaffInfo, input: CheckoutInput): Promise<CheckoutResult> {
  const body = { ...input, commandId: undefined, approval: input.approval ? { staffId: input.approval.staffId } : undefined };
  const prev = c.previous<CheckoutResult>(input.commandId, 'lockers.checkout', body);
  if (prev) return prev;
  const approver = input.approval ? await c.approve(input.approval, 'lockers.partialSettlement', by, { wristband: input.wristband }) : null;
  let result: CheckoutResult;
  let replay: boolean;
  try {
    ({ result, replay } = c.once(input.commandId, 'lockers.checkout', body, () => settle(c, by, input, approver)));
  } catch (e) {
    if (e instanceof PosError && e.code === 'LOCKER_PARTIAL_SETTLEMENT') {
      await c.deps.audit.record('lockers.partialSettlement', 'refused', by.id, { wristband: input.wristband, blockers: e.params.lockers ?? '' });
    }
    throw e;
  }
  if (replay) return result;
  if (result.approvedBy) {
    await c.deps.audit.record('lockers.partialSettlement', 'ok', by.id, { settlementId: result.settlementId, lockers: result.lockers, approvedBy: result.approvedBy });
  }
  await c.deps.audit.record('lockers.checkout', 'ok', by.id, { settlementId: result.settlementId, total: result.total, lockers: result.lockers });
  // The sale is committed whatever the printer does; a failed job is kept for reprint.
  const printed = await c.deps.deviceService.print(checkoutReceipt(c.deps.settings.get(), by, result)).catch(() => null);
  result = { ...result, print: printed ? { jobId: printed.jobId, state: printed.state } : null };
  c.st.updateCommandResult.run(JSON.stringify(result), input.commandId);
  return result;
}

function settle(c: LockerContext, by: StaffInfo, input: CheckoutInput, approver: StaffInfo | null): CheckoutResult {
  const { party } = c.activeWristband(input.wristband);
  const bands = c.st.bandsOf.all(party.id).filter((b) => b.status === 'active');
  const open = c.st.chargesOfParty.all(party.id).filter((ch) => ch.status === 'open');
  const tabs = bands.map((b) => ({ band: b, locker: b.locker_number, charges: open.filter((ch) => ch.wristband_id === b.id) }));
  const selected = input.lockers ?? tabs.map((t) => t.locker);
  for (const n of selected) {
    if (tabs.some((t) => t.locker === n)) continue;
    const other = c.st.activeBand.get(n);
    const otherParty = other && c.st.party.get(other.party_id);
    if (otherParty) throw new PosError('LOCKER_OTHER_PARTY', { locker: n, customer: customerLabel(otherParty) });
    throw new PosError('LOCKER_NOT_BOUND', { locker: n });
  }
  const blockers = partialSettlementBlockers(tabs, selected);
  if (blockers.length > 0 && !approver) throw new PosError('LOCKER_PARTIAL_SETTLEMENT', { lockers: blockers.join(', ') });

  const chosen = tabs.filter((t) => selected.includes(t.locker));
  const total = chosen.reduce((s, t) => s + t.charges.reduce((a, ch) => a + ch.amount, 0), 0);
  const plan = planTenders(total, input.tenders);
  if (!plan.ok) {
    if (plan.reason === 'short') throw new PosError('LOCKER_PAYMENT_SHORT', { ...money('short', plan.short, c.currency), ...money('total', total, c.currency) });
    if (plan.reason === 'nonCashOver') throw new PosError('LOCKER_PAYMENT_OVER', money('over', plan.over, c.currency));
    throw new PosError('LOCKER_AMOUNT_INVALID', money('max', c.lockerSettings().maxCharge, c.currency));
  }

  const settlementId = c.newId();
  const at = c.nowIso();
  let entryId: string | null = null;
  if (total > 0) {
    const steps: Step[] = chosen.flatMap((t) => t.charges.map((ch): Step => ({ type: 'capture', holdId: ch.hold_id, memo: `checkout ${settlementId}` })));
    steps.push({
      type: 'post',
      memo: `checkout ${settlementId} lockers ${selected.join(',')}`,
      legs: [
        ...plan.tenders.map((t) => ({ accountId: ensureAccount(c.ledger, tenderCode(t.method), TENDER_NAMES[t.method].en, 'tender', c.currency), side: 'debit' as const, amount: t.amount })),
        ...chosen
          .map((t) => ({ accountId: t.band.account_id, side: 'credit' as const, amount: t.charges.reduce((a, ch) => a + ch.amount, 0) }))
          .filter((l) => l.amount > 0),
      ],
    });
    entryId = c.ledger.commit({ commandId: c.newId(), steps }).entryId;
  }
  c.st.insertSettlement.run({
    id: settlementId,
    party_id: party.id,
    entry_id: entryId,
    total,
    change: plan.change,
    tenders: JSON.stringify(plan.tenders),
    lockers: JSON.stringify(selected),
    at,
    staff_id: by.id,
    approved_by: approver?.id ?? null,
  });
  for (const t of chosen) {
    for (const ch of t.charges) c.st.settleCharge.run(settlementId, ch.id);
    c.st.setBandStatus.run('settled', null, t.band.id);
    c.st.setLocker.run('free', null, t.locker);
  }
  const partyClosed = chosen.length === tabs.length;
  if (partyClosed) c.st.closeParty.run(at, party.id);
  // Cash received is what the customer handed over; the ledger keeps it net of change.
  const received = input.tenders.reduce((s, t) => s + t.amount, 0);
  return {
    settlementId,
    partyId: party.id,
    customer: customerLabel(party),
    lockers: chosen.map((t) => t.locker),
    lines: chosen.flatMap((t) =>
      t.charges.length === 0 ? [{ locker: t.locker, description: '', amount: 0 }] : t.charges.map((ch) => ({ locker: t.locker, description: ch.description, amount: ch.amount })),
    ),
    total,
    received,
    change: plan.change,
    tenders: plan.tenders,
    partyClosed,
    approvedBy: approver?.id ?? null,
    at,
    print: null,
  };
}
