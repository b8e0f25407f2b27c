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
import { callServer } from '../value/server-call';

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

  private call<S extends z.ZodType>(method: string, path: string, body: unknown, schema: S): Promise<z.output<S>> {
    return callServer({ sqlite: this.o.sqlite, terminalId: this.o.terminalId, timeoutMs: this.timeoutMs }, method, path, body, schema, {
      notConnected: () => new PosError('COUPON_NOT_CONNECTED'),
      offline: (reason) => new PosError('COUPON_OFFLINE', { reason }),
      refusal: (status, json) => {
        const r = couponErrorResponse.safeParse(json);
        return r.success ? new CouponRefusal(status, r.data.error) : null;
      },
    });
  }

}
