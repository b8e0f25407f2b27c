// Pure rules of the locker wristband workflow: customer phone numbers, quota defaults,
// checkout totals, split payments with change, and when settling part of a party is refused.
// Money is integer minor units throughout.

/** Mainland China mobile numbers: 11 digits, 1 then 3–9. */
export const CN_MOBILE = /^1[3-9]\d{9}$/;
/** Other numbers when the store allows them: optional +, 6 to 15 digits (E.164 length). */
export const ANY_PHONE = /^\+?\d{6,15}$/;

export type PhoneFormat = 'cn-mobile' | 'any';

export interface LockerSettings {
  /** Default spending quota of one wristband. */
  wristbandQuota: number;
  /** Default spending quota of a whole party. */
  partyQuota: number;
  /** Which customer phone numbers are accepted. */
  phoneFormat: PhoneFormat;
  /** The largest single venue charge; anything above is a slip of the finger. */
  maxCharge: number;
}

/** ¥1,000 per wristband and ¥3,000 per party cover a long day at a spa; a manager can change them. */
export const DEFAULT_LOCKER_SETTINGS: LockerSettings = {
  wristbandQuota: 100_000,
  partyQuota: 300_000,
  phoneFormat: 'cn-mobile',
  maxCharge: 1_000_000,
};

/** No party takes more wristbands than this at once. */
export const MAX_WRISTBANDS_PER_PARTY = 20;
/** A quota above ¥1,000,000 is a typing slip, not a tab. */
export const MAX_QUOTA = 100_000_000;

/** Strips spaces and dashes a cashier may type; returns null when the format is not accepted. */
export function normalizePhone(text: string, format: PhoneFormat): string | null {
  const s = text.replace(/[\s-]/g, '');
  if (CN_MOBILE.test(s)) return s;
  if (format === 'any' && ANY_PHONE.test(s)) return s;
  return null;
}

/** "138****8000": enough for a cashier to recognise the customer, not enough to misuse. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return phone;
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

export function isValidQuota(q: number): boolean {
  return Number.isSafeInteger(q) && q > 0 && q <= MAX_QUOTA;
}

/** The quotas for a new party: what the cashier set, else the store's defaults. */
export function resolveQuotas(
  requested: { wristbandQuota?: number | undefined; partyQuota?: number | undefined },
  settings: LockerSettings,
): { wristbandQuota: number; partyQuota: number } | { invalid: 'wristbandQuota' | 'partyQuota' } {
  const wristbandQuota = requested.wristbandQuota ?? settings.wristbandQuota;
  const partyQuota = requested.partyQuota ?? settings.partyQuota;
  if (!isValidQuota(wristbandQuota)) return { invalid: 'wristbandQuota' };
  if (!isValidQuota(partyQuota)) return { invalid: 'partyQuota' };
  return { wristbandQuota, partyQuota };
}

/** What is left under a quota; never negative (a quota lowered below use leaves nothing). */
export function quotaLeft(limit: number, used: number): number {
  return Math.max(0, limit - used);
}

export type ChargeAmountCheck = { ok: true } | { ok: false; reason: 'notPositive' | 'tooLarge' };

export function checkChargeAmount(amount: number, settings: Pick<LockerSettings, 'maxCharge'>): ChargeAmountCheck {
  if (!Number.isSafeInteger(amount) || amount <= 0) return { ok: false, reason: 'notPositive' };
  if (amount > settings.maxCharge) return { ok: false, reason: 'tooLarge' };
  return { ok: true };
}

/** Price × quantity of catalog lines, summed exactly. */
export function catalogTotal(lines: readonly { price: number; quantity: number }[]): number {
  let total = 0;
  for (const l of lines) total += l.price * l.quantity;
  return total;
}

export interface WristbandTab {
  locker: number;
  charges: readonly { amount: number }[];
}

/** Each wristband's subtotal and the party total of open charges. */
export function checkoutTotals(tabs: readonly WristbandTab[]): { byLocker: Map<number, number>; total: number } {
  const byLocker = new Map<number, number>();
  let total = 0;
  for (const t of tabs) {
    const sub = t.charges.reduce((s, c) => s + c.amount, 0);
    byLocker.set(t.locker, sub);
    total += sub;
  }
  return { byLocker, total };
}

/**
 * Settling some wristbands of a party while another of its wristbands still has open charges
 * is how venues lose money (one band is shown at the exit, the other walks out): refused
 * unless a manager approves. Returns the lockers that block the settlement.
 */
export function partialSettlementBlockers(
  all: readonly WristbandTab[],
  selected: readonly number[],
): number[] {
  const chosen = new Set(selected);
  return all.filter((t) => !chosen.has(t.locker) && t.charges.length > 0).map((t) => t.locker);
}
