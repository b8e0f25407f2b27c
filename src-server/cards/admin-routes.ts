import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import * as z from 'zod';
import { cardTerms } from '../../src-main/domain/member-cards/protocol';
import { adminGuards } from '../admin';
import type { ServerDb } from '../db';
import { cardHttpError, cardRefusal, parseCard } from './errors';
import { allMerchants, applyMerchant, decideMerchant, findMerchant, merchantAudit, merchantView, setReversalMinutes } from './merchants';
import { createProduct, merchantProducts, updateProduct } from './products';
import { ConsoleSmsSender, type SmsSender } from './sms';

const text = (max: number) => z.string().trim().max(max);
const idParam = z.object({ id: z.string().min(1).max(64) }).strict();

/** The address members' phones reach the server at, for the QR code (behind a proxy: SERVER_PUBLIC_URL). */
export function publicOrigin(req: FastifyRequest): string {
  const configured = process.env.SERVER_PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, '');
  return `${req.protocol}://${req.headers.host ?? 'localhost'}`;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The back office's merchants (platform admin): applications, approve / reject with a reason,
 * suspend / reinstate (all audited with the admin's name), the merchant's reversal window, its card
 * products, and the printable QR poster. Session and CSRF as the rest of /admin/api (adminGuards).
 */
export function registerMerchantAdminRoutes(app: FastifyInstance, db: ServerDb, sms: SmsSender, now: () => Date): void {
  const { session, changing } = adminGuards(db, now);
  void app.register(async (scope) => {
    scope.setErrorHandler((err: Error, req: FastifyRequest, reply: FastifyReply) => {
      const r = cardRefusal(err);
      if (r) return reply.status(r.status).send({ error: r.body });
      req.log.error({ err }, 'merchant admin request failed');
      return reply.status(500).send({ error: { code: 'INTERNAL', message: 'The server failed; nothing was changed. Try again.' } });
    });

    scope.get('/admin/api/merchants', async (req) => {
      await session(req);
      const stores = new Map((await db.all<{ id: string; name: string }>(`SELECT id, name FROM store`)).map((s) => [s.id, s.name]));
      return Promise.all(
        (await allMerchants(db)).map(async (m) => ({
          ...merchantView(m),
          storeName: stores.get(m.store_id) ?? '',
          contact: m.contact,
          phone: m.phone,
          address: m.address,
          reason: m.reason,
          appliedAt: m.applied_at,
          decidedAt: m.decided_at,
          decidedBy: m.decided_by,
          audit: await merchantAudit(db, m.id),
          products: await merchantProducts(db, m.id, false),
        })),
      );
    });

    scope.post('/admin/api/merchants', async (req) => {
      const s = await changing(req);
      const input = parseCard(z.object({ storeId: z.string().min(1).max(64), name: text(80).min(1), contact: text(80).default(''), phone: text(40).default(''), address: text(200).default('') }).strict(), req.body);
      return merchantView(await applyMerchant(db, input, { adminId: s.adminId, username: s.username }, now()));
    });

    scope.post('/admin/api/merchants/:id/decisions', async (req) => {
      const s = await changing(req);
      const { id } = parseCard(idParam, req.params);
      const input = parseCard(z.object({ action: z.enum(['approve', 'reject', 'suspend', 'reinstate']), reason: text(200).default('') }).strict(), req.body);
      return merchantView(await decideMerchant(db, id, input.action, input.reason, { adminId: s.adminId, username: s.username }, now()));
    });

    scope.put('/admin/api/merchants/:id/settings', async (req) => {
      await changing(req);
      const { id } = parseCard(idParam, req.params);
      const input = parseCard(z.object({ reversalMinutes: z.number().int().min(0).max(24 * 60) }).strict(), req.body);
      return merchantView(await setReversalMinutes(db, id, input.reversalMinutes));
    });

    scope.post('/admin/api/merchants/:id/products', async (req) => {
      await changing(req);
      const { id } = parseCard(idParam, req.params);
      const input = parseCard(z.object({ name: text(60).min(1), terms: cardTerms }).strict(), req.body);
      return createProduct(db, id, input, now());
    });

    scope.put('/admin/api/card-products/:id', async (req) => {
      await changing(req);
      const { id } = parseCard(idParam, req.params);
      const input = parseCard(z.object({ name: text(60).min(1), terms: cardTerms, active: z.boolean() }).strict(), req.body);
      return updateProduct(db, id, input, now());
    });

    // The console sender's messages, for the demo and the tests; there is no outbox with a real provider.
    if (sms instanceof ConsoleSmsSender) {
      scope.get('/admin/api/sms-outbox', async (req) => {
        await session(req);
        return sms.outbox();
      });
    }

    /** The printable poster: the merchant's name and its QR code (an SVG drawn by `qrcode`). */
    scope.get('/admin/merchants/:id/poster', async (req, reply) => {
      await session(req);
      const { id } = parseCard(idParam, req.params);
      const m = await findMerchant(db, id);
      if (!m?.qr_token) throw cardHttpError('MERCHANT_NOT_APPROVED', 'The merchant has no code yet: approve it first.');
      const url = `${publicOrigin(req)}/m/${m.qr_token}`;
      const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      const note = m.state === 'approved' ? '' : `<p class="warn">此商户已暂停，二维码不可用 · Suspended: this code does not work now</p>`;
      return reply
        .headers({ 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'", 'x-content-type-options': 'nosniff' })
        .send(
          `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(m.name)} · 会员卡收款码</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;text-align:center;margin:40px}h1{font-size:40px;margin:0 0 8px}.qr{width:min(80vw,480px);margin:24px auto}.warn{color:#a33;font-size:24px}p{font-size:22px}@media print{.noprint{display:none}}</style></head>
<body><h1 data-testid="poster-name">${esc(m.name)}</h1><p>会员卡 · 扫码付款<br>Member cards · scan to pay</p>${note}<div class="qr" data-testid="poster-qr">${svg}</div>
<p data-testid="poster-url" style="font-size:14px;word-break:break-all">${esc(url)}</p></body></html>`,
        );
    });
  });
}
