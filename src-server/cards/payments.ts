import { randomUUID } from 'node:crypto';
import { punch, splitRedemption, useVoucher } from '../../src-main/domain/member-cards';
import type { CardPaymentView, CardTerms, PaymentState } from '../../src-main/domain/member-cards/protocol';
import type { Sql } from '../db';
import { findMember } from '../members/members';
import type { ValueTx } from '../value/value-ledger';
import { cardAccount, cardMember, cardView, findCard, merchantAccount, merchantCard, movement, type CardPart } from './cards';
import { cardError } from './errors';

/**
 * Redemptions from a member card, on the value ledger's two-phase holds: a counter HOLDS the value
 * for its sale, then CAPTURES it once its own sale committed or VOIDS it; a payment from the
 * member's phone is a hold and its capture in one command. A captured payment can be REVERSED
 * within the merchant's window (the counter checks the manager PIN).
 *
 * A stored-value payment takes paid and bonus value in proportion (splitRedemption, the stated
 * rule): two holds, one per part, and the reversal gives each part back exactly. Before splitting,
 * the card's row is taken (`version = version + 1`): on PostgreSQL that row lock makes concurrent
 * redemptions of one card queue, so each splits balances nobody else is changing; the ledger's
 * conditional UPDATEs still refuse any overdraw whatever happens.
 */

/** How long a counter's hold waits for its capture: a counter that crashed mid-sale restarts within it. */
export const CARD_HOLD_TTL_MS = 30 * 60_000;

interface PaymentRow {
  id: string;
  merchant_id: string;
  card_id: string;
  command_id: string;
  source: 'counter' | 'phone';
  unit: 'CNY' | 'USES';
  amount: number | string;
  paid_part: number | string;
  bonus_part: number | string;
  covers: number | string;
  paid_hold_id: string | null;
  bonus_hold_id: string | null;
  state: PaymentState;
  memo: string;
  created_at: string;
  captured_at: string | null;
  hold_state: string | null;
}

async function payment(sql: Sql, merchantId: string, commandId: string): Promise<PaymentRow | undefined> {
  return sql.one<PaymentRow>(
    `SELECT p.*, h.state AS hold_state FROM card_payment p LEFT JOIN value_hold h ON h.id = COALESCE(p.paid_hold_id, p.bonus_hold_id) WHERE p.merchant_id = ? AND p.command_id = ?`,
    [merchantId, commandId],
  );
}

async function found(sql: Sql, merchantId: string, commandId: string): Promise<PaymentRow> {
  const p = await payment(sql, merchantId, commandId);
  if (!p) throw cardError('HOLD_NOT_FOUND', 'This merchant has no payment with this command id.');
  return p;
}

export async function paymentView(sql: Sql, p: PaymentRow, reversalMinutes: number, now: Date): Promise<CardPaymentView> {
  const card = (await findCard(sql, p.card_id))!;
  const member = (await findMember(sql, { id: card.member_id }))!;
  const state: PaymentState = p.state === 'held' && p.hold_state === 'expired' ? 'expired' : p.state;
  return {
    commandId: p.command_id,
    merchantId: p.merchant_id,
    cardId: p.card_id,
    source: p.source,
    unit: p.unit,
    amount: Number(p.amount),
    paidPart: Number(p.paid_part),
    bonusPart: Number(p.bonus_part),
    covers: Number(p.covers),
    state,
    at: p.captured_at ?? p.created_at,
    reversibleUntil: p.state === 'captured' && p.captured_at ? new Date(new Date(p.captured_at).getTime() + reversalMinutes * 60_000).toISOString() : null,
    card: await cardView(sql, card, now),
    member: cardMember(member),
  };
}

export interface HoldInput {
  merchantId: string;
  commandId: string;
  cardId: string;
  amount: number;
  memo: string;
  source: 'counter' | 'phone';
  terminalId: string | null;
}

