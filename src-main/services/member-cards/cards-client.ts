import type { Database as Sqlite } from 'better-sqlite3';
import * as z from 'zod';
import { PosError } from '../../domain/errors';
import {
  cardErrorResponse,
  cardPaymentView,
  historyResponse,
  memberCardsResponse,
  merchantsResponse,
  openCardResponse,
  otpResponse,
  productsResponse,
  rechargeResponse,
  type CardErrorBody,
  type CardHoldRequest,
  type IdentifyRequest,
  type OpenCardRequest,
  type RechargeRequest,
  type RegisterMemberRequest,
} from '../../domain/member-cards/protocol';
import { memberLookupResponse } from '../../domain/value/protocol';
import { readSyncState } from '../sync/state';
import { callServer } from '../value/server-call';

/** The server answered and refused: nothing changed there, repeating the same request will not help. */
export class CardRefusal extends Error {
  constructor(
    readonly status: number,
    readonly body: CardErrorBody,
  ) {
    super(`${body.code}: ${body.message}`);
    this.name = 'CardRefusal';
  }
}

const LABEL = { en: 'member cards', 'zh-CN': '会员卡' };

/**
 * The terminal's client for the member-cards routes (`/api/v1/cards`), the sibling of
 * `OnlineValueClient` with the same three kinds of failure, so the cards workflow keeps "both or
 * neither" the same way:
 * - `PosError('VALUE_NOT_CONNECTED')`: no server configured; nothing was sent;
 * - `PosError('VALUE_OFFLINE')`: no answer — the request MAY have been applied; repeat it by the
 *   same command id (every value-changing request is idempotent) or undo it by that id;
 * - `CardRefusal`: the server said no; nothing changed there.
 * Server and credential are read from `sync_state` on every call (a re-enrolment applies at once).
 */
export class CardsClient {
  constructor(private readonly o: { sqlite: Sqlite; terminalId: string; timeoutMs?: number }) {}

  connected(): boolean {
    return readSyncState(this.o.sqlite, this.o.terminalId) !== null;
  }

  /** The server's public key (from enrolment): what signs the members' dynamic codes. */
  serverKey(): string | null {
    return readSyncState(this.o.sqlite, this.o.terminalId)?.serverKey ?? null;
  }

  serverUrl(): string | null {
    return readSyncState(this.o.sqlite, this.o.terminalId)?.serverUrl ?? null;
  }

  async merchants() {
    return (await this.call('GET', '/api/v1/cards/merchants', undefined, merchantsResponse)).merchants;
  }

  async products(merchantId: string) {
    return (await this.call('GET', `/api/v1/cards/merchants/${enc(merchantId)}/products`, undefined, productsResponse)).products;
  }

  cards(merchantId: string, memberId: string) {
    return this.call('GET', `/api/v1/cards/merchants/${enc(merchantId)}/members/${enc(memberId)}/cards`, undefined, memberCardsResponse);
  }

  identify(req: IdentifyRequest) {
    return this.call('POST', '/api/v1/cards/identify', req, memberCardsResponse);
  }

  /** A member by number (the members registry all value workflows share). */
  async memberByNumber(number: string) {
    return (await this.call('GET', `/api/v1/value/members?${new URLSearchParams({ number })}`, undefined, memberLookupResponse)).member;
  }

  register(req: RegisterMemberRequest) {
    return this.call('POST', '/api/v1/cards/members', req, memberCardsResponse);
  }

  sendOtp(phone: string) {
    return this.call('POST', '/api/v1/cards/otp', { phone }, otpResponse);
  }

  linkUid(memberId: string, uid: string) {
    return this.call('POST', `/api/v1/cards/members/${enc(memberId)}/uid`, { uid }, z.unknown());
  }

  openCard(req: OpenCardRequest) {
    return this.call('POST', '/api/v1/cards/cards', req, openCardResponse);
  }

  recharge(req: RechargeRequest) {
    return this.call('POST', '/api/v1/cards/recharges', req, rechargeResponse);
  }

  hold(req: CardHoldRequest) {
    return this.call('POST', '/api/v1/cards/holds', req, cardPaymentView);
  }

  capture(commandId: string) {
    return this.call('POST', `/api/v1/cards/holds/${enc(commandId)}/capture`, {}, cardPaymentView);
  }

  void(commandId: string) {
    return this.call('POST', `/api/v1/cards/holds/${enc(commandId)}/void`, {}, cardPaymentView);
  }

  reverse(paymentCommandId: string, commandId: string, reason: string) {
    return this.call('POST', `/api/v1/cards/payments/${enc(paymentCommandId)}/reverse`, { commandId, reason }, cardPaymentView);
  }

  history(cardId: string) {
    return this.call('GET', `/api/v1/cards/cards/${enc(cardId)}/history`, undefined, historyResponse);
  }

  private call<S extends z.ZodType>(method: string, path: string, body: unknown, schema: S): Promise<z.output<S>> {
    return callServer({ sqlite: this.o.sqlite, terminalId: this.o.terminalId, timeoutMs: this.o.timeoutMs ?? 8000 }, method, path, body, schema, {
      notConnected: () => new PosError('VALUE_NOT_CONNECTED', { what: LABEL }),
      offline: (reason) => new PosError('VALUE_OFFLINE', { what: LABEL, reason }),
      refusal: (status, json) => {
        const r = cardErrorResponse.safeParse(json);
        if (r.success) return new CardRefusal(status, r.data.error);
        // The shared value routes answer with their own error shape (member look-up by number).
        const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
        return error?.code === 'MEMBER_NOT_FOUND' ? new CardRefusal(status, { code: 'MEMBER_NOT_FOUND', message: error.message ?? '' }) : null;
      },
    });
  }

}

const enc = encodeURIComponent;
