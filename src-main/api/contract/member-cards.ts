import * as z from 'zod';
import { cardMember, cardMovement, cardProductView, cardUid, memberCardView, merchantView, otpCode, otpResponse, tender } from '../../domain/member-cards/protocol';
import { memberNumber, memberPhone } from '../../domain/value/protocol';
import { method } from './define';
import { commandId, noInput, personName, pin, uuid } from './common';

/** An amount typed by the cashier: fen (or uses of a punch card), above zero, at most ¥1,000,000. */
const amount = z.number({ error: 'field.amount' }).int({ error: 'field.amount' }).min(1, { error: 'field.amount' }).max(100_000_000, { error: 'field.amount' });
const id = z.string().min(1).max(64);

export const cardMovementRow = z.object({
  commandId: z.string(),
  kind: z.enum(['open', 'recharge', 'redemption', 'payment']),
  source: z.enum(['counter', 'phone']),
  day: z.string(),
  createdAt: z.string(),
  staffName: z.string().nullable(),
  cardId: z.string(),
  productName: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  unit: z.enum(['CNY', 'USES']),
  amount: z.number(),
  paidPart: z.number(),
  bonusPart: z.number(),
  money: z.number(),
  tender: z.string().nullable(),
  paidAfter: z.number().nullable(),
  bonusAfter: z.number().nullable(),
  usesAfter: z.number().nullable(),
  captureState: z.enum(['none', 'pending', 'captured', 'failed']),
  captureProblem: z.string().nullable(),
  reversibleUntil: z.string().nullable(),
  state: z.enum(['made', 'reversed']),
});

const identified = z.object({ member: cardMember, cards: z.array(memberCardView), merchantId: z.string(), via: z.enum(['code', 'uid', 'phone', 'number']) });
const printed = z.object({ jobId: z.string(), state: z.string() }).nullable();
const voice = z.object({ enabled: z.boolean(), volume: z.number().int().min(0).max(100) }).strict();
const announcement = z.object({ text: z.string(), clips: z.array(z.string()), lang: z.enum(['zh-CN', 'en']) });

/** `members.*`: who is at the counter, for every workflow that needs a member (cards, coupons). */
export const membersContract = {
  'members.identify': method({
    summary: "Identify the member at the counter: a scanned dynamic member code (checked locally with the server's key, then online), a member card's UID, phone + one-time code, or member number. Answers the member and their cards at this store's merchant.",
    access: 'staff',
    input: z.discriminatedUnion('by', [
      z.object({ by: z.literal('code'), code: z.string().trim().min(1).max(1024) }).strict(),
      z.object({ by: z.literal('uid'), uid: cardUid }).strict(),
      z.object({ by: z.literal('phone'), phone: memberPhone, otp: otpCode }).strict(),
      z.object({ by: z.literal('number'), number: memberNumber }).strict(),
    ]),
    output: identified,
  }),
  'members.sendOtp': method({ summary: "Send a one-time code to the member's phone (through the server).", access: 'staff', input: z.object({ phone: memberPhone }).strict(), output: otpResponse }),
  'members.register': method({
    summary: 'Register a member at the counter by phone and name (one account across merchants); optionally link a tapped member card.',
    access: 'staff',
    input: z.object({ phone: memberPhone, name: personName, uid: cardUid.optional() }).strict(),
    output: identified,
  }),
};

/** `memberCards.*`: the member cards screen. */
export const memberCardsContract = {
  'memberCards.status': method({
    summary: "Whether member cards can be used here: the server connection, this store's merchant (with its QR code path), the phone page URL and the voice settings.",
    access: 'staff',
    input: noInput,
    output: z.object({ connected: z.boolean(), merchant: merchantView.nullable(), problem: z.unknown().nullable(), phonePageUrl: z.string().nullable(), voice }),
  }),
  'memberCards.products': method({ summary: "The merchant's card products on sale.", access: 'staff', input: noInput, output: z.array(cardProductView) }),
  'memberCards.cards': method({ summary: "A member's cards at this merchant with balances now (online).", access: 'staff', input: z.object({ memberId: id }).strict(), output: z.object({ member: cardMember, cards: z.array(memberCardView) }) }),
  'memberCards.history': method({ summary: "A card's movements on the server, newest first.", access: 'staff', input: z.object({ cardId: id }).strict(), output: z.object({ card: memberCardView, movements: z.array(cardMovement) }) }),
  'memberCards.open': method({
    summary: 'Open (sell) a card of a product to the member; its price, if any, paid by the tender. Idempotent by commandId.',
    access: 'staff',
    input: z.object({ commandId, memberId: id, productId: id, tender }).strict(),
    output: z.object({ movement: cardMovementRow, card: memberCardView.nullable(), receipt: printed }),
  }),
  'memberCards.recharge': method({
    summary: 'Recharge a stored-value card (the bonus per its tiers), paid by cash, bank card or mobile; receipt with balances. Idempotent by commandId.',
    access: 'staff',
    input: z.object({ commandId, cardId: id, amount, tender }).strict(),
    output: z.object({ movement: cardMovementRow, receipt: printed }),
  }),
  'memberCards.redeem': method({
    summary: 'Pay from a card: fen (stored value, voucher) or uses (punch card). Online hold → local command → capture; refused offline. Idempotent by commandId.',
    access: 'staff',
    input: z.object({ commandId, cardId: id, amount, memo: z.string().trim().max(200).optional() }).strict(),
    output: z.object({ movement: cardMovementRow, receipt: printed }),
  }),
  'memberCards.reverse': method({
    summary: "Reverse a member card payment within the merchant's window, approved by a manager's PIN (audited).",
    access: 'staff',
    input: z.object({ commandId, paymentCommandId: z.string().min(1).max(64), approval: z.object({ staffId: uuid, pin }).strict(), reason: z.string().trim().max(200).optional() }).strict(),
    output: z.object({ movement: cardMovementRow, receipt: printed }),
  }),
  'memberCards.today': method({ summary: "Today's member card movements at this terminal (counter and phone).", access: 'staff', input: noInput, output: z.array(cardMovementRow) }),
  'memberCards.setVoice': method({ summary: 'Voice announcements on/off and volume (persisted).', access: 'manager', input: voice, output: voice }),
};

/** Events of the member cards workflow. */
export const memberCardsEvents = {
  /** A card's balance changed (redemption, recharge, phone payment, reversal): screens showing it update. */
  'memberCards.changed': z.object({ cardId: z.string(), memberId: z.string(), paid: z.number(), bonus: z.number(), usesLeft: z.number(), at: z.string() }),
  /** Say it: a member paid or recharged (zh-CN clips and text, English text). */
  'memberCards.announce': z.object({
    kind: z.enum(['memberPayment', 'memberRecharge', 'memberRefund']),
    commandId: z.string(),
    source: z.enum(['counter', 'phone']),
    memberName: z.string(),
    productName: z.string(),
    amount: z.number(),
    balance: z.number().nullable(),
    at: z.string(),
    zh: announcement,
    en: announcement,
  }),
};
