import * as z from 'zod';
import { memberPhone } from '../value/protocol';

/**
 * The member-cards protocol between a terminal and the central server (`/api/v1/cards/...`), and
 * the push message a merchant's terminals receive when a member pays from their own phone. One
 * module both sides import (server: src-server/cards, counter: its cards service), so a field
 * renamed on one side is a type error on the other. Pure: schemas and types only.
 *
 * Every terminal request is authenticated by the terminal's credential (`Authorization: Bearer`);
 * the terminal's STORE comes from that credential, and a terminal acts for the approved merchants
 * of its store only (a merchant of another store is MERCHANT_NOT_FOUND, whatever id is sent).
 *
 * Money is integer fen (CNY minor units), uses are whole numbers; never floats on the wire.
 *
 * Idempotency: every value-changing request carries a client-made command id (UUIDv7 at the
 * counter). Repeating it gives the first answer (a refusal too); the same id with another body is
 * COMMAND_REUSED. Hold, capture and void name the redemption by the hold's command id, so a
 * terminal that crashed between steps finishes or undoes it knowing only its own id.
 *
 * Redemption order (stated, the domain's rule in stored-value.ts `splitRedemption`): a payment
 * from a stored-value card takes paid and bonus value IN PROPORTION to the card's available paid
 * and bonus parts, the paid share rounded down to the fen. Each part is its own ledger movement,
 * so a reversal gives back exactly the paid and bonus fen it took, and a card refunded on close
 * pays back only paid value.
 */

const id = z.string().min(1).max(64);
/** Client-made command ids: UUIDs (v7 at the counter, random on the phone page). */
export const cardCommandId = z.uuid();
const fen = z.number().int().min(1).max(100_000_000_00);
const iso = z.string();
const name = z.string().trim().min(1).max(80);

// --- Merchants --------------------------------------------------------------------------------

export const merchantState = z.enum(['applied', 'approved', 'rejected', 'suspended']);
export type MerchantState = z.infer<typeof merchantState>;

/** A merchant as a terminal sees it. `qrToken`/`qrUrl` only once approved (stable from then on). */
export const merchantView = z
  .object({
    id,
    storeId: id,
    name: z.string(),
    state: merchantState,
    /** Unguessable (≥128 random bits, base64url), never changes once given. */
    qrToken: z.string().nullable(),
    /** `/m/<token>` on the central server: what the counter shows as the merchant's QR code. */
    qrPath: z.string().nullable(),
    /** How long after a payment the counter may reverse it (a manager PIN at the counter), minutes. */
    reversalMinutes: z.number().int(),
  })
  .strict();
export type MerchantView = z.infer<typeof merchantView>;

/** GET /api/v1/cards/merchants → this store's merchants (all states, so the counter can say why it cannot sell). */
export const merchantsResponse = z.object({ merchants: z.array(merchantView) }).strict();

// --- Card products -----------------------------------------------------------------------------

export const rechargeTierSchema = z.object({ pay: fen, bonus: z.number().int().min(0).max(100_000_000_00) }).strict();

/** What a merchant sells; `terms` is copied onto every card sold (a later edit never alters it). */
export const cardTerms = z.discriminatedUnion('kind', [
  /** Stored value: recharged by the member, bonus per the highest tier reached (stored-value.ts). */
  z.object({ kind: z.literal('stored'), tiers: z.array(rechargeTierSchema).max(20) }).strict(),
  /** Punch card: `uses` uses of a service for `price` fen, valid `validDays` days after opening (null: no expiry). */
  z.object({ kind: z.literal('punch'), uses: z.number().int().min(1).max(1000), price: z.number().int().min(0).max(100_000_000_00), validDays: z.number().int().min(1).max(3660).nullable() }).strict(),
  /** Voucher: worth `value` fen once; what it does not cover is paid otherwise, no change given. */
  z.object({ kind: z.literal('voucher'), value: fen, price: z.number().int().min(0).max(100_000_000_00), validDays: z.number().int().min(1).max(3660).nullable() }).strict(),
]);
export type CardTerms = z.infer<typeof cardTerms>;
export type CardKind = CardTerms['kind'];

export const cardProductView = z.object({ id, merchantId: id, name: z.string(), active: z.boolean(), terms: cardTerms }).strict();
export type CardProductView = z.infer<typeof cardProductView>;

/** GET /api/v1/cards/merchants/:merchantId/products → the merchant's products on sale. */
export const productsResponse = z.object({ products: z.array(cardProductView) }).strict();

// --- Members and their cards -------------------------------------------------------------------

/** A member as a counter sees it: the phone only by its last four digits. */
export const cardMember = z.object({ id, number: z.string(), name: z.string(), phoneTail: z.string().nullable() }).strict();
export type CardMember = z.infer<typeof cardMember>;

