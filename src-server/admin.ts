import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod';
import type { ServerDb } from './db';
import { SyncHttpError, invalidInput, unauthenticated } from './errors';
import { checkPassword, hashPassword, randomToken, sameText, sha256 } from './secrets';
import { createPairingCode, createStore, revokeTerminal } from './terminals';
import { RateLimiter, SIGN_IN_PER_ADDRESS, SIGN_IN_PER_USER } from './rate-limit';

export const SESSION_COOKIE = 'pos_admin';
const SESSION_HOURS = 8;

export interface AdminSession {
  adminId: string;
  username: string;
  csrfToken: string;
}

/**
 * Makes the first admin when there is none: the password comes from SERVER_ADMIN_PASSWORD, or
 * is generated and returned once so the operator can read it from the start-up output.
 */
export async function ensureAdmin(db: ServerDb, password: string | undefined, now: Date): Promise<string | null> {
  const any = await db.one(`SELECT id FROM admin_user LIMIT 1`);
  if (any) return null;
  const chosen = password ?? randomToken(12);
  const hash = await hashPassword(chosen);
  const made = await db.tx((sql) =>
    sql.run(`INSERT INTO admin_user (id, username, password_hash, created_at) VALUES (?, 'admin', ?, ?) ON CONFLICT (username) DO NOTHING`, [
      randomUUID(),
      hash,
      now.toISOString(),
    ]),
  );
  return made && password === undefined ? chosen : null;
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw invalidInput(r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}

/**
 * The back-office API under /admin/api: a session cookie (HttpOnly, SameSite=Strict, its id kept
 * only as a hash) plus a CSRF token that every state-changing request must echo in
 * `x-csrf-token` (a forged cross-site form cannot read it). These are the two checks: a live
 * session (reads), and a session plus its CSRF token (changes).
 */
export function adminGuards(db: ServerDb, now: () => Date) {
  async function session(req: FastifyRequest): Promise<AdminSession> {
    const id = req.cookies[SESSION_COOKIE];
    if (!id) throw unauthenticated('Sign in to the back office first.');
    const row = await db.one<{ admin_id: string; username: string; csrf_token: string }>(
      `SELECT s.admin_id, a.username, s.csrf_token FROM admin_session s JOIN admin_user a ON a.id = s.admin_id WHERE s.id_hash = ? AND s.expires_at > ?`,
      [sha256(id), now().toISOString()],
    );
    if (!row) throw unauthenticated('The back-office session expired; sign in again.');
    return { adminId: row.admin_id, username: row.username, csrfToken: row.csrf_token };
  }
  async function changing(req: FastifyRequest): Promise<AdminSession> {
    const s = await session(req);
    const sent = req.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !sameText(sent, s.csrfToken)) {
      throw new SyncHttpError(403, { code: 'UNAUTHENTICATED', message: 'Missing or wrong CSRF token.' });
    }
    return s;
  }
  return { session, changing };
}

