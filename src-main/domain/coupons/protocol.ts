import * as z from 'zod';
import { hasControlCharacters } from '../receipt/text';
import type { Coupon, CouponOffer, CouponScope } from './offers';

/**
 * The coupons protocol between a terminal and the central server. One module both sides import, so
 * a field renamed on one side is a type error on the other. Pure: schemas and types only.
 *
 * Reference data (pulled like every stream, `GET /api/v1/reference/<stream>?after=<cursor>`, the push
 * channel says when it changed):
 * - `coupons.rules`: one record per coupon (record id = coupon id, body = `couponRuleRecord`); a
 *   withdrawn coupon is a deleted record (the counter stops offering it; the server refuses to claim
 *   or redeem it: COUPON_WITHDRAWN).
 * - `coupons.displays`: preset product promotions for the customer-facing display (record id =
 *   display id, body = `couponDisplayRecord`), shown in `sort` order.
 *
 * Terminal routes (credential as for sync; the store is the credential's store):
 * - `POST /api/v1/coupons/claims` body `claimRequest` → `claimResponse` (201 first time, 200 replay).
 *   The coupon is claimed to the member: per-member limit and total issue limit enforced on the
 *   server, idempotent by `commandId` (a replay returns the first claim; same id, other body:
 *   COMMAND_REUSED).
 * - `GET /api/v1/coupons/members/<memberId>/claims` → `memberClaimsResponse` (claims not yet
 *   redeemed first, each with its coupon's definition; `?all=1` also the redeemed ones).
 * - Redemption, two-phase like value holds, named by the SALE's command id:
 *   `POST /api/v1/coupons/claims/<claimId>/reserve`  body `redemptionRequest` → `redemptionResponse`
 *   (before the sale commits; exactly one sale wins a claim, the others get ALREADY_REDEEMED),
 *   `POST /api/v1/coupons/claims/<claimId>/confirm`  body `redemptionRequest` → `redemptionResponse`
 *   (after the local sale committed), or
 *   `POST /api/v1/coupons/claims/<claimId>/release`  body `redemptionRequest` → `redemptionResponse`
 *   (the sale failed or was abandoned: the claim is the member's again).
 *   Each step is idempotent: repeating it gives the first answer. A reservation not confirmed within
 *   `RESERVATION_MINUTES` goes back to the member (the server sweeps every minute, or another sale
 *   takes it over): the late confirm then hears NOT_RESERVED, and the terminal reports that sale with
 *   `/offline` (accepted if nobody used the claim meanwhile, else an exception).
 * - `POST /api/v1/coupons/claims/<claimId>/offline` body `offlineRedemptionRequest` →
 *   `offlineRedemptionResponse`: a sale made offline used this claim. Accepted once; if the claim was
 *   already used by another sale the server records an exception and answers `outcome: 'exception'`
 *   (the terminal lists it on its exceptions report). Idempotent by `saleCommandId`.
 * - `GET /api/v1/coupons/exceptions` → `couponExceptionsResponse`: the store's double uses.
 *
 * Errors: `{ error: { code: CouponErrorCode, message, ... } }` (`couponErrorResponse`); the HTTP status
 * says whether a retry can help (4xx no, 5xx yes).
 */

// --- Coupon definitions (the coupons.rules stream) ----------------------------------------------

export const COUPON_RULES_STREAM = 'coupons.rules';
export const COUPON_DISPLAYS_STREAM = 'coupons.displays';

const fen = z.number().int().min(0).max(100_000_000);
const title = (max: number) =>
  z
    .string()
    .max(max)
    // Titles are printed on receipts: the printer would take control characters as commands.
    .refine((s) => !hasControlCharacters(s), 'control characters are not allowed');
const iso = z.iso.datetime({ offset: true });
/** Coupon ids and display ids are reference record ids. */
export const couponId = z.string().min(1).max(80).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : -');
const itemId = z.string().min(1).max(80);

/** The offers of `offers.ts` as they travel (money in fen). */
export const couponOffer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('amountOff'), threshold: fen, off: fen.min(1) }).strict(),
  z.object({ kind: z.literal('percentOff'), percent: z.number().int().min(1).max(99), cap: fen.min(1).nullable(), threshold: fen }).strict(),
  z.object({ kind: z.literal('fixedPrice'), price: fen }).strict(),
  z.object({ kind: z.literal('buyNGetOne'), buy: z.number().int().min(1).max(99) }).strict(),
]) satisfies z.ZodType<CouponOffer>;

