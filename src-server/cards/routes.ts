import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod';
import {
  cardCommandId,
  cardHoldRequest,
  identifyRequest,
  linkUidRequest,
  openCardRequest,
  otpRequest,
  rechargeRequest,
  registerMemberRequest,
  reverseRequest,
} from '../../src-main/domain/member-cards/protocol';
import type { ServerDb, Sql } from '../db';
import { createMember, findMember } from '../members/members';
import { authenticateTerminal, type AuthedTerminal } from '../terminals';
import { cardHistory, cardMember, cardView, findCard, memberCards } from './cards';
import { cardHttpError, cardRefusal, parseCard } from './errors';
import type { MemberCodes } from './member-code-key';
import { merchantView, storeMerchants, terminalMerchant, type MerchantRow } from './merchants';
import { merchantProducts } from './products';
import type { CardsService } from './service';
import type { Otps } from './sms';

const idParam = (name: string) => z.object({ [name]: z.string().min(1).max(64) }).strict();

/** The merchant of a card or a payment, when it belongs to this terminal's store (else not found). */
async function merchantOf(sql: Sql, t: AuthedTerminal, table: 'member_card' | 'card_payment', column: 'id' | 'command_id', value: string): Promise<MerchantRow> {
  const rows = await sql.all<{ merchant_id: string }>(`SELECT x.merchant_id FROM ${table} x JOIN merchant m ON m.id = x.merchant_id WHERE x.${column} = ? AND m.store_id = ?`, [value, t.storeId]);
  if (rows.length !== 1) throw cardHttpError(table === 'member_card' ? 'CARD_NOT_FOUND' : 'HOLD_NOT_FOUND', table === 'member_card' ? 'This store has no card with this id.' : 'This store has no payment with this command id.');
  return terminalMerchant(sql, t.storeId, rows[0]!.merchant_id);
}

/**
 * Member cards for terminals (`/api/v1/cards/...`, shapes in src-main/domain/member-cards/protocol.ts),
 * authenticated by the terminal's credential; the store comes from the credential and the terminal
 * acts for that store's approved merchants only (a suspended merchant is refused at once: the state
 * is read on every request).
 */
