import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import * as z from 'zod';
import { otpCode, otpRequest, phonePayRequest } from '../../src-main/domain/member-cards/protocol';
import { MEMBER_CODE_LIFETIME_MS } from '../../src-main/domain/members/member-code';
import { memberPhone } from '../../src-main/domain/value/protocol';
import type { ServerDb } from '../db';
import { createMember, findMember } from '../members/members';
import { randomToken, sha256 } from '../secrets';
import { cardHistory, cardMember, findCard, memberCards } from './cards';
import { cardHttpError, cardRefusal, parseCard } from './errors';
import type { MemberCodes } from './member-code-key';
import { merchantByToken, requireApproved, type MerchantRow } from './merchants';
import { PHONE_PAGE, PHONE_SCRIPT, PHONE_STYLE } from './phone-page-assets';
import type { CardsService } from './service';
import type { Otps } from './sms';

/** The member's sign-in on their phone: an HttpOnly cookie whose id the server keeps only as a hash. */
export const MEMBER_COOKIE = 'pos_member';
const SESSION_DAYS = 30;
/** A comment this often keeps proxies and phones from closing an idle event stream. */
const KEEPALIVE_MS = 25_000;

const HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const tokenParam = z.object({ token: z.string().min(1).max(64) }).strict();

/** What a scan of an unknown, unapproved or suspended merchant's code shows, and nothing more. */
function closedPage(code: string): string {
  const text = code === 'MERCHANT_SUSPENDED' ? '此商户已暂停服务，会员卡暂不能使用。<br>This merchant is suspended: member cards cannot be used here now.' : '无效的商户码。<br>This is not a valid merchant code.';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>会员卡 Member cards</title>
<link rel="stylesheet" href="/m/app.css"></head><body><main><p data-testid="closed" data-code="${esc(code)}" style="font-size:20px;text-align:center;margin-top:40px">${text}</p></main></body></html>`;
}

/**
 * The member's phone page, reached by scanning a merchant's QR code (`/m/<token>`; markup and
 * script in phone-page-assets.ts): sign in by phone and one-time code (a phone not registered yet
 * becomes a member: one account across merchants), see this merchant's cards, pay from one (one
 * idempotent command, pushed to the merchant's terminals), show the dynamic member code, read the
 * history; balances stay live over server-sent events. Every request reads the merchant's state,
 * so a suspended merchant's code stops at once. The cookie is SameSite=Strict and the API takes
 * JSON only, so another site cannot make a member's browser pay (no CSRF token needed).
 */
export function registerPhonePage(app: FastifyInstance, db: ServerDb, cards: CardsService, otps: Otps, codes: MemberCodes, now: () => Date, secureCookies: boolean): void {
  async function merchant(req: FastifyRequest): Promise<MerchantRow> {
    const { token } = parseCard(tokenParam, { token: (req.params as { token?: string }).token });
    return requireApproved(await merchantByToken(db, token));
  }

  async function member(req: FastifyRequest): Promise<string> {
    const id = req.cookies[MEMBER_COOKIE];
    const row = id ? await db.one<{ member_id: string }>(`SELECT member_id FROM member_session WHERE id_hash = ? AND expires_at > ?`, [sha256(id), now().toISOString()]) : undefined;
    if (!row) throw cardHttpError('UNAUTHENTICATED', 'Sign in with your phone number first.');
    return row.member_id;
  }

  // Event streams are hijacked from Fastify: they end here when the server closes, or close would wait on them.
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end();
  });

  app.get('/m/app.js', async (_req, reply) => reply.headers({ ...HEADERS, 'content-type': 'text/javascript; charset=utf-8' }).send(PHONE_SCRIPT));
  app.get('/m/app.css', async (_req, reply) => reply.headers({ ...HEADERS, 'content-type': 'text/css; charset=utf-8' }).send(PHONE_STYLE));

  app.get('/m/:token', async (req, reply) => {
    reply.headers({ ...HEADERS, 'content-type': 'text/html; charset=utf-8' });
    try {
      const m = await merchant(req);
      return reply.send(PHONE_PAGE.replace('{{STATE}}', 'open').replace('{{NAME}}', esc(m.name)));
    } catch (e) {
      const r = cardRefusal(e);
      if (!r) throw e;
      return reply.status(r.status).send(closedPage(r.body.code));
    }
  });

  void app.register(async (scope) => {
    scope.setErrorHandler((err: Error, req: FastifyRequest, reply: FastifyReply) => {
      const r = cardRefusal(err);
      if (r) return reply.status(r.status).send({ error: r.body });
      req.log.error({ err }, 'phone page request failed');
      return reply.status(500).send({ error: { code: 'INTERNAL', message: 'The server failed; nothing was changed. Try again.' } });
    });

    scope.post('/m/:token/api/otp', async (req) => {
      await merchant(req);
      return otps.request(parseCard(otpRequest, req.body).phone);
    });

    scope.post('/m/:token/api/sign-in', async (req, reply) => {
      await merchant(req);
      const input = parseCard(z.object({ phone: memberPhone, otp: otpCode, name: z.string().trim().max(80).default('') }).strict(), req.body);
      await otps.verify(input.phone, input.otp, req.ip);
      const t = now();
      const m =
        (await findMember(db, { phone: input.phone })) ??
        (await createMember(db, { number: `M${input.phone.replace(/^\+/, '')}`.slice(0, 20), phone: input.phone, name: input.name || `会员${input.phone.slice(-4)}` }, t));
      const id = randomToken(32);
      await db.tx((sql) =>
        sql.run(`INSERT INTO member_session (id_hash, member_id, expires_at, created_at) VALUES (?, ?, ?, ?)`, [sha256(id), m.id, new Date(t.getTime() + SESSION_DAYS * 86_400_000).toISOString(), t.toISOString()]),
      );
      reply.setCookie(MEMBER_COOKIE, id, { path: '/m', httpOnly: true, sameSite: 'strict', secure: secureCookies, maxAge: SESSION_DAYS * 86_400 });
      return { member: cardMember(m) };
    });

    scope.post('/m/:token/api/sign-out', async (req, reply) => {
      const id = req.cookies[MEMBER_COOKIE];
      if (id) await db.tx((sql) => sql.run(`DELETE FROM member_session WHERE id_hash = ?`, [sha256(id)]));
      reply.clearCookie(MEMBER_COOKIE, { path: '/m' });
      return { ok: true };
    });

    scope.get('/m/:token/api/me', async (req) => {
      const m = await merchant(req);
      const memberId = await member(req);
      return { merchant: { name: m.name }, member: cardMember((await findMember(db, { id: memberId }))!), cards: await memberCards(db, m.id, memberId, now()) };
    });

    scope.post('/m/:token/api/pay', async (req) => {
      const m = await merchant(req);
      const memberId = await member(req);
      return cards.payFromPhone(m, memberId, parseCard(phonePayRequest, req.body));
    });

    /** The dynamic member code (signed, one minute) as text and as a QR code for the cashier to scan. */
    scope.get('/m/:token/api/code', async (req) => {
      await merchant(req);
      const memberId = await member(req);
      const t = now();
      const code = await codes.issue(memberId, t);
      const svg = await QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
      return { code, svg, expiresAt: new Date(t.getTime() + MEMBER_CODE_LIFETIME_MS).toISOString() };
    });

    scope.get('/m/:token/api/cards/:cardId/history', async (req) => {
      const m = await merchant(req);
      const memberId = await member(req);
      const cardId = String((req.params as { cardId?: string }).cardId ?? '');
      const c = cardId.length <= 64 ? await findCard(db, cardId) : undefined;
      if (!c || c.merchant_id !== m.id || c.member_id !== memberId) throw cardHttpError('CARD_NOT_FOUND', 'No such card.');
      return { movements: await cardHistory(db, cardId, 50) };
    });

    /**
     * Live balances: an event `cards` (the member's cards at this merchant) whenever one of them
     * changed: a counter redemption or recharge, a payment from this or another phone.
     */
    scope.get('/m/:token/api/live', async (req, reply) => {
      const m = await merchant(req);
      const memberId = await member(req);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      const send = async () => {
        try {
          const list = await memberCards(db, m.id, memberId, now());
          if (!res.writableEnded) res.write(`event: cards\ndata: ${JSON.stringify(list)}\n\n`);
        } catch (err) {
          req.log.warn({ err }, 'phone page live update failed');
        }
      };
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEPALIVE_MS);
      const end = () => {
        clearInterval(keepAlive);
        cards.live.off(memberId, send);
        streams.delete(end);
        if (!res.writableEnded) res.end();
      };
      cards.live.on(memberId, send);
      streams.add(end);
      req.raw.on('close', end);
      res.write(': open\n\n');
    });
  });
}
