import { PosError } from '../../domain/errors';
import { partialSettlementBlockers } from '../../domain/lockers';
import type { Tender } from '../../domain/payments';
import type { LedgerTx } from '../../ledger';
import type { StaffInfo } from '../staff/staff-service';
import type { Approval, LockerDesk } from './desk';
import { customerLabel } from './refusals';
import { checkoutReceipt } from './locker-receipt';

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
 * Checkout: every open hold of every settled wristband is captured and the tenders are taken
 * (payments module) in ONE command and one journal entry; the lockers are freed; a receipt
 * listing every wristband prints. Settling part of a party while another wristband keeps
 * charges needs a manager's approval, which is audited (and so is a refusal).
 */
export async function checkout(desk: LockerDesk, by: StaffInfo, input: CheckoutInput): Promise<CheckoutResult> {
  const { commandId, approval, ...rest } = input;
  // Who approved is part of the command; the PIN never is.
  const body = { ...rest, approval: approval ? { staffId: approval.staffId } : undefined };
  let fresh = false;
  let result: CheckoutResult;
  try {
    result = await desk.commands.run({
      commandId,
      method: 'lockers.checkout',
      body,
      actor: by,
      prepare: async () => (approval ? desk.approve(approval, 'lockers.partialSettlement', by, { wristband: input.wristband }) : null),
      work: (tx, approver) => {
        fresh = true;
        return settle(desk, tx, by, input, approver);
      },
      announce: () => [['lockers.changed', { at: new Date().toISOString() }]],
      audit: (r) => ({ settlementId: r.settlementId, total: r.total, lockers: r.lockers, approvedBy: r.approvedBy }),
    });
  } catch (e) {
    if (e instanceof PosError && e.code === 'LOCKER_PARTIAL_SETTLEMENT') {
      await desk.deps.audit.record('lockers.partialSettlement', 'refused', by.id, { wristband: input.wristband, blockers: e.params.lockers ?? '' });
    }
    throw e;
  }
  if (!fresh) return result;
  if (result.approvedBy) {
    await desk.deps.audit.record('lockers.partialSettlement', 'ok', by.id, { settlementId: result.settlementId, lockers: result.lockers, approvedBy: result.approvedBy });
  }
  // The sale is committed whatever the printer does; a failed job is kept for reprint.
  const printed = await desk.deps.deviceService.print(checkoutReceipt(desk.deps.settings.get(), by, result)).catch(() => null);
  return { ...result, print: printed ? { jobId: printed.jobId, state: printed.state } : null };
}

function settle(desk: LockerDesk, tx: LedgerTx, by: StaffInfo, input: CheckoutInput, approver: StaffInfo | null): CheckoutResult {
  const { rows } = desk;
  const { party } = desk.activeWristband(input.wristband);
  const bands = rows.bandsOf.all(party.id).filter((b) => b.status === 'active');
  const open = rows.chargesOfParty.all(party.id).filter((ch) => ch.status === 'open');
  const tabs = bands.map((b) => ({ band: b, locker: b.locker_number, charges: open.filter((ch) => ch.wristband_id === b.id) }));
  const selected = input.lockers ?? tabs.map((t) => t.locker);
  for (const n of selected) {
    if (tabs.some((t) => t.locker === n)) continue;
    const other = rows.activeBand.get(n);
    const otherParty = other && rows.party.get(other.party_id);
    if (otherParty) throw new PosError('LOCKER_OTHER_PARTY', { locker: n, customer: customerLabel(otherParty) });
    throw new PosError('LOCKER_NOT_BOUND', { locker: n });
  }
  const blockers = partialSettlementBlockers(tabs, selected);
  if (blockers.length > 0 && !approver) throw new PosError('LOCKER_PARTIAL_SETTLEMENT', { lockers: blockers.join(', ') });

  const chosen = tabs.filter((t) => selected.includes(t.locker));
  const subtotal = (t: (typeof chosen)[number]) => t.charges.reduce((a, ch) => a + ch.amount, 0);
  const total = chosen.reduce((s, t) => s + subtotal(t), 0);
  const plan = desk.deps.payments.plan(total, input.tenders);

  const settlementId = tx.newId();
  if (total > 0) {
    for (const t of chosen) for (const ch of t.charges) tx.capture(ch.hold_id, undefined, `checkout ${settlementId}`);
    const credits = chosen.map((t) => ({ accountId: t.band.account_id, amount: subtotal(t) }));
    desk.deps.payments.take(tx, plan.tenders, credits, `checkout ${settlementId} lockers ${selected.join(',')}`);
  }
  const partyClosed = chosen.length === tabs.length;
  tx.event({
    type: 'lockers.party.settled',
    settlement: { id: settlementId, partyId: party.id, total, change: plan.change, tenders: plan.tenders, lockers: selected, by: by.id, approvedBy: approver?.id ?? null },
    entryId: total > 0 ? tx.entryId : null,
    chargeIds: chosen.flatMap((t) => t.charges.map((ch) => ch.id)),
    wristbandIds: chosen.map((t) => t.band.id),
    partyClosed,
  });
  return {
    settlementId,
    partyId: party.id,
    customer: customerLabel(party),
    lockers: chosen.map((t) => t.locker),
    lines: chosen.flatMap((t) =>
      t.charges.length === 0 ? [{ locker: t.locker, description: '', amount: 0 }] : t.charges.map((ch) => ({ locker: t.locker, description: ch.description, amount: ch.amount })),
    ),
    total,
    // What the customer handed over; the ledger keeps cash net of change.
    received: plan.received,
    change: plan.change,
    tenders: plan.tenders,
    partyClosed,
    approvedBy: approver?.id ?? null,
    at: tx.at,
    print: null,
  };
}
