import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod';
import { COUPON_DISPLAYS_STREAM, COUPON_RULES_STREAM, claimRequest, couponId, offlineRedemptionRequest, redemptionRequest } from '../../src-main/domain/coupons/protocol';
import { adminGuards } from '../admin';
import type { ServerDb } from '../db';
import { SyncHttpError } from '../errors';
import type { PushHub } from '../reference/push-hub';
import { authenticateTerminal } from '../terminals';
import { registerCouponBackOfficePage } from './backoffice-page';
import { claimCoupon, memberClaims } from './claims';
import { deleteDisplay, listCoupons, listDisplays, saveCoupon, saveDisplay, withdrawCoupon } from './coupon-book';
import { CouponError, parseCoupon, refuse } from './http';
import { CouponRedemptions } from './redemptions';

function refusal(e: unknown): CouponError | null {
  if (e instanceof CouponError) return e;
  if (e instanceof SyncHttpError) {
    const code = e.body.code === 'UNAUTHENTICATED' || e.body.code === 'REVOKED' || e.body.code === 'RATE_LIMITED' ? e.body.code : 'INVALID_INPUT';
    const r = refuse(code, e.body.message);
    (r as { status: number }).status = e.status;
    return r;
  }
  const status = (e as { statusCode?: number }).statusCode;
  if (status && status >= 400 && status < 500) return refuse('INVALID_INPUT', (e as Error).message);
  return null;
}

/** How often reservations past their time are released. */
const RESERVATION_SWEEP_MS = 60_000;

const claimParam = z.object({ claimId: z.string().min(1).max(64) }).strict();
const memberParam = z.object({ memberId: z.string().min(1).max(64) }).strict();
const idParam = z.object({ id: couponId }).strict();

/**
 * Coupons over HTTP (paths and shapes in `src-main/domain/coupons/protocol.ts`):
 * - terminals (credential; the store comes from it, never from the request): claim, a member's
 *   claims, reserve / confirm / release for a sale, offline use, the store's exceptions;
 * - back office (admin session; changes need the CSRF token): the coupon book and product displays,
 *   each change published to terminals and pushed at once.
 */
export function registerCouponRoutes(app: FastifyInstance, db: ServerDb, hub: PushHub, now: () => Date): void {
  const redemptions = new CouponRedemptions(db);
  // Reservations whose counter never came back go back to their members. Every server process
  // sweeps; each release is one conditional UPDATE, so two never collide.
  const sweep = setInterval(() => {
    redemptions.releaseExpired(now()).catch((e: unknown) => app.log.warn({ err: e }, 'coupons: reservation sweep failed'));
  }, RESERVATION_SWEEP_MS);
  sweep.unref();
  app.addHook('onClose', async () => clearInterval(sweep));
  const { session, changing } = adminGuards(db, now);
  registerCouponBackOfficePage(app);

  void app.register(async (scope) => {
    scope.setErrorHandler((err: Error, req: FastifyRequest, reply: FastifyReply) => {
      const r = refusal(err);
      if (r) {
        req.log.info({ code: r.body.code }, r.message);
        return reply.status(r.status).send({ error: r.body });
      }
      req.log.error({ err }, 'coupon request failed');
      return reply.status(500).send({ error: { code: 'INTERNAL', message: 'The server failed; nothing was changed. Try again.' } });
    });

    scope.post('/api/v1/coupons/claims', async (req, reply) => {
      const t = await authenticateTerminal(db, req);
      const r = await claimCoupon(db, t, parseCoupon(claimRequest, req.body), now());
      return reply.status(r.created ? 201 : 200).send(r.response);
    });

    scope.get('/api/v1/coupons/members/:memberId/claims', async (req) => {
      await authenticateTerminal(db, req);
      const { memberId } = parseCoupon(memberParam, req.params);
      const { all } = parseCoupon(z.object({ all: z.enum(['0', '1']).default('0') }).strict(), req.query);
      return memberClaims(db, memberId, all === '1');
    });

    for (const step of ['reserve', 'confirm', 'release'] as const) {
      scope.post(`/api/v1/coupons/claims/:claimId/${step}`, async (req) => {
        const t = await authenticateTerminal(db, req);
        const { claimId } = parseCoupon(claimParam, req.params);
        const { saleCommandId } = parseCoupon(redemptionRequest, req.body);
        return redemptions[step](t, claimId, saleCommandId, now());
      });
    }

    scope.post('/api/v1/coupons/claims/:claimId/offline', async (req) => {
      const t = await authenticateTerminal(db, req);
      const { claimId } = parseCoupon(claimParam, req.params);
      return redemptions.offline(t, claimId, parseCoupon(offlineRedemptionRequest, req.body), now());
    });

    scope.get('/api/v1/coupons/exceptions', async (req) => {
      const t = await authenticateTerminal(db, req);
      return { exceptions: await redemptions.exceptions(t.storeId) };
    });

    // --- Back office ---

    scope.get('/admin/api/coupons', async (req) => {
      await session(req);
      return { coupons: await listCoupons(db), displays: await listDisplays(db) };
    });

    scope.post('/admin/api/coupons', async (req) => {
      const s = await changing(req);
      const c = await saveCoupon(db, req.body, s.username, now());
      hub.notify([{ stream: COUPON_RULES_STREAM, scope: '*' }]);
      return c;
    });

    scope.post('/admin/api/coupons/:id/withdraw', async (req) => {
      const s = await changing(req);
      const c = await withdrawCoupon(db, parseCoupon(idParam, req.params).id, s.username, now());
      hub.notify([{ stream: COUPON_RULES_STREAM, scope: '*' }]);
      return c;
    });

    scope.post('/admin/api/coupon-displays', async (req) => {
      const s = await changing(req);
      await saveDisplay(db, req.body, s.username, now());
      hub.notify([{ stream: COUPON_DISPLAYS_STREAM, scope: '*' }]);
      return { displays: await listDisplays(db) };
    });

    scope.post('/admin/api/coupon-displays/:id/delete', async (req) => {
      const s = await changing(req);
      await deleteDisplay(db, parseCoupon(idParam, req.params).id, s.username, now());
      hub.notify([{ stream: COUPON_DISPLAYS_STREAM, scope: '*' }]);
      return { displays: await listDisplays(db) };
    });
  });
}
