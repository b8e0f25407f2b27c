import type { LockerDesk } from './desk';
import { customerLabel } from './refusals';

export interface ChargeView {
  id: string;
  outlet: string;
  description: string;
  amount: number;
  status: 'open' | 'voided' | 'settled';
  at: string;
}
export interface WristbandView {
  wristbandId: string;
  locker: number;
  status: 'active' | 'lost' | 'settled';
  quota: number;
  left: number;
  subtotal: number;
  charges: ChargeView[];
}
export interface PartyView {
  partyId: string;
  customer: string;
  status: 'open' | 'settled';
  openedAt: string;
  partyQuota: number;
  partyLeft: number;
  total: number;
  wristbands: WristbandView[];
}

/** A party as the checkout screen shows it: every wristband with its charges, subtotals and what is left. */
export function partyView(desk: LockerDesk, partyId: string): PartyView {
  const party = desk.rows.party.get(partyId)!;
  const charges = desk.rows.chargesOfParty.all(partyId);
  const wristbands = desk.rows.bandsOf.all(partyId).map((b): WristbandView => {
    const own = charges.filter((ch) => ch.wristband_id === b.id);
    return {
      wristbandId: b.id,
      locker: b.locker_number,
      status: b.status,
      quota: b.quota,
      left: Math.max(0, desk.ledger.balance(b.account_id).available ?? 0),
      subtotal: own.filter((ch) => ch.status === 'open').reduce((s, ch) => s + ch.amount, 0),
      charges: own.map((ch) => ({ id: ch.id, outlet: ch.outlet, description: ch.description, amount: ch.amount, status: ch.status, at: ch.created_at })),
    };
  });
  return {
    partyId,
    customer: customerLabel(party),
    status: party.status,
    openedAt: party.opened_at,
    partyQuota: party.party_quota,
    partyLeft: Math.max(0, desk.ledger.balance(party.group_account_id).available ?? 0),
    total: wristbands.reduce((s, w) => s + w.subtotal, 0),
    wristbands,
  };
}
