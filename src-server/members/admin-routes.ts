import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod';
import { memberNumber, memberPhone, valueCommandId, valueUnit } from '../../src-main/domain/value/protocol';
import type { ServerDb } from '../db';
import { SyncHttpError, unauthenticated } from '../errors';
import { SESSION_COOKIE } from '../admin';
import { sameText, sha256 } from '../secrets';
import { ValueHttpError, parseValue } from '../value/http';
import type { ValueLedger } from '../value/value-ledger';
import { createMember, credit, findMember, listMembers, memberView } from './members';

/**
 * The back office's members: add a member, list them, credit value to one (miles earned, a
 * demo balance). The same session and CSRF rules as the rest of /admin/api (admin.ts): the
 * session check is repeated here rather than shared, to keep this module out of admin.ts while
 * that file is being changed on another branch — merge the two when both have landed.
 */
export function registerMemberAdminRoutes(app: FastifyInstance, db: ServerDb, ledger: ValueLedger, now: () => Date): void {
  async function admin(req: FastifyRequest, changing: boolean): Promise<void> {
    const id = req.cookies[SESSION_COOKIE];
    if (!id) throw unauthenticated('Sign in to the back office first.');
    const row = await db.one<{ csrf_token: string }>(`SELECT csrf_token FROM admin_session WHERE id_hash = ? AND expires_at > ?`, [sha256(id), now().toISOString()]);
    if (!row) throw unauthenticated('The back-office session expired; sign in again.');
    const sent = req.headers['x-csrf-token'];
    if (changing && (typeof sent !== 'string' || !sameText(sent, row.csrf_token))) throw new SyncHttpError(403, { code: 'UNAUTHENTICATED', message: 'Missing or wrong CSRF token.' });
  }

  app.get('/admin/api/members', async (req) => {
    await admin(req, false);
    return Promise.all((await listMembers(db)).map(async (m) => ({ ...(await memberView(db, m)), phone: m.phone })));
  });

  app.post('/admin/api/members', async (req) => {
    await admin(req, true);
    const input = parseValue(z.object({ number: memberNumber, phone: memberPhone.optional(), name: z.string().trim().min(1).max(80) }).strict(), req.body);
    const m = await createMember(db, input, now());
    return memberView(db, m);
  });

  app.post('/admin/api/members/:memberId/credit', async (req) => {
    await admin(req, true);
    const { memberId } = parseValue(z.object({ memberId: z.string().min(1).max(64) }).strict(), req.params);
    const input = parseValue(z.object({ commandId: valueCommandId, unit: valueUnit, amount: z.number().int().min(1).max(1_000_000_000), memo: z.string().max(200).default('') }).strict(), req.body);
    const m = await findMember(db, { id: memberId });
    if (!m) throw new ValueHttpError(404, { code: 'MEMBER_NOT_FOUND', message: 'No member with this id.' });
    await ledger.command(`admin:${input.commandId}:credit`, 'value.credit', { memberId, ...input }, (tx) => credit(tx, m.id, input.unit, input.amount, input.memo || 'credit'));
    return memberView(db, m);
  });
}