export const couponScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('items'), itemIds: z.array(itemId).min(1).max(500) }).strict(),
  z.object({ kind: z.literal('categories'), categories: z.array(z.string().min(1).max(40)).min(1).max(100) }).strict(),
  z.object({ kind: z.literal('store'), storeId: z.string().min(1).max(64) }).strict(),
  z.object({ kind: z.literal('merchant'), merchantId: z.string().min(1).max(64) }).strict(),
  z.object({ kind: z.literal('all') }).strict(),
]) satisfies z.ZodType<CouponScope>;

/**
 * A coupon as published. The validity window is two instants (from inclusive, to exclusive; null =
 * open): the back office turns the dates a manager enters in the store's time zone into instants, so
 * every terminal agrees on the second a coupon starts and ends whatever its clock's zone.
 */
export const couponRuleRecord = z
  .object({
    titleZh: title(60).min(1),
    titleEn: title(60),
    offer: couponOffer,
    scope: couponScope,
    validFrom: iso.nullable(),
    validTo: iso.nullable(),
    /** How many times one member may claim it (each claim is one use). */
    perMemberLimit: z.number().int().min(1).max(1000),
    /** How many claims the server issues in all; null = no limit. */
    totalLimit: z.number().int().min(1).max(100_000_000).nullable(),
    /** Combines with other stacking coupons; false = used alone (one coupon per order). */
    stacks: z.boolean(),
  })
  .strict()
  .refine((r) => r.validFrom === null || r.validTo === null || Date.parse(r.validTo) > Date.parse(r.validFrom), { message: 'validTo must be after validFrom', path: ['validTo'] });
export type CouponRuleRecord = z.infer<typeof couponRuleRecord>;

/** A coupon as the rules code sees it (epoch ms window), from its record. */
export function toDomainCoupon(id: string, r: CouponRuleRecord): Coupon {
  return { id, offer: r.offer, scope: r.scope, validFrom: r.validFrom === null ? null : Date.parse(r.validFrom), validTo: r.validTo === null ? null : Date.parse(r.validTo), stacks: r.stacks };
}

/** A coupon definition with its id, as claims lists carry it. */
export const couponDefinition = z.object({ id: couponId, rule: couponRuleRecord }).strict();
export type CouponDefinition = z.infer<typeof couponDefinition>;

// --- Product displays (the coupons.displays stream) ---------------------------------------------

/** A preset product promotion the terminal shows on the customer-facing display beside its coupon list. */
export const couponDisplayRecord = z
  .object({
    titleZh: title(60).min(1),
    titleEn: title(60),
    itemIds: z.array(itemId).min(1).max(20),
    textZh: title(200),
    textEn: title(200),
    /** An image the display shows (https URL or a data: URL); null: text only. */
    imageUrl: z
      .string()
      .max(200_000)
      .regex(/^(https:\/\/|data:image\/(png|jpeg|webp);base64,)/, 'an https: or data:image URL')
      .nullable(),
    /** Display order, smallest first. */
    sort: z.number().int().min(0).max(9999),
  })
  .strict();
export type CouponDisplayRecord = z.infer<typeof couponDisplayRecord>;

// --- Claims -------------------------------------------------------------------------------------

/** Client-made command ids: UUIDs (v7 at the counter). */
export const couponCommandId = z.uuid();
const memberId = z.string().min(1).max(64);

export const claimRequest = z.object({ commandId: couponCommandId, memberId, couponId }).strict();
export type ClaimRequest = z.infer<typeof claimRequest>;

/** claimed: the member's to use; reserved: held by a sale in progress; redeemed: used by a sale. */
export const claimState = z.enum(['claimed', 'reserved', 'redeemed']);
export type ClaimState = z.infer<typeof claimState>;

