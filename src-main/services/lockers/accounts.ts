
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
 * - `tender:<method>` — the store's tender accounts, owned by the payments module
 *   (services/payments), shared by every workflow.
 *
 * A venue charge is a hold: debit the wristband, credit the outlet's revenue (pending).
 * Checkout is one command: capture every open hold of the settled wristbands (the revenue
 * and what the wristband owes become posted), then the payments module takes the tenders
 * (cash net of change) against each wristband's subtotal, so every settled wristband ends at
 * zero. A voided charge releases its hold; nothing is posted.
 */
export const partyCode = (partyId: string) => `lockers:party:${partyId}`;
export const wristbandCode = (wristbandId: string) => `lockers:band:${wristbandId}`;
export const outletCode = (outlet: string) => `lockers:outlet:${outlet}`;
