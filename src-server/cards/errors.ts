import type * as z from 'zod';
import type { CardErrorBody, CardErrorCode } from '../../src-main/domain/member-cards/protocol';
import { SyncHttpError } from '../errors';
import { MemberError } from '../members/members';
import { ValueError } from '../value/value-ledger';

/**
 * A refusal of a member-cards step. Thrown inside a value-ledger command it is a ValueError (so the
 * ledger stores it and a retry of the same command id gets the same refusal): `cardError` builds
 * one with a card code; `cardRefusal` turns any error into the HTTP answer.
 */
export class CardHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: CardErrorBody,
  ) {
    super(body.message);
    this.name = 'CardHttpError';
  }
}

const STATUS: Record<CardErrorCode, number> = {
  UNAUTHENTICATED: 401,
  REVOKED: 401,
  INVALID_INPUT: 400,
  RATE_LIMITED: 429,
  MERCHANT_NOT_FOUND: 404,
  MERCHANT_NOT_APPROVED: 403,
  MERCHANT_SUSPENDED: 403,
  MEMBER_NOT_FOUND: 404,
  MEMBER_TAKEN: 409,
  PRODUCT_NOT_FOUND: 404,
  CARD_NOT_FOUND: 404,
  CARD_EXPIRED: 409,
  CARD_USED: 409,
  WRONG_CARD_KIND: 409,
  CODE_INVALID: 400,
  CODE_EXPIRED: 400,
  OTP_WRONG: 400,
  OTP_EXPIRED: 400,
  INSUFFICIENT_VALUE: 409,
  HOLD_NOT_FOUND: 404,
  HOLD_NOT_OPEN: 409,
  HOLD_EXPIRED: 409,
  REVERSAL_WINDOW_OVER: 409,
  NOT_REVERSIBLE: 409,
  COMMAND_REUSED: 409,
  BAD_AMOUNT: 400,
  INTERNAL: 500,
};

export function cardHttpError(code: CardErrorCode, message: string, extra: Partial<CardErrorBody> = {}): CardHttpError {
  return new CardHttpError(STATUS[code], { ...extra, code, message });
}

/**
 * A refusal inside a ledger command: the ledger's own error type carries the card code in its
 * details (the ledger remembers refusals by ValueError only), `cardRefusal` reads it back.
 */
export function cardError(code: CardErrorCode, message: string, details: Record<string, unknown> = {}): ValueError {
  return new ValueError('BAD_AMOUNT', message, { ...details, cardCode: code });
}

export function parseCard<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw cardHttpError('INVALID_INPUT', r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}

/** Any error as the cards routes answer it, or null for a server fault (500). */
export function cardRefusal(e: unknown): CardHttpError | null {
  if (e instanceof CardHttpError) return e;
  if (e instanceof MemberError) return cardHttpError(e.code, e.message);
  if (e instanceof ValueError) {
    const d = e.details as { cardCode?: CardErrorCode; available?: number; requested?: number; state?: string | null };
    const code: CardErrorCode = d.cardCode ?? (e.code === 'ACCOUNT_UNKNOWN' || e.code === 'UNIT_MISMATCH' ? 'INVALID_INPUT' : e.code === 'NOT_REFUNDABLE' ? 'NOT_REVERSIBLE' : e.code);
    return cardHttpError(code, e.message, {
      ...(typeof d.available === 'number' ? { available: d.available } : {}),
      ...(typeof d.requested === 'number' ? { requested: d.requested } : {}),
      ...(typeof d.state === 'string' ? { state: d.state } : {}),
    });
  }
  if (e instanceof SyncHttpError) {
    const c = e.body.code;
    if (c === 'UNAUTHENTICATED' || c === 'REVOKED' || c === 'INVALID_INPUT' || c === 'RATE_LIMITED') return cardHttpError(c, e.message);
  }
  const status = (e as { statusCode?: number }).statusCode;
  if (status && status >= 400 && status < 500) return cardHttpError('INVALID_INPUT', (e as Error).message);
  return null;
}