/** Reserves value on a card (inside a ledger command). Returns the payment row. */
export async function holdCard(tx: ValueTx, input: HoldInput, now: Date): Promise<PaymentRow> {
  const c = await merchantCard(tx.sql, input.merchantId, input.cardId);
  // The card's row lock: redemptions of one card queue here (see above).
  await tx.sql.run(`UPDATE member_card SET version = version + 1 WHERE id = ?`, [c.id]);
  if (await payment(tx.sql, input.merchantId, input.commandId)) throw cardError('COMMAND_REUSED', 'This command id was already used for another payment at this merchant.');
  if (Number(c.used) === 1) throw cardError('CARD_USED', 'This voucher has been used.');
  if (c.expires_at !== null && c.expires_at <= now.toISOString()) throw cardError('CARD_EXPIRED', 'This card has expired.', { state: 'expired' });
  const terms = JSON.parse(c.terms) as CardTerms;
  const expires = new Date(now.getTime() + CARD_HOLD_TTL_MS);
  const holdPart = async (part: CardPart, amount: number): Promise<string | null> => {
    if (amount <= 0) return null;
    const to = merchantAccount(c.merchant_id, part === 'uses' ? 'USES' : 'CNY', 'redeemed');
    await tx.openAccount(to);
    return tx.hold(cardAccount(c.id, c.merchant_id, part).id, to.id, amount, expires);
  };
  let unit: 'CNY' | 'USES' = 'CNY';
  let amount = input.amount;
  let paidPart = 0;
  let bonusPart = 0;
  let covers = input.amount;
  let paidHold: string | null = null;
  let bonusHold: string | null = null;
  if (terms.kind === 'stored') {
    const free = { paid: await freeOn(tx, c.id, c.merchant_id, 'paid'), bonus: await freeOn(tx, c.id, c.merchant_id, 'bonus') };
    const split = splitRedemption(free, input.amount);
    if (!split.ok) throw split.reason === 'insufficient' ? cardError('INSUFFICIENT_VALUE', 'Not enough value on the card.', { available: split.balance, requested: input.amount }) : cardError('BAD_AMOUNT', 'The amount must be a whole number of fen above zero.');
    paidPart = split.paid;
    bonusPart = split.bonus;
    paidHold = await holdPart('paid', paidPart);
    bonusHold = await holdPart('bonus', bonusPart);
  } else if (terms.kind === 'punch') {
    unit = 'USES';
    const left = await freeOn(tx, c.id, c.merchant_id, 'uses');
    const r = punch({ usesLeft: left, expiresAt: c.expires_at ? new Date(c.expires_at).getTime() : null }, input.amount, now.getTime());
    if (!r.ok) throw r.reason === 'notEnoughUses' ? cardError('INSUFFICIENT_VALUE', 'Not enough uses left on the card.', { available: left, requested: input.amount }) : r.reason === 'expired' ? cardError('CARD_EXPIRED', 'This card has expired.') : cardError('BAD_AMOUNT', 'Uses must be a whole number above zero.');
    paidHold = await holdPart('uses', input.amount);
  } else {
    // A voucher is taken whole, once: it covers up to its value of the sale, no change given.
    const left = await freeOn(tx, c.id, c.merchant_id, 'paid');
    const r = useVoucher({ value: terms.value, used: left < terms.value, expiresAt: null }, input.amount, now.getTime());
    if (!r.ok) throw r.reason === 'used' ? cardError('CARD_USED', 'This voucher is being used or has been used.') : cardError('BAD_AMOUNT', 'The amount must be a whole number of fen above zero.');
    amount = terms.value;
    paidPart = terms.value;
    covers = r.covers;
    paidHold = await holdPart('paid', terms.value);
  }
  const id = randomUUID();
  await tx.sql.run(
    `INSERT INTO card_payment (id, merchant_id, card_id, command_id, source, terminal_id, unit, amount, paid_part, bonus_part, covers, paid_hold_id, bonus_hold_id, state, memo, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'held', ?, ?)`,
    [id, c.merchant_id, c.id, input.commandId, input.source, input.terminalId, unit, amount, paidPart, bonusPart, covers, paidHold, bonusHold, input.memo, now.toISOString()],
  );
  return found(tx.sql, input.merchantId, input.commandId);
}

async function freeOn(tx: ValueTx, cardId: string, merchantId: string, part: CardPart): Promise<number> {
  return (await tx.balance(cardAccount(cardId, merchantId, part).id))?.available ?? 0;
}

