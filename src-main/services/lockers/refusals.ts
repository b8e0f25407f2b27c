import { PosError } from '../../domain/errors';
import { isLedgerError } from '../../domain/ledger';
import { maskPhone, quotaLeft } from '../../domain/lockers';
import type { PartyRecord } from './statements';

import { moneyParams as money } from '../../domain/receipt';

export { money };

/** How a cashier recognises the party: masked phone or member code. */
export function customerLabel(p: Pick<PartyRecord, 'phone' | 'member_code'>): string {
  if (p.phone) return maskPhone(p.phone);
  return p.member_code ? `#${p.member_code}` : '-';
}

/** A tapped UID in a message: the last digits only (card numbers stay out of screens and logs). */
export function uidLabel(uid: string): string {
  return uid.length > 4 ? `…${uid.slice(-4)}` : uid;
}

/**
 * The ledger's QUOTA_EXCEEDED says which account hit its limit; the cashier needs to hear
 * whether it was the wristband's own quota or the party's, and how much is left there.
 */
export function translateQuota(e: unknown, band: { accountId: string; locker: number }, currency: string): unknown {
  if (!isLedgerError(e, 'QUOTA_EXCEEDED')) return e;
  const d = e.details;
  const left = quotaLeft(Number(d.limit), Number(d.used));
  const requested = Number(d.requested);
  const params = { ...money('left', left, currency), ...money('requested', requested, currency) };
  if (d.accountId === band.accountId) return new PosError('LOCKER_WRISTBAND_QUOTA', { locker: band.locker, ...params });
  return new PosError('LOCKER_PARTY_QUOTA', params);
}
