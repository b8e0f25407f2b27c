import type { Database as Sqlite } from 'better-sqlite3';
import type * as z from 'zod';
import { PosError, type Locale } from '../../domain/errors';
import {
  historyResponse,
  holdResponse,
  memberLookupResponse,
  openHoldsResponse,
  valueErrorResponse,
  type HistoryResponse,
  type HoldRequest,
  type HoldResponse,
  type MemberLookupQuery,
  type OpenHold,
  type ValueErrorBody,
  type ValueMember,
  type ValueUnit,
} from '../../domain/value/protocol';
import { readSyncState } from '../sync/state';
import { callServer } from './server-call';

/**
 * The server answered and refused (not enough value, hold already settled …): retrying the same
 * request will not help. The caller decides what it means for its workflow (`toPosError` for the
 * usual wording).
 */
export class ValueRefusal extends Error {
  constructor(
    readonly status: number,
    readonly body: ValueErrorBody,
  ) {
    super(`${body.code}: ${body.message}`);
    this.name = 'ValueRefusal';
  }
}

export interface OnlineValueOptions {
  sqlite: Sqlite;
  terminalId: string;
  /** The programme as a customer calls it, for messages: { en: 'miles', 'zh-CN': '里程' }. */
  label: Record<Locale, string>;
  /** Per request. A counter waits at most this long before saying "offline". */
  timeoutMs?: number;
}

/**
 * The terminal's client for customer value held on the central server (miles, member cards,
 * coupons): member look-up, balance and history, and the two-phase hold → capture | void (and
 * refund) a redemption takes. It talks to the server the sync service enrolled with, over the
 * same per-terminal credential, reading both from `sync_state` on every call (a re-enrolment
 * takes effect at once).
 *
 * Failures come in three kinds, so a workflow can keep "both or neither":
 * - `PosError('VALUE_NOT_CONNECTED')`: no server configured; nothing was sent;
 * - `PosError('VALUE_OFFLINE')`: no answer (down, timeout, 5xx, garbage) — the request MAY have
 *   been applied; repeat it (same command id) or undo it by the same id;
 * - `ValueRefusal`: the server answered no; nothing changed there.
 */
export class OnlineValueClient {
  private readonly timeoutMs: number;

  constructor(private readonly o: OnlineValueOptions) {
    this.timeoutMs = o.timeoutMs ?? 8000;
  }

  /** Whether a server is configured at all (the screen shows why a redemption cannot start). */
  connected(): boolean {
    return readSyncState(this.o.sqlite, this.o.terminalId) !== null;
  }

  async lookup(query: MemberLookupQuery): Promise<ValueMember> {
    const params = new URLSearchParams('number' in query ? { number: query.number } : { phone: query.phone });
    return (await this.call('GET', `/api/v1/value/members?${params}`, undefined, memberLookupResponse)).member;
  }

  history(memberId: string, unit: ValueUnit): Promise<HistoryResponse> {
    return this.call('GET', `/api/v1/value/members/${encodeURIComponent(memberId)}/history?unit=${unit}`, undefined, historyResponse);
  }

  hold(req: HoldRequest): Promise<HoldResponse> {
    return this.call('POST', '/api/v1/value/holds', req, holdResponse);
  }

  capture(commandId: string): Promise<HoldResponse> {
    return this.call('POST', `/api/v1/value/holds/${commandId}/capture`, {}, holdResponse);
  }

  void(commandId: string): Promise<HoldResponse> {
    return this.call('POST', `/api/v1/value/holds/${commandId}/void`, {}, holdResponse);
  }

  refund(commandId: string, refundCommandId: string): Promise<HoldResponse> {
    return this.call('POST', `/api/v1/value/holds/${commandId}/refund`, { commandId: refundCommandId }, holdResponse);
  }

  async openHolds(): Promise<OpenHold[]> {
    return (await this.call('GET', '/api/v1/value/holds', undefined, openHoldsResponse)).holds;
  }

  /** The usual wording of a refusal for a cashier. */
  toPosError(e: ValueRefusal): PosError {
    const what = this.o.label;
    const b = e.body;
    if (b.code === 'INSUFFICIENT_VALUE') return new PosError('VALUE_INSUFFICIENT', { what, available: b.available ?? 0, requested: b.requested ?? 0 });
    if (b.code === 'UNAUTHENTICATED' || b.code === 'REVOKED') return new PosError('VALUE_REFUSED', { reason: b.message });
    return new PosError('VALUE_REFUSED', { reason: b.message });
  }

  private call<S extends z.ZodType>(method: string, path: string, body: unknown, schema: S): Promise<z.output<S>> {
    const what = this.o.label;
    return callServer({ sqlite: this.o.sqlite, terminalId: this.o.terminalId, timeoutMs: this.timeoutMs }, method, path, body, schema, {
      notConnected: () => new PosError('VALUE_NOT_CONNECTED', { what }),
      offline: (reason) => new PosError('VALUE_OFFLINE', { what, reason }),
      refusal: (status, json) => {
        const r = valueErrorResponse.safeParse(json);
        return r.success ? new ValueRefusal(status, r.data.error) : null;
      },
    });
  }

}
