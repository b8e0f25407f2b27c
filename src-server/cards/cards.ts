import { randomUUID } from 'node:crypto';
import { rechargeBonus } from '../../src-main/domain/member-cards';
import type { CardMember, CardMovement, CardTender, CardTerms, MemberCardView } from '../../src-main/domain/member-cards/protocol';
import type { Sql } from '../db';
import { findMember, type MemberRow } from '../members/members';
import type { AccountSpec, ValueTx } from '../value/value-ledger';
import { cardError } from './errors';
import { findProduct } from './products';

/**
 * Member cards and their value. A card's value is kept in the value ledger, one account per part:
 * `card:<id>:paid` and `card:<id>:bonus` (CNY, fen; a voucher's value is its paid account) and
 * `card:<id>:uses` (USES), each never below zero. Value comes in from the merchant's issue accounts
 * (what it sold, what it gave as bonus: no floor, they read as the merchant's liability) and goes,
 * when redeemed, to the merchant's redeemed account; every movement is a balanced ledger transfer.
 */
export type CardPart = 'paid' | 'bonus' | 'uses';

export function cardAccount(cardId: string, merchantId: string, part: CardPart): AccountSpec {
  return { id: `card:${cardId}:${part}`, ownerKind: 'member', ownerId: cardId, kind: `card.${part}`, unit: part === 'uses' ? 'USES' : 'CNY', floor: 0 };
}

/** The merchant's side: `issued` (sold paid value / uses), `bonus` (given bonus), `redeemed` (taken at a sale). */
export function merchantAccount(merchantId: string, unit: 'CNY' | 'USES', kind: 'issued' | 'bonus' | 'redeemed'): AccountSpec {
  return { id: `merchant:${merchantId}:${unit}:${kind}`, ownerKind: 'merchant', ownerId: merchantId, kind: `cards.${kind}`, unit, floor: null };
}

export interface CardRow {
  id: string;
  merchant_id: string;
  member_id: string;
  product_id: string;
  product_name: string;
  kind: CardTerms['kind'];
  terms: string;
  expires_at: string | null;
  used: number | string;
  opened_at: string;
}

const COLUMNS = 'id, merchant_id, member_id, product_id, product_name, kind, terms, expires_at, used, opened_at';

export async function findCard(sql: Sql, cardId: string): Promise<CardRow | undefined> {
  return sql.one<CardRow>(`SELECT ${COLUMNS} FROM member_card WHERE id = ?`, [cardId]);
}

/** A card of this merchant (a card of another merchant is not found, whatever id is sent). */
export async function merchantCard(sql: Sql, merchantId: string, cardId: string): Promise<CardRow> {
  const c = await findCard(sql, cardId);
  if (!c || c.merchant_id !== merchantId) throw cardError('CARD_NOT_FOUND', 'This merchant has no card with this id.');
  return c;
}

export function cardMember(m: MemberRow): CardMember {
  return { id: m.id, number: m.number, name: m.name, phoneTail: m.phone ? m.phone.slice(-4) : null };
}

async function available(sql: Sql, accountId: string): Promise<number> {
  const r = await sql.one<{ balance: number | string; held: number | string }>(`SELECT balance, held FROM value_account WHERE id = ?`, [accountId]);
  return r ? Number(r.balance) - Number(r.held) : 0;
}

/** What is free on each part of a card now (held value is not). */
export async function cardParts(sql: Sql, c: CardRow): Promise<{ paid: number; bonus: number; uses: number }> {
  if (c.kind === 'punch') return { paid: 0, bonus: 0, uses: await available(sql, cardAccount(c.id, c.merchant_id, 'uses').id) };
  return { paid: await available(sql, cardAccount(c.id, c.merchant_id, 'paid').id), bonus: c.kind === 'stored' ? await available(sql, cardAccount(c.id, c.merchant_id, 'bonus').id) : 0, uses: 0 };
}

export async function cardView(sql: Sql, c: CardRow, now: Date): Promise<MemberCardView> {
  const parts = await cardParts(sql, c);
  const expired = c.expires_at !== null && c.expires_at <= now.toISOString();
  const used = Number(c.used) === 1;
  return {
    id: c.id,
    merchantId: c.merchant_id,
    memberId: c.member_id,
    productId: c.product_id,
    productName: c.product_name,
    terms: JSON.parse(c.terms) as CardTerms,
    state: used ? 'used' : expired ? 'expired' : 'active',
    paid: parts.paid,
    bonus: parts.bonus,
    usesLeft: parts.uses,
    expiresAt: c.expires_at,
    openedAt: c.opened_at,
  };
}

export async function memberCards(sql: Sql, merchantId: string, memberId: string, now: Date): Promise<MemberCardView[]> {
  const rows = await sql.all<CardRow>(`SELECT ${COLUMNS} FROM member_card WHERE merchant_id = ? AND member_id = ? ORDER BY opened_at, id`, [merchantId, memberId]);
  return Promise.all(rows.map((c) => cardView(sql, c, now)));
}