export function registerAdminRoutes(app: FastifyInstance, db: ServerDb, now: () => Date, secureCookies: boolean): void {
  const { session, changing } = adminGuards(db, now);
  const limiter = new RateLimiter(db, now);

  app.post('/admin/api/sign-in', async (req, reply: FastifyReply) => {
    const input = parse(z.object({ username: z.string().min(1).max(80), password: z.string().min(1).max(200) }).strict(), req.body);
    // Checked before the password: once a name or an address has used up its failures, even the right password waits.
    const userKey = `sign-in:user:${input.username.toLowerCase()}`;
    const addressKey = `sign-in:address:${req.ip}`;
    await limiter.check(userKey, SIGN_IN_PER_USER);
    await limiter.check(addressKey, SIGN_IN_PER_ADDRESS);
    const admin = await db.one<{ id: string; password_hash: string }>(`SELECT id, password_hash FROM admin_user WHERE username = ?`, [input.username]);
    // Unknown names cost a scrypt too, so timing does not tell which names exist.
    const ok = await checkPassword(input.password, admin?.password_hash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    if (!admin || !ok) {
      await limiter.fail(userKey, SIGN_IN_PER_USER);
      await limiter.fail(addressKey, SIGN_IN_PER_ADDRESS);
      throw unauthenticated('Wrong user name or password.');
    }
    await limiter.clear(userKey);
    const id = randomToken(32);
    const csrfToken = randomToken(24);
    const t = now();
    await db.tx((sql) =>
      sql.run(`INSERT INTO admin_session (id_hash, admin_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`, [
        sha256(id),
        admin.id,
        csrfToken,
        t.toISOString(),
        new Date(t.getTime() + SESSION_HOURS * 3600_000).toISOString(),
      ]),
    );
    reply.setCookie(SESSION_COOKIE, id, { path: '/admin', httpOnly: true, sameSite: 'strict', secure: secureCookies, maxAge: SESSION_HOURS * 3600 });
    return { username: input.username, csrfToken };
  });

  app.get('/admin/api/session', async (req) => {
    const s = await session(req);
    return { username: s.username, csrfToken: s.csrfToken };
  });

  app.post('/admin/api/sign-out', async (req, reply) => {
    await changing(req);
    await db.tx((sql) => sql.run(`DELETE FROM admin_session WHERE id_hash = ?`, [sha256(req.cookies[SESSION_COOKIE]!)]));
    reply.clearCookie(SESSION_COOKIE, { path: '/admin' });
    return { ok: true };
  });

  app.get('/admin/api/stores', async (req) => {
    await session(req);
    const rows = await db.all<{ id: string; name: string; time_zone: string }>(`SELECT id, name, time_zone FROM store ORDER BY name`);
    return rows.map((r) => ({ id: r.id, name: r.name, timeZone: r.time_zone }));
  });

  app.post('/admin/api/stores', async (req) => {
    await changing(req);
    const input = parse(z.object({ name: z.string().trim().min(1).max(80), timeZone: z.string().min(1).max(64).default('Asia/Shanghai') }).strict(), req.body);
    return createStore(db, input.name, input.timeZone, now());
  });

  app.post('/admin/api/stores/:storeId/pairing-codes', async (req) => {
    const s = await changing(req);
    const { storeId } = req.params as { storeId: string };
    const input = parse(z.object({ ttlMinutes: z.number().int().min(1).max(24 * 60).default(30) }).strict(), req.body);
    return createPairingCode(db, storeId, s.adminId, input.ttlMinutes, now());
  });

  app.get('/admin/api/terminals', async (req) => {
    await session(req);
    const rows = await db.all<Record<string, string | number | null>>(
      `SELECT id, store_id, name, enrolled_at, revoked_at, head_seq, head_hash, reported_seq, last_seen_at, last_error FROM terminal ORDER BY store_id, name`,
    );
    return rows.map((r) => ({
      id: r.id,
      storeId: r.store_id,
      name: r.name,
      enrolledAt: r.enrolled_at,
      revokedAt: r.revoked_at,
      ackedSeq: Number(r.head_seq),
      ackedHash: r.head_hash,
      backlog: Math.max(0, Number(r.reported_seq) - Number(r.head_seq)),
      lastSeenAt: r.last_seen_at,
      lastError: r.last_error,
    }));
  });

  // Sales per store, terminal and business day, from the journals (read-model/), optionally a day range.
  app.get('/admin/api/sales', async (req) => {
    await session(req);
    const q = parse(z.object({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }), req.query);
    const rows = await db.all<Record<string, string | number>>(
      `SELECT d.store_id, s.name AS store_name, d.terminal_id, t.name AS terminal_name, d.day, d.unit, d.amount, d.entries
         FROM sales_day d JOIN store s ON s.id = d.store_id JOIN terminal t ON t.id = d.terminal_id
        WHERE d.day >= ? AND d.day <= ? ORDER BY d.day, s.name, t.name, d.unit`,
      [q.from ?? '0000-00-00', q.to ?? '9999-99-99'],
    );
    return rows.map((r) => ({
      storeId: r.store_id,
      storeName: r.store_name,
      terminalId: r.terminal_id,
      terminalName: r.terminal_name,
      day: r.day,
      unit: r.unit,
      amount: Number(r.amount),
      entries: Number(r.entries),
    }));
  });

  app.post('/admin/api/terminals/:terminalId/revoke', async (req) => {
    await changing(req);
    const { terminalId } = req.params as { terminalId: string };
    if (!(await revokeTerminal(db, terminalId, now()))) throw new SyncHttpError(404, { code: 'INVALID_INPUT', message: 'No such active terminal.' });
    return { ok: true };
  });
}
