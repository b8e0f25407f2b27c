/**
 * Punch cards (N uses of a service) and single-use vouchers.
 */

export interface PunchCard {
  usesLeft: number;
  /** Epoch ms after which no use is taken; null = never expires. */
  expiresAt: number | null;
}

export type PunchResult = { ok: true; usesLeft: number } | { ok: false; reason: 'badUses' } | { ok: false; reason: 'expired'; expiredAt: number } | { ok: false; reason: 'notEnoughUses'; usesLeft: number };

/** Takes `uses` from a punch card at time `at`: whole uses, not after expiry (the expiry instant itself is expired). */
export function punch(card: PunchCard, uses: number, at: number): PunchResult {
  if (!Number.isSafeInteger(uses) || uses <= 0) return { ok: false, reason: 'badUses' };
  if (card.expiresAt !== null && at >= card.expiresAt) return { ok: false, reason: 'expired', expiredAt: card.expiresAt };
  if (uses > card.usesLeft) return { ok: false, reason: 'notEnoughUses', usesLeft: card.usesLeft };
  return { ok: true, usesLeft: card.usesLeft - uses };
}

export interface Voucher {
  value: number;
  used: boolean;
  expiresAt: number | null;
}

export type VoucherResult = { ok: true; covers: number; forfeited: number } | { ok: false; reason: 'used' } | { ok: false; reason: 'expired'; expiredAt: number } | { ok: false; reason: 'badAmount' };

/**
 * A single-use voucher against a payment of `due`: it covers up to its value, once; what it does not
 * cover is paid otherwise; a voucher worth more than the payment is used up and gives no change
 * (`forfeited`), which the screen says before the cashier confirms.
 */
export function useVoucher(v: Voucher, due: number, at: number): VoucherResult {
  if (!Number.isSafeInteger(due) || due <= 0) return { ok: false, reason: 'badAmount' };
  if (v.used) return { ok: false, reason: 'used' };
  if (v.expiresAt !== null && at >= v.expiresAt) return { ok: false, reason: 'expired', expiredAt: v.expiresAt };
  const covers = Math.min(v.value, due);
  return { ok: true, covers, forfeited: v.value - covers };
}