/** Completes a held payment: both parts' holds captured in this one command. */
export async function captureCard(tx: ValueTx, merchantId: string, commandId: string, now: Date): Promise<PaymentRow> {
  const p = await found(tx.sql, merchantId, commandId);
  if (p.state !== 'held') throw cardError('HOLD_NOT_OPEN', 'This payment was already captured, voided or reversed.', { state: p.state });
  for (const h of [p.paid_hold_id, p.bonus_hold_id]) if (h) await tx.capture(h);
  // The server's clock (injectable) starts the reversal window.
  await tx.sql.run(`UPDATE card_payment SET state = 'captured', captured_at = ? WHERE id = ?`, [now.toISOString(), p.id]);
  const card = (await findCard(tx.sql, p.card_id))!;
  if (card.kind === 'voucher') await tx.sql.run(`UPDATE member_card SET used = 1 WHERE id = ?`, [card.id]);
  const out = -Number(p.amount);
  await movement(tx.sql, { cardId: p.card_id, kind: p.source === 'phone' ? 'payment' : 'redemption', commandId, unit: p.unit, amount: out, paid: -Number(p.paid_part), bonus: -Number(p.bonus_part), tender: null, memo: p.memo, at: now.toISOString() });
  return found(tx.sql, merchantId, commandId);
}

export async function voidCard(tx: ValueTx, merchantId: string, commandId: string): Promise<PaymentRow> {
  const p = await found(tx.sql, merchantId, commandId);
  if (p.state !== 'held') throw cardError('HOLD_NOT_OPEN', 'This payment was already captured, voided or reversed.', { state: p.state });
  for (const h of [p.paid_hold_id, p.bonus_hold_id]) if (h) await tx.void(h);
  await tx.sql.run(`UPDATE card_payment SET state = 'voided' WHERE id = ?`, [p.id]);
  return found(tx.sql, merchantId, commandId);
}

/**
 * Gives a captured payment back, each part to the part it came from, while the merchant's window
 * is open (the window's last instant still reverses; one millisecond later does not).
 */
export async function reverseCard(tx: ValueTx, merchantId: string, commandId: string, reversalMinutes: number, reversalId: string, reason: string, now: Date): Promise<PaymentRow> {
  const p = await found(tx.sql, merchantId, commandId);
  if (p.state !== 'captured' || !p.captured_at) throw cardError('NOT_REVERSIBLE', 'Only a completed payment can be reversed.', { state: p.state });
  if (now.getTime() > new Date(p.captured_at).getTime() + reversalMinutes * 60_000) throw cardError('REVERSAL_WINDOW_OVER', `A payment can be reversed within ${reversalMinutes} min only.`);
  // Claim first: a concurrent reversal of the same payment finds it taken.
  if ((await tx.sql.run(`UPDATE card_payment SET state = 'reversed', reversed_at = ? WHERE id = ? AND state = 'captured'`, [now.toISOString(), p.id])) === 0) throw cardError('NOT_REVERSIBLE', 'This payment was reversed meanwhile.', { state: 'reversed' });
  const card = (await findCard(tx.sql, p.card_id))!;
  const unit = p.unit;
  const back = async (part: CardPart, amount: number) => {
    if (amount > 0) await tx.transfer(merchantAccount(merchantId, unit, 'redeemed').id, cardAccount(card.id, merchantId, part).id, amount, `reversal ${commandId}`);
  };
  if (unit === 'USES') await back('uses', Number(p.amount));
  else {
    await back('paid', Number(p.paid_part));
    await back('bonus', Number(p.bonus_part));
  }
  if (card.kind === 'voucher') await tx.sql.run(`UPDATE member_card SET used = 0 WHERE id = ?`, [card.id]);
  await movement(tx.sql, { cardId: card.id, kind: 'reversal', commandId: reversalId, unit, amount: Number(p.amount), paid: Number(p.paid_part), bonus: Number(p.bonus_part), tender: null, memo: reason, at: now.toISOString() });
  return found(tx.sql, merchantId, commandId);
}
