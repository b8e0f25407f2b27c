import type * as z from 'zod';
import type { CouponErrorBody, CouponErrorCode } from '../../src-main/domain/coupons/protocol';

/** HTTP status per refusal: 4xx when retrying the same request cannot help, 5xx when it can. */
export const COUPON_STATUS: Record<CouponErrorCode, number> = {
  UNAUTHENTICATED: 401,
  REVOKED: 401,
  INVALID_INPUT: 400,
  RATE_LIMITED: 429,
  COUPON_NOT_FOUND: 404,
  COUPON_WITHDRAWN: 409,
  COUPON_NOT_STARTED: 409,
  COUPON_EXPIRED: 409,
  CLAIM_LIMIT_REACHED: 409,
  COUPON_SOLD_OUT: 409,
  CLAIM_NOT_FOUND: 404,
  ALREADY_REDEEMED: 409,
  NOT_RESERVED: 409,
  MEMBER_NOT_FOUND: 404,
  COMMAND_REUSED: 409,
  INTERNAL: 500,
};

/** A refusal of a coupon route: a stable code from the coupons protocol. Thrown inside a transaction, it rolls it back. */
export class CouponError extends Error {
  readonly status: number;
  constructor(readonly body: CouponErrorBody) {
    super(body.message);
    this.name = 'CouponError';
    this.status = COUPON_STATUS[body.code];
  }
}

export const refuse = (code: CouponErrorCode, message: string, extra: Omit<CouponErrorBody, 'code' | 'message'> = {}) => new CouponError({ code, message, ...extra });

export function parseCoupon<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw refuse('INVALID_INPUT', r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}

/** A UNIQUE key refused a row: another transaction committed the same thing first (PostgreSQL 23505, SQLite constraint). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string }; message?: string };
  const code = err.driverError?.code ?? err.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint failed|duplicate key/.test(err.message ?? '');
}
