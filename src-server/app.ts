import cookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type * as z from 'zod';
import { enrollRequest, pushRequest } from '../src-main/domain/sync/protocol';
import type { ServerDb } from './db';
import { SyncHttpError, invalidInput } from './errors';
import { registerAdminRoutes } from './admin';
import { registerCouponRoutes } from './coupons/routes';
import { registerBackOfficePage } from './backoffice-page';
import { headOf, signHead, storeBatch } from './journal-store';
import { PAIRING_PER_ADDRESS, RateLimiter } from './rate-limit';
import { PushHub } from './reference/push-hub';
import { registerReferenceRoutes } from './reference/routes';
import { registerUpdateRoutes } from './updates/routes';
import type { Signer } from './secrets';
import { authenticateTerminal, enroll, recordError } from './terminals';
import { registerValueRoutes } from './value/routes';

export interface AppOptions {
  db: ServerDb;
  signer: Signer;
  logger?: FastifyBaseLogger;
  now?: () => Date;
  /** Set the Secure flag on the session cookie (behind TLS). */
  secureCookies?: boolean;
  /** How often the push channel looks for changes made by other server processes. */
  pushPollMs?: number;
}

const BODY_LIMIT = 32 * 1024 * 1024;

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw invalidInput(r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}

/**
 * The central server's HTTP surface. It keeps no state of its own between requests (the
 * database holds sessions, credentials, heads and the signing key), so any number of processes
 * can serve one database.
 */
export async function buildServer(opts: AppOptions): Promise<{ app: FastifyInstance; markClosing(): void }> {
  const { db, signer } = opts;
  const now = opts.now ?? (() => new Date());
  // A week offline is 14,000 entries: batches of up to 1000 bodies need more than the 1 MiB default.
  const app: FastifyInstance = opts.logger ? Fastify({ loggerInstance: opts.logger, bodyLimit: BODY_LIMIT }) : Fastify({ logger: false, bodyLimit: BODY_LIMIT });
  await app.register(cookie);
  let closing = false;

  app.setErrorHandler((err: Error, req, reply) => {
    if (err instanceof SyncHttpError) {
      req.log.info({ code: err.body.code, seq: err.body.seq }, err.message);
      return reply.status(err.status).send({ error: err.body });
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return reply.status(status).send({ error: { code: 'INVALID_INPUT', message: err.message } });
    req.log.error({ err }, 'request failed');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'The server failed; nothing was stored. Try again.' } });
  });

  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (_req, reply) => {
    if (closing) return reply.status(503).send({ status: 'closing' });
    try {
      await db.one('SELECT 1 AS one');
      return { status: 'ready', database: db.kind };
    } catch {
      return reply.status(503).send({ status: 'database unavailable' });
    }
  });

  const limiter = new RateLimiter(db, now);
  app.post('/api/v1/enroll', async (req) => {
    const key = `pairing:address:${req.ip}`;
    await limiter.check(key, PAIRING_PER_ADDRESS);
    try {
      return await enroll(db, signer, parse(enrollRequest, req.body), now());
    } catch (e) {
      if (e instanceof SyncHttpError && e.body.code === 'PAIRING_CODE_INVALID') await limiter.fail(key, PAIRING_PER_ADDRESS);
      throw e;
    }
  });

  app.get('/api/v1/head', async (req) => {
    const t = await authenticateTerminal(db, req);
    return { ack: signHead(signer, t.id, await headOf(db, t.id), now()) };
  });

  app.post('/api/v1/journal', async (req) => {
    const t = await authenticateTerminal(db, req);
    const input = parse(pushRequest, req.body);
    try {
      return await storeBatch(db, signer, t.id, input.entries, now(), input.localSeq);
    } catch (e) {
      if (e instanceof SyncHttpError && e.body.code !== 'GAP' && e.body.code !== 'REVOKED') await recordError(db, t.id, e.message);
      throw e;
    }
  });

  // A terminal reads its own store only: the store comes from its credential, never from the request.
  app.get('/api/v1/store', async (req) => {
    const t = await authenticateTerminal(db, req);
    const s = await db.one<{ id: string; name: string; time_zone: string }>(`SELECT id, name, time_zone FROM store WHERE id = ?`, [t.storeId]);
    return { id: s!.id, name: s!.name, timeZone: s!.time_zone };
  });

  registerAdminRoutes(app, db, now, opts.secureCookies ?? false);
  registerBackOfficePage(app);
  const hub = new PushHub(db, app.log, opts.pushPollMs);
  await hub.start();
  app.addHook('preClose', async () => hub.close());
  await registerReferenceRoutes(app, db, hub, now);
  registerValueRoutes(app, db, now);
  registerUpdateRoutes(app, db, now);
  registerCouponRoutes(app, db, hub, now);
  return {
    app,
    markClosing() {
      closing = true;
    },
  };
}