export async function movement(sql: Sql, m: { cardId: string; kind: CardMovement['kind']; commandId: string; unit: 'CNY' | 'USES'; amount: number; paid: number; bonus: number; tender: CardTender | null; memo: string; at: string }): Promise<void> {
  await sql.run(`INSERT INTO card_movement (id, card_id, kind, command_id, unit, amount, paid, bonus, tender, memo, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
    randomUUID(),
    m.cardId,
    m.kind,
    m.commandId,
    m.unit,
    m.amount,
    m.paid,
    m.bonus,
    m.tender,
    m.memo,
    m.at,
  ]);
}

export async function cardHistory(sql: Sql, cardId: string, limit = 100): Promise<CardMovement[]> {
  const rows = await sql.all<{ at: string; kind: CardMovement['kind']; command_id: string; unit: 'CNY' | 'USES'; amount: number | string; paid: number | string; bonus: number | string; tender: CardTender | null; memo: string }>(
    `SELECT at, kind, command_id, unit, amount, paid, bonus, tender, memo FROM card_movement WHERE card_id = ? ORDER BY at DESC, id LIMIT ?`,
    [cardId, limit],
  );
  return rows.map((r) => ({ at: r.at, kind: r.kind, commandId: r.command_id, unit: r.unit, amount: Number(r.amount), paid: Number(r.paid), bonus: Number(r.bonus), tender: r.tender, memo: r.memo }));
}

const DAY_MS = 86_400_000;

/** Sells a card of `productId` to a member, inside the open command: the product's terms are copied onto it. */
export async function openCard(tx: ValueTx, input: { merchantId: string; memberId: string; productId: string; commandId: string; tender: CardTender }, now: Date) {
  const product = await findProduct(tx.sql, input.productId);
  if (!product || product.merchantId !== input.merchantId || !product.active) throw cardError('PRODUCT_NOT_FOUND', 'This merchant sells no such card.');
  const member = await findMember(tx.sql, { id: input.memberId });
  if (!member) throw cardError('MEMBER_NOT_FOUND', 'No member with this id.');
  const t = product.terms;
  const id = randomUUID();
  const expiresAt = t.kind !== 'stored' && t.validDays ? new Date(now.getTime() + t.validDays * DAY_MS).toISOString() : null;
  await tx.sql.run(
    `INSERT INTO member_card (id, merchant_id, member_id, product_id, product_name, kind, terms, expires_at, used, version, open_command_id, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)`,
    [id, input.merchantId, member.id, product.id, product.name, t.kind, JSON.stringify(t), expiresAt, `${input.merchantId}:${input.commandId}`, tx.now],
  );
  const price = t.kind === 'stored' ? 0 : t.price;
  if (t.kind === 'punch') {
    await issue(tx, input.merchantId, id, 'uses', 'issued', t.uses, 'punch card sold');
    await movement(tx.sql, { cardId: id, kind: 'open', commandId: input.commandId, unit: 'USES', amount: t.uses, paid: 0, bonus: 0, tender: input.tender, memo: product.name, at: tx.now });
  } else if (t.kind === 'voucher') {
    await issue(tx, input.merchantId, id, 'paid', 'issued', t.value, 'voucher sold');
    await movement(tx.sql, { cardId: id, kind: 'open', commandId: input.commandId, unit: 'CNY', amount: t.value, paid: t.value, bonus: 0, tender: input.tender, memo: product.name, at: tx.now });
  } else {
    for (const part of ['paid', 'bonus'] as const) await tx.openAccount(cardAccount(id, input.merchantId, part));
    await movement(tx.sql, { cardId: id, kind: 'open', commandId: input.commandId, unit: 'CNY', amount: 0, paid: 0, bonus: 0, tender: null, memo: product.name, at: tx.now });
  }
  return { card: (await findCard(tx.sql, id))!, member, pricePaid: price };
}

/** Moves `amount` from the merchant's issue account into one part of a card (a sale, a recharge, a bonus). */
async function issue(tx: ValueTx, merchantId: string, cardId: string, part: CardPart, from: 'issued' | 'bonus', amount: number, memo: string): Promise<void> {
  const source = merchantAccount(merchantId, part === 'uses' ? 'USES' : 'CNY', from);
  const to = cardAccount(cardId, merchantId, part);
  await tx.openAccount(source);
  await tx.openAccount(to);
  await tx.transfer(source.id, to.id, amount, memo);
}

/** A recharge of a stored-value card: the paid amount, plus the bonus of the card's own tiers (its terms at sale). */
export async function recharge(tx: ValueTx, c: CardRow, input: { amount: number; commandId: string; tender: CardTender }, now: Date): Promise<{ paid: number; bonus: number }> {
  if (c.kind !== 'stored') throw cardError('WRONG_CARD_KIND', 'Only a stored-value card can be recharged.');
  if (c.expires_at !== null && c.expires_at <= now.toISOString()) throw cardError('CARD_EXPIRED', 'This card has expired.');
  const terms = JSON.parse(c.terms) as Extract<CardTerms, { kind: 'stored' }>;
  const bonus = rechargeBonus(terms.tiers, input.amount);
  await issue(tx, c.merchant_id, c.id, 'paid', 'issued', input.amount, `recharge (${input.tender})`);
  if (bonus > 0) await issue(tx, c.merchant_id, c.id, 'bonus', 'bonus', bonus, 'recharge bonus');
  await movement(tx.sql, { cardId: c.id, kind: 'recharge', commandId: input.commandId, unit: 'CNY', amount: input.amount + bonus, paid: input.amount, bonus, tender: input.tender, memo: '', at: tx.now });
  return { paid: input.amount, bonus };
}
