import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import * as z from 'zod';
import { MAX_PULL, STREAM_SCHEMAS } from '../../src-main/domain/sync/reference';
import { adminGuards } from '../admin';
import type { ServerDb } from '../db';
import { invalidInput } from '../errors';
import { authenticateTerminal, type AuthedTerminal } from '../terminals';
import type { PushHub } from './push-hub';
import { listRecords, pullRecords, recordChange, writeRecords } from './reference-store';

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw invalidInput(r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}

const writeBody = z.object({ records: z.array(recordChange).min(1).max(MAX_PULL) }).strict();

/**
 * Reference data over HTTP and the push channel:
 * - terminals: `GET /api/v1/reference/:stream?after=N` (their own store's and all-store records
 *   only; the store comes from the credential) and the WebSocket `GET /api/v1/events`;
 * - back office (admin session; changes need the CSRF token): list and write a stream's records.
 */
export async function registerReferenceRoutes(app: FastifyInstance, db: ServerDb, hub: PushHub, now: () => Date): Promise<void> {
  const { session, changing } = adminGuards(db, now);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });

  app.get('/api/v1/reference/:stream', async (req) => {
    const t = await authenticateTerminal(db, req);
    const { stream } = req.params as { stream: string };
    const q = parse(z.object({ after: z.coerce.number().int().min(0).default(0) }), req.query);
    return pullRecords(db, stream, t.storeId, q.after);
  });

  app.get(
    '/api/v1/events',
    {
      websocket: true,
      // The credential is checked before the upgrade: an unknown or revoked terminal gets a plain 401.
      preValidation: async (req) => {
        (req as unknown as { terminal: AuthedTerminal }).terminal = await authenticateTerminal(db, req);
      },
    },
    (socket, req) => hub.add(socket, (req as unknown as { terminal: AuthedTerminal }).terminal),
  );

  app.get('/admin/api/reference', async (req) => {
    await session(req);
    return { streams: Object.keys(STREAM_SCHEMAS) };
  });

  app.get('/admin/api/reference/:stream', async (req) => {
    await session(req);
    const { stream } = req.params as { stream: string };
    if (!STREAM_SCHEMAS[stream]) throw invalidInput(`No reference stream ${stream}.`);
    return listRecords(db, stream);
  });

  app.post('/admin/api/reference/:stream', async (req) => {
    const s = await changing(req);
    const { stream } = req.params as { stream: string };
    const input = parse(writeBody, req.body);
    const r = await writeRecords(db, stream, input.records, s.username, now());
    hub.notify(r.scopes.map((scope) => ({ stream, scope })));
    return { versions: r.versions };
  });
}