export function registerCardTerminalRoutes(app: FastifyInstance, db: ServerDb, cards: CardsService, otps: Otps, codes: MemberCodes, now: () => Date): void {
  void app.register(async (scope) => {
    scope.setErrorHandler((err: Error, req: FastifyRequest, reply: FastifyReply) => {
      const r = cardRefusal(err);
      if (r) {
        req.log.info({ code: r.body.code }, r.message);
        return reply.status(r.status).send({ error: r.body });
      }
      req.log.error({ err }, 'cards request failed');
      return reply.status(500).send({ error: { code: 'INTERNAL', message: 'The server failed; nothing was changed. Try again.' } });
    });

    scope.get('/api/v1/cards/merchants', async (req) => {
      const t = await authenticateTerminal(db, req);
      return { merchants: (await storeMerchants(db, t.storeId)).map(merchantView) };
    });

    scope.get('/api/v1/cards/merchants/:merchantId/products', async (req) => {
      const t = await authenticateTerminal(db, req);
      const m = await terminalMerchant(db, t.storeId, parseCard(idParam('merchantId'), req.params).merchantId as string);
      return { products: await merchantProducts(db, m.id, true) };
    });

    scope.post('/api/v1/cards/members', async (req) => {
      const t = await authenticateTerminal(db, req);
      const input = parseCard(registerMemberRequest, req.body);
      const m = await terminalMerchant(db, t.storeId, input.merchantId);
      const phone = input.phone.replace(/^\+/, '');
      // The member number is made from the phone: unique as the phone is, and readable on a receipt.
      const member = await createMember(db, { number: `M${phone}`.slice(0, 20), phone: input.phone, name: input.name }, now());
      return { member: cardMember(member), cards: await memberCards(db, m.id, member.id, now()) };
    });

    scope.post('/api/v1/cards/otp', async (req) => {
      await authenticateTerminal(db, req);
      return otps.request(parseCard(otpRequest, req.body).phone);
    });

    scope.post('/api/v1/cards/identify', async (req) => {
      const t = await authenticateTerminal(db, req);
      const input = parseCard(identifyRequest, req.body);
      const m = await terminalMerchant(db, t.storeId, input.merchantId);
      let memberId: string | null = null;
      if (input.by === 'code') memberId = await codes.read(input.code, now());
      else if (input.by === 'uid') memberId = (await db.one<{ member_id: string }>(`SELECT member_id FROM member_uid WHERE uid = ?`, [input.uid]))?.member_id ?? null;
      else {
        await otps.verify(input.phone, input.otp, req.ip);
        memberId = (await findMember(db, { phone: input.phone }))?.id ?? null;
      }
      const member = memberId ? await findMember(db, { id: memberId }) : null;
      if (!member) throw cardHttpError('MEMBER_NOT_FOUND', input.by === 'uid' ? 'This card is not linked to a member.' : 'No member with this phone or code.');
      return { member: cardMember(member), cards: await memberCards(db, m.id, member.id, now()) };
    });

    scope.post('/api/v1/cards/members/:memberId/uid', async (req) => {
      await authenticateTerminal(db, req);
      const { memberId } = parseCard(idParam('memberId'), req.params) as { memberId: string };
      const { uid } = parseCard(linkUidRequest, req.body);
      const member = await findMember(db, { id: memberId });
      if (!member) throw cardHttpError('MEMBER_NOT_FOUND', 'No member with this id.');
      await db.tx((sql) => sql.run(`INSERT INTO member_uid (uid, member_id, linked_at) VALUES (?, ?, ?) ON CONFLICT (uid) DO UPDATE SET member_id = excluded.member_id, linked_at = excluded.linked_at`, [uid, member.id, now().toISOString()]));
      return { member: cardMember(member), uid };
    });

    scope.get('/api/v1/cards/merchants/:merchantId/members/:memberId/cards', async (req) => {
      const t = await authenticateTerminal(db, req);
      const p = parseCard(z.object({ merchantId: z.string().min(1).max(64), memberId: z.string().min(1).max(64) }).strict(), req.params);
      const m = await terminalMerchant(db, t.storeId, p.merchantId);
      const member = await findMember(db, { id: p.memberId });
      if (!member) throw cardHttpError('MEMBER_NOT_FOUND', 'No member with this id.');
      return { member: cardMember(member), cards: await memberCards(db, m.id, member.id, now()) };
    });

    scope.post('/api/v1/cards/cards', async (req) => {
      const t = await authenticateTerminal(db, req);
      const input = parseCard(openCardRequest, req.body);
      const m = await terminalMerchant(db, t.storeId, input.merchantId);
      return cards.open(m, input);
    });

    scope.post('/api/v1/cards/recharges', async (req) => {
      const t = await authenticateTerminal(db, req);
      const input = parseCard(rechargeRequest, req.body);
      return cards.recharge(await merchantOf(db, t, 'member_card', 'id', input.cardId), input);
    });

    scope.post('/api/v1/cards/holds', async (req) => {
      const t = await authenticateTerminal(db, req);
      const input = parseCard(cardHoldRequest, req.body);
      return cards.hold(await merchantOf(db, t, 'member_card', 'id', input.cardId), t.id, input);
    });

    for (const step of ['capture', 'void'] as const) {
      scope.post(`/api/v1/cards/holds/:commandId/${step}`, async (req) => {
        const t = await authenticateTerminal(db, req);
        const { commandId } = parseCard(z.object({ commandId: cardCommandId }).strict(), req.params);
        const m = await merchantOf(db, t, 'card_payment', 'command_id', commandId);
        return step === 'capture' ? cards.capture(m, commandId) : cards.void(m, commandId);
      });
    }

    scope.post('/api/v1/cards/payments/:commandId/reverse', async (req) => {
      const t = await authenticateTerminal(db, req);
      const { commandId } = parseCard(z.object({ commandId: cardCommandId }).strict(), req.params);
      const input = parseCard(reverseRequest, req.body);
      return cards.reverse(await merchantOf(db, t, 'card_payment', 'command_id', commandId), commandId, input);
    });

    scope.get('/api/v1/cards/cards/:cardId/history', async (req) => {
      const t = await authenticateTerminal(db, req);
      const { cardId } = parseCard(idParam('cardId'), req.params) as { cardId: string };
      await merchantOf(db, t, 'member_card', 'id', cardId);
      const c = (await findCard(db, cardId))!;
      return { card: await cardView(db, c, now()), movements: await cardHistory(db, cardId) };
    });
  });
}
