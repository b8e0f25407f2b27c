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

  private async call<S extends z.ZodType>(method: string, path: string, body: unknown, schema: S): Promise<z.output<S>> {
    const state = readSyncState(this.o.sqlite, this.o.terminalId);
    if (!state) throw new PosError('VALUE_NOT_CONNECTED', { what: LABEL });
    const offline = (reason: string) => new PosError('VALUE_OFFLINE', { what: LABEL, reason });
    const timeoutMs = this.o.timeoutMs ?? 8000;
    let res: Response;
    try {
      res = await fetch(new URL(path, state.serverUrl), {
        method,
        headers: { authorization: `Bearer ${state.credential}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      throw offline(err.name === 'TimeoutError' ? `no answer within ${Math.round(timeoutMs / 1000)} s` : (err.cause?.code ?? err.message));
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw offline(`HTTP ${res.status}`);
    }
    if (res.status >= 500) throw offline(`HTTP ${res.status}`);
    if (!res.ok) {
      const refusal = cardErrorResponse.safeParse(json);
      if (refusal.success) throw new CardRefusal(res.status, refusal.data.error);
      // The shared value routes answer with their own error shape (member look-up by number).
      const code = (json as { error?: { code?: string; message?: string } })?.error;
      if (code?.code === 'MEMBER_NOT_FOUND') throw new CardRefusal(res.status, { code: 'MEMBER_NOT_FOUND', message: code.message ?? '' });
      throw offline(`HTTP ${res.status}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw offline('unknown answer');
    return parsed.data;
  }
}

const enc = encodeURIComponent;