export const cardState = z.enum(['active', 'used', 'expired']);

/** A member's card at one merchant, balances as the server holds them now. */
export const memberCardView = z
  .object({
    id,
    merchantId: id,
    memberId: id,
    productId: id,
    /** The product's name and terms when the card was sold. */
    productName: z.string(),
    terms: cardTerms,
    state: cardState,
    /** Stored value and vouchers: fen available (held value not included). Punch cards: 0. */
    paid: z.number().int(),
    bonus: z.number().int(),
    /** Punch cards: uses left; others: 0. */
    usesLeft: z.number().int(),
    /** Null: never expires. */
    expiresAt: iso.nullable(),
    openedAt: iso,
  })
  .strict();
export type MemberCardView = z.infer<typeof memberCardView>;

/** GET /api/v1/cards/merchants/:merchantId/members/:memberId/cards, and the answer of identify / register. */
export const memberCardsResponse = z.object({ member: cardMember, cards: z.array(memberCardView) }).strict();
export type MemberCardsResponse = z.infer<typeof memberCardsResponse>;

/** POST /api/v1/cards/members — the cashier registers a member (one account across merchants). */
export const registerMemberRequest = z.object({ merchantId: id, phone: memberPhone, name }).strict();
export type RegisterMemberRequest = z.infer<typeof registerMemberRequest>;

/** POST /api/v1/cards/otp — sends a one-time code to the phone (6 digits, 5 min). → otpResponse */
export const otpRequest = z.object({ phone: memberPhone }).strict();
export const otpResponse = z.object({ phoneTail: z.string(), expiresAt: iso }).strict();

/** A dynamic member code, scanned from the member's phone (member-code.ts, `CPM1.` …). */
export const memberCodeText = z.string().trim().min(5).max(1024);
/** An RFID member card's UID as the reader gives it (hex). */
export const cardUid = z
  .string()
  .trim()
  .regex(/^[0-9A-Fa-f]{4,32}$/, '4–32 hex digits')
  .transform((s) => s.toUpperCase());
export const otpCode = z.string().trim().regex(/^\d{6}$/, '6 digits');

/** POST /api/v1/cards/identify → memberCardsResponse (the member and their cards at this merchant). */
export const identifyRequest = z.discriminatedUnion('by', [
  z.object({ by: z.literal('code'), merchantId: id, code: memberCodeText }).strict(),
  z.object({ by: z.literal('uid'), merchantId: id, uid: cardUid }).strict(),
  z.object({ by: z.literal('phone'), merchantId: id, phone: memberPhone, otp: otpCode }).strict(),
]);
export type IdentifyRequest = z.input<typeof identifyRequest>;

/** POST /api/v1/cards/members/:memberId/uid — links an RFID card UID to the member (re-linking moves it). */
export const linkUidRequest = z.object({ uid: cardUid }).strict();

/** POST /api/v1/cards/cards — opens (sells) a card of a product to a member. → openCardResponse */
export const tender = z.enum(['cash', 'bankCard', 'mobile']);
export type CardTender = z.infer<typeof tender>;
export const openCardRequest = z.object({ commandId: cardCommandId, merchantId: id, memberId: id, productId: id, tender: tender.default('cash') }).strict();
export type OpenCardRequest = z.input<typeof openCardRequest>;
export const openCardResponse = z.object({ commandId: z.string(), card: memberCardView, member: cardMember, pricePaid: z.number().int() }).strict();

/** POST /api/v1/cards/recharges — pays into a stored-value card; the bonus follows the card's own tiers. */
export const rechargeRequest = z.object({ commandId: cardCommandId, cardId: id, amount: fen, tender }).strict();
export type RechargeRequest = z.input<typeof rechargeRequest>;
export const rechargeResponse = z.object({ commandId: z.string(), card: memberCardView, member: cardMember, paid: z.number().int(), bonus: z.number().int(), tender, at: iso }).strict();
export type RechargeResponse = z.infer<typeof rechargeResponse>;

// --- Redemptions and payments ------------------------------------------------------------------

/**
 * POST /api/v1/cards/holds — reserves value on a card for a sale. `amount` is fen for stored value
 * and vouchers (a voucher is taken whole: `covers` ≤ its value), uses for punch cards.
 * Then POST /api/v1/cards/holds/:commandId/capture or /void (no body).
 */
export const cardHoldRequest = z.object({ commandId: cardCommandId, cardId: id, amount: fen, memo: z.string().max(200).default('') }).strict();
export type CardHoldRequest = z.input<typeof cardHoldRequest>;

export const paymentState = z.enum(['held', 'captured', 'voided', 'expired', 'reversed']);
export type PaymentState = z.infer<typeof paymentState>;

