import type { Database as Sqlite } from 'better-sqlite3';
import type * as z from 'zod';
import { PosError } from '../../domain/errors';
import {
  claimResponse,
  couponErrorResponse,
  memberClaimsResponse,
  offlineRedemptionResponse,
  redemptionResponse,
  type ClaimRequest,
  type ClaimResponse,
  type CouponErrorBody,
  type MemberClaimsResponse,
  type OfflineRedemptionResponse,
  type RedemptionResponse,
} from '../../domain/coupons/protocol';
import { readSyncState } from '../sync/state';

/** The server answered no (limit reached, already redeemed …): nothing changed there; retrying will not help. */
export class CouponRefusal extends Error {
  constructor(
    readonly status: number,
    readonly body: CouponErrorBody,
  ) {
    super(`${body.code}: ${body.message}`);
    this.name = 'CouponRefusal';
  }
}

/**
 * The terminal's client for coupon claims and their two-phase redemption on the central server
 * (routes in domain/coupons/protocol.ts), over the sync service's server and credential, read
 * from `sync_state` on every call. Failures come in the same three kinds as the value client's:
 * `COUPON_NOT_CONNECTED` (nothing sent), `COUPON_OFFLINE` (no answer: the step MAY have happened;
 * repeat or undo it by the same id) and `CouponRefusal` (the server said no).
 */
export class CouponsClient {
  private readonly timeoutMs: number;

  constructor(private readonly o: { sqlite: Sqlite; terminalId: string; timeoutMs?: number }) {
    this.timeoutMs = o.timeoutMs ?? 8000;
  }

  connected(): boolean {
    return readSyncState(this.o.sqlite, this.o.terminalId) !== null;
  }

  /** The server's id of this store (what store-scoped coupons name), null before enrolment. */
  serverStoreId(): string | null {
    return readSyncState(this.o.sqlite, this.o.terminalId)?.serverStoreId ?? null;
  }

  claim(req: ClaimRequest): Promise<ClaimResponse> {
    return this.call('POST', '/api/v1/coupons/claims', req, claimResponse);
  }

  /** The member's claims not yet redeemed; with `all`, the redeemed ones too. */
  memberClaims(memberId: string, all = false): Promise<MemberClaimsResponse> {
    return this.call('GET', `/api/v1/coupons/members/${encodeURIComponent(memberId)}/claims${all ? '?all=1' : ''}`, undefined, memberClaimsResponse);
  }

  reserve(claimId: string, saleCommandId: string): Promise<RedemptionResponse> {
    return this.call('POST', `/api/v1/coupons/claims/${encodeURIComponent(claimId)}/reserve`, { saleCommandId }, redemptionResponse);
  }

  confirm(claimId: string, saleCommandId: string): Promise<RedemptionResponse> {
    return this.call('POST', `/api/v1/coupons/claims/${encodeURIComponent(claimId)}/confirm`, { saleCommandId }, redemptionResponse);
  }

  release(claimId: string, saleCommandId: string): Promise<RedemptionResponse> {
    return this.call('POST', `/api/v1/coupons/claims/${encodeURIComponent(claimId)}/release`, { saleCommandId }, redemptionResponse);
  }

  /** A sale used this claim without a live reservation (made offline, or its reservation ran out before the confirm). */
  offline(claimId: string, saleCommandId: string, redeemedAt: string): Promise<OfflineRedemptionResponse> {
    return this.call('POST', `/api/v1/coupons/claims/${encodeURIComponent(claimId)}/offline`, { saleCommandId, redeemedAt }, offlineRedemptionResponse);
  }

  private async call<S extends z.ZodType>(method: string, path: string, body: unknown, schema: S): Promise<z.output<S>> {
    const state = readSyncState(this.o.sqlite, this.o.terminalId);
    if (!state) throw new PosError('COUPON_NOT_CONNECTED');
    const offline = (reason: string) => new PosError('COUPON_OFFLINE', { reason });
    let res: Response;
    try {
      res = await fetch(new URL(path, state.serverUrl), {
        method,
        headers: { authorization: `Bearer ${state.credential}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      throw offline(err.name === 'TimeoutError' ? `no answer within ${Math.round(this.timeoutMs / 1000)} s` : (err.cause?.code ?? err.message));
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw offline(`HTTP ${res.status}`);
    }
    if (res.status >= 500) throw offline(`HTTP ${res.status}`);
    if (!res.ok) {
      const refusal = couponErrorResponse.safeParse(json);
      if (refusal.success) throw new CouponRefusal(res.status, refusal.data.error);
      throw offline(`HTTP ${res.status}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw offline('unknown answer');
    return parsed.data;
  }
}
