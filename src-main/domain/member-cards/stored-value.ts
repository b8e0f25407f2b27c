/**
 * Stored-value member cards: what a recharge adds and how a payment is taken from the card.
 * Money is integer fen. A card's balance is kept in two parts, because they are not the same
 * money: `paid` is what the member paid in (refundable), `bonus` is what the merchant gave on top
 * (never paid out).
 */

export interface RechargeTier {
  /** Paid amount that reaches this tier (fen). */
  pay: number;
  /** Bonus value added once for a recharge reaching it (fen). */
  bonus: number;
}

export interface CardBalance {
  paid: number;
  bonus: number;
}

/**
 * The bonus for a recharge of `amount`: the bonus of the highest tier whose `pay` the amount reaches,
 * once (pay ¥100 get ¥120: ¥100 → +¥20; ¥150 → +¥20; ¥99.99 → nothing). Tiers are not added up
 * or multiplied: a member wanting two bonuses recharges twice.
 */
export function rechargeBonus(tiers: readonly RechargeTier[], amount: number): number {
  if (!Number.isSafeInteger(amount) || amount <= 0) return 0;
  let best: RechargeTier | null = null;
  for (const t of tiers) if (t.pay <= amount && (!best || t.pay > best.pay)) best = t;
  return best?.bonus ?? 0;
}

export type TierProblem = { index: number; reason: 'range' | 'duplicatePay' };

/** Tiers as a merchant enters them: positive pay, bonus ≥ 0 and below the pay, one tier per pay. */
export function tierProblems(tiers: readonly RechargeTier[]): TierProblem[] {
  const out: TierProblem[] = [];
  const seen = new Set<number>();
  tiers.forEach((t, index) => {
    if (!Number.isSafeInteger(t.pay) || t.pay <= 0 || !Number.isSafeInteger(t.bonus) || t.bonus < 0 || t.bonus >= t.pay) out.push({ index, reason: 'range' });
    else if (seen.has(t.pay)) out.push({ index, reason: 'duplicatePay' });
    seen.add(t.pay);
  });
  return out;
}

export type RedemptionSplit = { ok: true; paid: number; bonus: number; left: CardBalance } | { ok: false; reason: 'badAmount' } | { ok: false; reason: 'insufficient'; balance: number; short: number };

/**
 * Takes `amount` from a card, in proportion to its paid and bonus parts (the rule, stated): a
 * ¥100 + ¥20 card pays ¥60 as ¥50 paid + ¥10 bonus. Why proportional: a member who later asks for
 * the rest of the card back gets the paid part left (`refundableOnClose`); spending bonus first would
 * let a member turn bonus into refundable money, spending paid first would take the bonus away from
 * a member who leaves. The paid share is rounded DOWN to the fen, so the refundable part left is
 * never smaller than the exact share.
 */
export function splitRedemption(balance: CardBalance, amount: number): RedemptionSplit {
  if (!Number.isSafeInteger(amount) || amount <= 0) return { ok: false, reason: 'badAmount' };
  const total = balance.paid + balance.bonus;
  if (amount > total) return { ok: false, reason: 'insufficient', balance: total, short: amount - total };
  // amount × paid stays below 2^53 for any card under ¥900 million.
  const paid = Math.floor((amount * balance.paid) / total);
  const bonus = amount - paid;
  return { ok: true, paid, bonus, left: { paid: balance.paid - paid, bonus: balance.bonus - bonus } };
}

/** What a member gets back when the card is closed: the paid part left; the bonus left is not paid out. */
export function refundableOnClose(balance: CardBalance): number {
  return balance.paid;
}