/** A redemption / payment as the server keeps it, with the card right after the step that answered. */
export const cardPaymentView = z
  .object({
    commandId: z.string(),
    merchantId: id,
    cardId: id,
    source: z.enum(['counter', 'phone']),
    unit: z.enum(['CNY', 'USES']),
    /** Fen or uses taken from the card (a voucher: its whole value). */
    amount: z.number().int(),
    /** Of which paid and bonus fen (stored value); what the voucher covers of the sale. */
    paidPart: z.number().int(),
    bonusPart: z.number().int(),
    covers: z.number().int(),
    state: paymentState,
    at: iso,
    /** Until when the counter may reverse it (captured payments). */
    reversibleUntil: iso.nullable(),
    card: memberCardView,
    member: cardMember,
  })
  .strict();
export type CardPaymentView = z.infer<typeof cardPaymentView>;

/** POST /api/v1/cards/payments/:commandId/reverse — gives a captured payment back (the counter checked the manager PIN). */
export const reverseRequest = z.object({ commandId: cardCommandId, reason: z.string().trim().max(200).default('') }).strict();

/** GET /api/v1/cards/cards/:cardId/history → the card's movements, newest first. */
export const cardMovement = z
  .object({
    at: iso,
    kind: z.enum(['open', 'recharge', 'redemption', 'payment', 'reversal']),
    commandId: z.string(),
    unit: z.enum(['CNY', 'USES']),
    /** Positive: into the card; negative: out of it (paid + bonus, or uses). */
    amount: z.number().int(),
    paid: z.number().int(),
    bonus: z.number().int(),
    tender: tender.nullable(),
    memo: z.string(),
  })
  .strict();
export type CardMovement = z.infer<typeof cardMovement>;
export const historyResponse = z.object({ card: memberCardView, movements: z.array(cardMovement) }).strict();

/** The member's phone page: POST /m/<token>/api/pay (session cookie). */
export const phonePayRequest = z.object({ commandId: cardCommandId, cardId: id, amount: fen }).strict();

// --- Push ---------------------------------------------------------------------------------------

/**
 * Sent on the push channel (`/api/v1/events`) to the connected terminals of the merchant's store
 * when a member pays from their phone: the counter shows it and announces it by voice. The
 * terminal mirrors it in its journal under `paymentCommandId`.
 */
export const cardPaymentPush = z
  .object({
    type: z.literal('card.payment'),
    merchantId: id,
    cardId: id,
    productName: z.string(),
    memberName: z.string(),
    memberId: id,
    unit: z.enum(['CNY', 'USES']),
    amount: z.number().int(),
    paidPart: z.number().int(),
    bonusPart: z.number().int(),
    /** The card right after the payment. */
    paidAfter: z.number().int(),
    bonusAfter: z.number().int(),
    usesAfter: z.number().int(),
    paymentCommandId: z.string(),
    at: iso,
    reversibleUntil: iso,
  })
  .strict();
export type CardPaymentPush = z.infer<typeof cardPaymentPush>;

// --- Errors -------------------------------------------------------------------------------------

/** Refusals of the cards routes (the HTTP status says whether a retry can help: 4xx no, 5xx yes). */
export const CARD_ERROR_CODES = [
  'UNAUTHENTICATED',
  'REVOKED',
  'INVALID_INPUT',
  'RATE_LIMITED',
  'MERCHANT_NOT_FOUND',
  'MERCHANT_NOT_APPROVED',
  'MERCHANT_SUSPENDED',
  'MEMBER_NOT_FOUND',
  'MEMBER_TAKEN',
  'PRODUCT_NOT_FOUND',
  'CARD_NOT_FOUND',
  'CARD_EXPIRED',
  'CARD_USED',
  'WRONG_CARD_KIND',
  'CODE_INVALID',
  'CODE_EXPIRED',
  'OTP_WRONG',
  'OTP_EXPIRED',
  'INSUFFICIENT_VALUE',
  'HOLD_NOT_FOUND',
  'HOLD_NOT_OPEN',
  'HOLD_EXPIRED',
  'REVERSAL_WINDOW_OVER',
  'NOT_REVERSIBLE',
  'COMMAND_REUSED',
  'BAD_AMOUNT',
  'INTERNAL',
] as const;
export type CardErrorCode = (typeof CARD_ERROR_CODES)[number];

export const cardErrorResponse = z.object({
  error: z.object({
    code: z.enum(CARD_ERROR_CODES),
    message: z.string(),
    /** INSUFFICIENT_VALUE: what the card has free and what was asked. */
    available: z.number().int().optional(),
    requested: z.number().int().optional(),
    state: z.string().optional(),
  }),
});
export type CardErrorBody = z.infer<typeof cardErrorResponse>['error'];
