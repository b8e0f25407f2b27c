import { EventEmitter } from 'node:events';
import type { CardPaymentPush, CardPaymentView, CardTender } from '../../src-main/domain/member-cards/protocol';
import type { ServerDb } from '../db';
import { findMember } from '../members/members';
import type { PushHub } from '../reference/push-hub';
import { ValueTx, type ValueLedger } from '../value/value-ledger';
import { cardMember, cardView, merchantCard, openCard, recharge } from './cards';
import { cardError } from './errors';
import type { MerchantRow } from './merchants';
import { captureCard, holdCard, paymentView, reverseCard, voidCard } from './payments';

/**
 * The member-cards commands, each ONE value-ledger command (one transaction, idempotent by its id):
 * `cards:<merchant>:<client command id>:<step>`, so the same id from any terminal of the merchant's
 * store, or from the phone page, answers as the first time did; the same id with another body is
 * COMMAND_REUSED. After a change the member's phone pages are told (`live`), and a payment from the
 * phone is pushed to the merchant's connected terminals.
 */
/** The `live` event sent for every change, whoever's card it is (the back office listens to it). */
export const ANY_CARD = '*';

export class CardsService {
  /** Member id → "your cards changed" (the phone page's live balance). In-process: see README. */
  readonly live = new EventEmitter();

  constructor(
    private readonly db: ServerDb,
    private readonly ledger: ValueLedger,
    private readonly hub: PushHub,
    private readonly now: () => Date,
  ) {
    this.live.setMaxListeners(0);
  }

  private id(m: MerchantRow, commandId: string, step: string): string {
    return `cards:${m.id}:${commandId}:${step}`;
  }

  private changed(memberId: string): void {
    this.live.emit(memberId);
    this.live.emit(ANY_CARD, memberId); // the back office's live list
  }

  async open(m: MerchantRow, req: { commandId: string; memberId: string; productId: string; tender: CardTender }) {
    const now = this.now();
    const { result } = await this.ledger.command(this.id(m, req.commandId, 'open'), 'cards.open', req, async (tx) => {
      const { card, member, pricePaid } = await openCard(tx, { ...req, merchantId: m.id }, now);
      return { commandId: req.commandId, card: await cardView(tx.sql, card, now), member: cardMember(member), pricePaid };
    });
    this.changed(result.member.id);
    return result;
  }

  async recharge(m: MerchantRow, req: { commandId: string; cardId: string; amount: number; tender: CardTender }) {
    const now = this.now();
    const { result } = await this.ledger.command(this.id(m, req.commandId, 'recharge'), 'cards.recharge', req, async (tx) => {
      const c = await merchantCard(tx.sql, m.id, req.cardId);
      const r = await recharge(tx, c, req, now);
      const member = (await findMember(tx.sql, { id: c.member_id }))!;
      return { commandId: req.commandId, card: await cardView(tx.sql, c, now), member: cardMember(member), paid: r.paid, bonus: r.bonus, tender: req.tender, at: tx.now };
    });
    this.changed(result.member.id);
    return result;
  }

  async hold(m: MerchantRow, terminalId: string, req: { commandId: string; cardId: string; amount: number; memo: string }): Promise<CardPaymentView> {
    const now = this.now();
    const { result } = await this.ledger.command(this.id(m, req.commandId, 'hold'), 'cards.hold', req, async (tx) => {
      const p = await holdCard(tx, { ...req, merchantId: m.id, source: 'counter', terminalId }, now);
      return paymentView(tx.sql, p, Number(m.reversal_minutes), now);
    });
    this.changed(result.member.id);
    return result;
  }

  async capture(m: MerchantRow, commandId: string): Promise<CardPaymentView> {
    const now = this.now();
    const { result } = await this.ledger.command(this.id(m, commandId, 'capture'), 'cards.capture', { commandId }, async (tx) => paymentView(tx.sql, await captureCard(tx, m.id, commandId, now), Number(m.reversal_minutes), now));
    this.changed(result.member.id);
    return result;
  }

  async void(m: MerchantRow, commandId: string): Promise<CardPaymentView> {
    const now = this.now();
    const { result } = await this.ledger.command(this.id(m, commandId, 'void'), 'cards.void', { commandId }, async (tx) => paymentView(tx.sql, await voidCard(tx, m.id, commandId), Number(m.reversal_minutes), now));
    this.changed(result.member.id);
    return result;
  }

  async reverse(m: MerchantRow, paymentCommandId: string, req: { commandId: string; reason: string }): Promise<CardPaymentView> {
    const now = this.now();
    const { result } = await this.ledger.command(this.id(m, req.commandId, 'reverse'), 'cards.reverse', { paymentCommandId, ...req }, async (tx) =>
      paymentView(tx.sql, await reverseCard(tx, m.id, paymentCommandId, Number(m.reversal_minutes), req.commandId, req.reason, now), Number(m.reversal_minutes), now),
    );
    this.changed(result.member.id);
    return result;
  }

  /**
   * The member pays from their phone: hold and capture in one command (nobody waits between them),
   * then the merchant's terminals are told at once. The card must be the member's own.
   */
  async payFromPhone(m: MerchantRow, memberId: string, req: { commandId: string; cardId: string; amount: number }): Promise<CardPaymentView> {
    const now = this.now();
    const { result, replay } = await this.ledger.command(this.id(m, req.commandId, 'phone'), 'cards.phone-pay', { memberId, ...req }, async (tx) => {
      const c = await merchantCard(tx.sql, m.id, req.cardId);
      if (c.member_id !== memberId) throw cardError('CARD_NOT_FOUND', 'No such card.');
      await holdCard(tx, { merchantId: m.id, commandId: req.commandId, cardId: req.cardId, amount: req.amount, memo: '', source: 'phone', terminalId: null }, now);
      return paymentView(tx.sql, await captureCard(tx, m.id, req.commandId, now), Number(m.reversal_minutes), now);
    });
    if (!replay) {
      this.hub.toStore(m.store_id, pushOf(m, result));
      this.changed(memberId);
    }
    return result;
  }

  /** A read outside any command (views, lists). */
  reader(): ValueTx {
    return new ValueTx(this.db, '', this.now().toISOString());
  }
}

export function pushOf(m: MerchantRow, p: CardPaymentView): CardPaymentPush {
  return {
    type: 'card.payment',
    merchantId: m.id,
    cardId: p.cardId,
    productName: p.card.productName,
    memberName: p.member.name,
    memberId: p.member.id,
    unit: p.unit,
    amount: p.amount,
    paidPart: p.paidPart,
    bonusPart: p.bonusPart,
    paidAfter: p.card.paid,
    bonusAfter: p.card.bonus,
    usesAfter: p.card.usesLeft,
    paymentCommandId: p.commandId,
    at: p.at,
    reversibleUntil: p.reversibleUntil ?? p.at,
  };
}
