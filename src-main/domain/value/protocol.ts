import * as z from 'zod';

/**
 * The online customer-value protocol between a terminal and the central server (`/api/v1/value`):
 * members, their balances per unit (miles, stored value, uses), and two-phase holds a counter makes
 * for a redemption (hold → capture or void; a captured hold may be refunded). One module both sides
 * import, so a field renamed on one side is a type error on the other. Pure: schemas only.
 *
 * Idempotency: a hold is named by the terminal's command id (the redemption's id); capture, void and
 * refund name the hold by that id, so a terminal that crashed between steps can finish or undo any of
 * them knowing only its own command id. Each is idempotent: repeating it gives the first answer.
 */

const id = z.string().min(1).max(64);
/** Client-made command ids: UUIDs (v7 at the counter). */
export const valueCommandId = z.uuid();
/** Units the value ledger keeps: MILES for a points programme, CNY (fen) for stored value, USES for punch cards. */
export const valueUnit = z.enum(['MILES', 'CNY', 'USES']);
export type ValueUnit = z.infer<typeof valueUnit>;
const amount = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const memberNumber = z.string().trim().regex(/^[A-Za-z0-9]{4,20}$/, '4–20 letters or digits');
export const memberPhone = z.string().trim().regex(/^\+?\d{5,15}$/, '5–15 digits');

export const valueBalance = z.object({ unit: valueUnit, balance: z.number().int(), held: z.number().int(), available: z.number().int() }).strict();
export type ValueBalance = z.infer<typeof valueBalance>;

/** A member as a counter sees it: the phone only by its last four digits. */
export const valueMember = z
  .object({
    id,
    number: z.string(),
    name: z.string(),
    phoneTail: z.string().nullable(),
    balances: z.array(valueBalance),
  })
  .strict();
export type ValueMember = z.infer<typeof valueMember>;

export const memberLookupQuery = z.union([z.object({ number: memberNumber }).strict(), z.object({ phone: memberPhone }).strict()]);
export type MemberLookupQuery = z.infer<typeof memberLookupQuery>;

export const memberLookupResponse = z.object({ member: valueMember }).strict();

export const valueMovement = z
  .object({
    at: z.string(),
    /** Positive: into the member's account; negative: out of it. */
    amount: z.number().int(),
    kind: z.enum(['credit', 'redemption', 'refund', 'other']),
    memo: z.string(),
  })
  .strict();
export type ValueMovement = z.infer<typeof valueMovement>;

export const historyResponse = z.object({ member: valueMember, unit: valueUnit, movements: z.array(valueMovement) }).strict();
export type HistoryResponse = z.infer<typeof historyResponse>;

export const holdRequest = z
  .object({
    commandId: valueCommandId,
    memberId: id,
    unit: valueUnit,
    amount,
    /** What is being bought, for the member's history ("extra baggage CA1501 PEK-SHA"). */
    memo: z.string().max(200).default(''),
  })
  .strict();
export type HoldRequest = z.input<typeof holdRequest>;

export const holdState = z.enum(['held', 'captured', 'voided', 'expired', 'refunded']);
export type HoldState = z.infer<typeof holdState>;

/** A hold as the server keeps it, with the member's balance right after the step that answered. */
export const holdResponse = z
  .object({
    commandId: z.string(),
    holdId: z.string(),
    memberId: z.string(),
    unit: valueUnit,
    amount: z.number().int(),
    state: holdState,
    expiresAt: z.string(),
    balance: valueBalance,
  })
  .strict();
export type HoldResponse = z.infer<typeof holdResponse>;

export const refundRequest = z.object({ commandId: valueCommandId }).strict();

export const openHoldsResponse = z.object({ holds: z.array(holdResponse.omit({ balance: true })) }).strict();
export type OpenHold = z.infer<typeof openHoldsResponse>['holds'][number];

/** Refusals of the value routes (the HTTP status says whether a retry can help: 4xx no, 5xx yes). */
export const VALUE_ERROR_CODES = [
  'UNAUTHENTICATED',
  'REVOKED',
  'INVALID_INPUT',
  'MEMBER_NOT_FOUND',
  'HOLD_NOT_FOUND',
  'INSUFFICIENT_VALUE',
  'HOLD_NOT_OPEN',
  'HOLD_EXPIRED',
  'NOT_REFUNDABLE',
  'COMMAND_REUSED',
  'BAD_AMOUNT',
  'INTERNAL',
] as const;
export type ValueErrorCode = (typeof VALUE_ERROR_CODES)[number];

export const valueErrorResponse = z.object({
  error: z.object({
    code: z.enum(VALUE_ERROR_CODES),
    message: z.string(),
    /** INSUFFICIENT_VALUE: what the account has free and what was asked. HOLD_NOT_OPEN: the hold's state. */
    available: z.number().int().optional(),
    requested: z.number().int().optional(),
    state: z.string().optional(),
  }),
});
export type ValueErrorBody = z.infer<typeof valueErrorResponse>['error'];