export const couponClaim = z
  .object({
    claimId: z.string(),
    couponId,
    memberId: z.string(),
    state: claimState,
    claimedAt: z.string(),
    /** The terminal and store that made the claim. */
    terminalId: z.string(),
    storeId: z.string(),
    /** The sale holding (reserved) or having used (redeemed) the claim; null when claimed. */
    saleCommandId: z.string().nullable(),
    redeemedAt: z.string().nullable(),
  })
  .strict();
export type CouponClaim = z.infer<typeof couponClaim>;

export const claimResponse = z.object({ claim: couponClaim, coupon: couponDefinition }).strict();
export type ClaimResponse = z.infer<typeof claimResponse>;

export const memberClaimsResponse = z.object({ memberId: z.string(), claims: z.array(claimResponse) }).strict();
export type MemberClaimsResponse = z.infer<typeof memberClaimsResponse>;

// --- Redemption ---------------------------------------------------------------------------------

/** A reservation not confirmed within this time goes back to the member (see the header). */
export const RESERVATION_MINUTES = 15;

export const redemptionRequest = z.object({ saleCommandId: couponCommandId }).strict();
export type RedemptionRequest = z.infer<typeof redemptionRequest>;

/** What became of one sale's use of a claim: reserved → redeemed, or reserved → released. */
export const redemptionState = z.enum(['reserved', 'redeemed', 'released']);
export type RedemptionState = z.infer<typeof redemptionState>;

export const redemptionResponse = z
  .object({
    saleCommandId: z.string(),
    state: redemptionState,
    /** Until when the reservation holds the claim (reserved only). */
    reservedUntil: z.string().nullable(),
    claim: couponClaim,
  })
  .strict();
export type RedemptionResponse = z.infer<typeof redemptionResponse>;

export const offlineRedemptionRequest = z
  .object({
    saleCommandId: couponCommandId,
    /** When the counter made the sale (its clock), ISO instant. */
    redeemedAt: iso,
  })
  .strict();
export type OfflineRedemptionRequest = z.infer<typeof offlineRedemptionRequest>;

/** A claim used by more than one sale: the second (and later) uses, for the exceptions report. */
export const couponException = z
  .object({
    claimId: z.string(),
    couponId: z.string(),
    memberId: z.string(),
    saleCommandId: z.string(),
    terminalId: z.string(),
    redeemedAt: z.string(),
    /** The sale the server counts as the claim's one use. */
    firstSaleCommandId: z.string(),
    firstTerminalId: z.string(),
    recordedAt: z.string(),
  })
  .strict();
export type CouponException = z.infer<typeof couponException>;

export const offlineRedemptionResponse = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('accepted'), claim: couponClaim }).strict(),
  z.object({ outcome: z.literal('exception'), claim: couponClaim, exception: couponException }).strict(),
]);
export type OfflineRedemptionResponse = z.infer<typeof offlineRedemptionResponse>;

export const couponExceptionsResponse = z.object({ exceptions: z.array(couponException) }).strict();

// --- Errors -------------------------------------------------------------------------------------

export const COUPON_ERROR_CODES = [
  'UNAUTHENTICATED',
  'REVOKED',
  'INVALID_INPUT',
  'RATE_LIMITED',
  'COUPON_NOT_FOUND',
  'COUPON_WITHDRAWN',
  'COUPON_NOT_STARTED',
  'COUPON_EXPIRED',
  'CLAIM_LIMIT_REACHED',
  'COUPON_SOLD_OUT',
  'CLAIM_NOT_FOUND',
  /** The claim is held or used by another sale. */
  'ALREADY_REDEEMED',
  /** confirm/release for a sale that holds no reservation of this claim (never reserved, or taken over). */
  'NOT_RESERVED',
  'MEMBER_NOT_FOUND',
  'COMMAND_REUSED',
  'INTERNAL',
] as const;
export type CouponErrorCode = (typeof COUPON_ERROR_CODES)[number];

export const couponErrorResponse = z.object({
  error: z.object({
    code: z.enum(COUPON_ERROR_CODES),
    message: z.string(),
    /** ALREADY_REDEEMED: the claim's state. */
    state: z.string().optional(),
    /** CLAIM_LIMIT_REACHED: the limit. */
    limit: z.number().int().optional(),
  }),
});
export type CouponErrorBody = z.infer<typeof couponErrorResponse>['error'];
