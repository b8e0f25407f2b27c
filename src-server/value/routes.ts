import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod';
import { holdRequest, memberLookupQuery, refundRequest, valueCommandId, valueUnit, type ValueErrorCode } from '../../src-main/domain/value/protocol';
import type { ServerDb } from '../db';
import { SyncHttpError } from '../errors';
import { registerMemberAdminRoutes } from '../members/admin-routes';
import { MemberError, findMember, memberView } from '../members/members';
import { authenticateTerminal } from '../terminals';
import { ValueHttpError, parseValue } from './http';
import { Redemptions, memberHistory } from './redemptions';
import { ValueError, ValueLedger } from './value-ledger';

const STATUS: Record<ValueErrorCode, number> = {
  UNAUTHENTICATED: 401,
  REVOKED: 401,
  INVALID_INPUT: 400,
  MEMBER_NOT_FOUND: 404,
  HOLD_NOT_FOUND: 404,
  INSUFFICIENT_VALUE: 409,
  HOLD_NOT_OPEN: 409,
  HOLD_EXPIRED: 409,
  NOT_REFUNDABLE: 409,
  COMMAND_REUSED: 409,
  BAD_AMOUNT: 400,
  INTERNAL: 500,
};

function refusal(e: unknown): ValueHttpError | null {
  if (e instanceof ValueHttpError) return e;
  if (e instanceof MemberError) return new ValueHttpError(e.code === 'MEMBER_NOT_FOUND' ? 404 : 409, { code: e.code === 'MEMBER_NOT_FOUND' ? 'MEMBER_NOT_FOUND' : 'INVALID_INPUT', message: e.message });
  if (e instanceof ValueError) {
    const code: ValueErrorCode = e.code === 'ACCOUNT_UNKNOWN' || e.code === 'UNIT_MISMATCH' ? 'INVALID_INPUT' : e.code;
    const d = e.details as { available?: number; requested?: number; state?: string | null };
    return new ValueHttpError(STATUS[code], {
      code,
      message: e.message,
      ...(typeof d.available === 'number' ? { available: d.available } : {}),
      ...(typeof d.requested === 'number' ? { requested: d.requested } : {}),
      ...(typeof d.state === 'string' ? { state: d.state } : {}),
    });
  }
  if (e instanceof SyncHttpError && (e.body.code === 'UNAUTHENTICATED' || e.body.code === 'REVOKED' || e.body.code === 'INVALID_INPUT')) return new ValueHttpError(e.status, { code: e.body.code, message: e.body.message });
  const status = (e as { statusCode?: number }).statusCode;
  if (status && status >= 400 && status < 500) return new ValueHttpError(status, { code: 'INVALID_INPUT', message: (e as Error).message });
  return null;
}

const commandParam = z.object({ commandId: valueCommandId }).strict();

/**
 * Customer value for terminals (`/api/v1/value/...`), authenticated by the terminal's credential
 * like the journal push: look a member up by number or phone, see balances and history, hold,
 * capture, void and refund for a sale. A terminal acts only for its own store (its store comes
 * from its credential, never from the request). Plus the back office's member routes.
 */
/** How often expired holds are released. */
const HOLD_SWEEP_MS = 60_000;

export function registerValueRoutes(app: FastifyInstance, db: ServerDb, now: () => Date): void {
  const ledger = new ValueLedger(db);
  const redemptions = new Redemptions(db, ledger);
  // Holds whose terminal never came back (to capture or void them) give their value back once they
  // expire. Every server process sweeps; each expiry is one conditional UPDATE, so two never collide.
  const sweep = setInterval(() => {
    ledger.expireHolds(now()).catch((e: unknown) => app.log.warn({ err: e }, 'value: hold expiry sweep failed'));
  }, HOLD_SWEEP_MS);
  sweep.unref();
  app.addHook('onClose', async () => clearInterval(sweep));

  void app.register(async (scope) => {
    scope.setErrorHandler((err: Error, req: FastifyRequest, reply: FastifyReply) => {
      const r = refusal(err);
      if (r) {
        req.log.info({ code: r.body.code }, r.message);
        return reply.status(r.status).send({ error: r.body });
      }
      req.log.error({ err }, 'value request failed');
      return reply.status(500).send({ error: { code: 'INTERNAL', message: 'The server failed; nothing was changed. Try again.' } });
    });

    scope.get('/api/v1/value/members', async (req) => {
      await authenticateTerminal(db, req);
      const q = parseValue(memberLookupQuery, req.query);
      const m = await findMember(db, q);
      if (!m) throw new ValueHttpError(404, { code: 'MEMBER_NOT_FOUND', message: 'No member with this number or phone.' });
      return { member: await memberView(db, m) };
    });

    scope.get('/api/v1/value/members/:memberId/history', async (req) => {
      await authenticateTerminal(db, req);
      const { memberId } = parseValue(z.object({ memberId: z.string().min(1).max(64) }).strict(), req.params);
      const { unit } = parseValue(z.object({ unit: valueUnit.default('MILES') }).strict(), req.query);
      const m = await findMember(db, { id: memberId });
      if (!m) throw new ValueHttpError(404, { code: 'MEMBER_NOT_FOUND', message: 'No member with this id.' });
      return { member: await memberView(db, m), unit, movements: await memberHistory(db, m.id, unit) };
    });

    scope.post('/api/v1/value/holds', async (req) => {
      const t = await authenticateTerminal(db, req);
      const input = parseValue(holdRequest, req.body);
      return redemptions.hold(t, input, now());
    });

    scope.get('/api/v1/value/holds', async (req) => {
      const t = await authenticateTerminal(db, req);
      return { holds: await redemptions.openHolds(t) };
    });

    scope.post('/api/v1/value/holds/:commandId/capture', async (req) => {
      const t = await authenticateTerminal(db, req);
      return redemptions.capture(t, parseValue(commandParam, req.params).commandId);
    });

    scope.post('/api/v1/value/holds/:commandId/void', async (req) => {
      const t = await authenticateTerminal(db, req);
      return redemptions.void(t, parseValue(commandParam, req.params).commandId);
    });

    scope.post('/api/v1/value/holds/:commandId/refund', async (req) => {
      const t = await authenticateTerminal(db, req);
      const { commandId } = parseValue(commandParam, req.params);
      return redemptions.refund(t, commandId, parseValue(refundRequest, req.body).commandId);
    });

    registerMemberAdminRoutes(scope, db, ledger, now);
  });
}
