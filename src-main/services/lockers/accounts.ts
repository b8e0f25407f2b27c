import { v7 as uuidv7 } from 'uuid';
import type { AccountKind, Ledger } from '../../ledger';
import type { TenderMethod } from '../../domain/lockers';

/**
 * The ledger accounts of the lockers workflow (all in the store currency):
 *
 * - `lockers:party:<partyId>` — customer_group, a limit group (debit-normal, holds no postings
 *   itself): its quota is the party quota, checked together with the wristband's own quota
 *   in the same transaction by `ledger.authorize`.
 * - `lockers:band:<wristbandId>` — medium (debit-normal), child of the party group: what the
 *   guest of that wristband owes; its quota is the wristband quota. A physical wristband is
 *   reused by the next party, so the account belongs to one binding, not to the card.
 * - `lockers:outlet:<code>` — revenue (credit-normal) of restaurant, massage, shop.
 * - `tender:<method>` — tender (debit-normal): cash, bank_card, mobile, stored_value. Stored
 *   value is booked to its tender account until member cards (a later issue) own that money.
 *
 * A venue charge is a hold: debit the wristband, credit the outlet's revenue (pending).
 * Checkout is one `ledger.commit`: capture every open hold of the settled wristbands (the
 * revenue and what the wristband owes become posted), then one post that debits the tenders
 * (cash net of change) and credits each wristband by its subtotal, so every settled
 * wristband ends at zero. A voided charge releases its hold; nothing is posted.
 */
export const partyCode = (partyId: string) => `lockers:party:${partyId}`;
export const wristbandCode = (wristbandId: string) => `lockers:band:${wristbandId}`;
export const outletCode = (outlet: string) => `lockers:outlet:${outlet}`;
export const tenderCode = (method: TenderMethod) => `tender:${method}`;

/** The id of an account, opening it first if this is its first use (inside the caller's transaction). */
export function ensureAccount(ledger: Ledger, code: string, name: string, kind: AccountKind, unit: string): string {
  const existing = ledger.accountByCode(code);
  if (existing) return existing.id;
  return ledger.openAccount({ commandId: uuidv7(), code, name, kind, unit }).accountId;
}
