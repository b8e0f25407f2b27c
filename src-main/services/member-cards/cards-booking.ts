// The small rules the member-cards service books by: the mirror row of a movement, the
// announcement a movement makes, the store's two accounts, and the local id of a phone payment.
import { createHash } from 'node:crypto';
import { isUuidV7 } from '../../domain/ledger/rules';
import type { MemberCardView } from '../../domain/member-cards/protocol';
import { announce, type AnnouncementKind } from '../../domain/voice';
import type { LedgerTx } from '../../ledger';
import type { StaffInfo } from '../staff/staff-service';
import type { MovementRow } from './cards-store';

/** A movement made at this counter, with the card as the server answered right after it. */
export function counterMovement(
  tx: LedgerTx,
  day: string,
  staff: StaffInfo,
  card: MemberCardView,
  memberName: string,
  m: Pick<MovementRow, 'commandId' | 'kind' | 'amount' | 'paidPart' | 'bonusPart' | 'money' | 'tender' | 'transferId'>,
): Omit<MovementRow, 'updatedAt'> {
  return {
    ...m, source: 'counter', day, createdAt: tx.at, staffId: staff.id, staffName: staff.name,
    merchantId: card.merchantId, cardId: card.id, productName: card.productName, memberId: card.memberId, memberName,
    unit: card.terms.kind === 'punch' ? 'USES' : 'CNY', paidAfter: card.paid, bonusAfter: card.bonus, usesAfter: card.usesLeft,
    captureState: 'none', captureProblem: null, reversibleUntil: null, state: 'made', reversalCommandId: null, reversalTransferId: null,
  };
}

/**
 * What the counter says for a movement, in both languages (the screen speaks the one it shows):
 * the amount (a recharge: what was paid in) and the card's balance after. Punch cards say nothing:
 * a count of uses is not read as money.
 */
export function announcementOf(kind: AnnouncementKind, m: MovementRow, at: string) {
  if (m.unit !== 'CNY') return null;
  const amount = kind === 'memberRecharge' ? m.paidPart : m.money;
  const balance = m.paidAfter === null ? null : m.paidAfter + (m.bonusAfter ?? 0);
  return {
    kind, commandId: m.commandId, source: m.source, memberName: m.memberName, productName: m.productName, amount, balance, at,
    zh: announce(kind, amount, balance, 'zh-CN'), en: announce(kind, amount, balance, 'en'),
  };
}

/** Stored value sold: a liability (the store owes it to the members until they spend it), never revenue. */
export function liabilityAccount(tx: LedgerTx, currency: string): string {
  return tx.ensureAccount('member_cards_liability', '会员卡储值 Member card stored value', 'stored_value', currency);
}

/** What members bought with their cards (one account per store). */
export function salesAccount(tx: LedgerTx, currency: string): string {
  return tx.ensureAccount('member_card_sales', '会员卡消费 Member card sales', 'revenue', currency);
}

export function businessDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * The terminal's ledger names commands by UUIDv7. A phone payment keeps the phone's id when it is
 * one; any other id (the phone page makes v4 ids) maps to the same v7-shaped id every time
 * (SHA-256 of it, version and variant bits set), so a repeated push still replays. The movement row
 * keeps the phone's own id, which is what the server knows it by.
 */
export function localCommandId(id: string): string {
  if (isUuidV7(id)) return id;
  const h = createHash('sha256').update(`memberCards.phonePayment:${id}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
