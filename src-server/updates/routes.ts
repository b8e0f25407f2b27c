import type { FastifyInstance } from 'fastify';
import * as z from 'zod';
import { adminGuards } from '../admin';
import type { ServerDb } from '../db';
import { SyncHttpError, invalidInput } from '../errors';
import { authenticateTerminal } from '../terminals';
import { receivesRelease } from './rollout';
import { addFile, createRelease, fileContent, fileName, listReleases, releaseFor, setRollout, version } from './update-store';

/** Installers are large: uploads take up to this many bytes (the rest of the API keeps its own limit). */
const INSTALLER_LIMIT = 512 * 1024 * 1024;

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw invalidInput(r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}

/**
 * The auto-update feed, electron-updater's "generic" provider:
 * - terminals (their credential in `Authorization`): `GET /api/v1/updates/latest.yml` answers the
 *   newest release rolled out to them (404 when none), `GET /api/v1/updates/<file>` its files;
 * - back office (admin, CSRF): create a release from its latest.yml, upload each file it names
 *   (raw body), then set its rollout (a percentage of terminals and/or a list of stores).
 */
export function registerUpdateRoutes(app: FastifyInstance, db: ServerDb, now: () => Date): void {
  const { session, changing } = adminGuards(db, now);
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: INSTALLER_LIMIT }, (_req, body, done) => done(null, body));

  app.get('/api/v1/updates/latest.yml', async (req, reply) => {
    const t = await authenticateTerminal(db, req);
    const release = await releaseFor(db, t);
    if (!release) throw new SyncHttpError(404, { code: 'INVALID_INPUT', message: 'No update is rolled out to this terminal.' });
    return reply.type('text/yaml; charset=utf-8').header('cache-control', 'no-store').send(release.latestYml);
  });

  app.get('/api/v1/updates/:file', async (req, reply) => {
    const t = await authenticateTerminal(db, req);
    const { file } = req.params as { file: string };
    const found = fileName.safeParse(file).success ? await fileContent(db, file) : null;
    const release = found ? (await listReleases(db)).find((r) => r.version === found.release) : undefined;
    // A file of a release not rolled out to this terminal is not served to it.
    if (!found || !release || !receivesRelease(release.rollout, t)) throw new SyncHttpError(404, { code: 'INVALID_INPUT', message: 'No such update file for this terminal.' });
    return reply.type('application/octet-stream').header('cache-control', 'no-store').send(found.content);
  });

  app.get('/admin/api/updates', async (req) => {
    await session(req);
    return listReleases(db);
  });

  app.post('/admin/api/updates', async (req) => {
    const s = await changing(req);
    const input = parse(z.object({ version, latestYml: z.string().min(10).max(100_000) }).strict(), req.body);
    await createRelease(db, input.version, input.latestYml, s.username, now());
    return { version: input.version };
  });

  app.put('/admin/api/updates/:version/files/:file', { bodyLimit: INSTALLER_LIMIT }, async (req) => {
    await changing(req);
    const p = parse(z.object({ version, file: fileName }), req.params);
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw invalidInput('send the file as the request body (application/octet-stream)');
    return { name: p.file, ...(await addFile(db, p.version, p.file, req.body, now())) };
  });

  app.put('/admin/api/updates/:version/rollout', async (req) => {
    await changing(req);
    const p = parse(z.object({ version }), req.params);
    const input = parse(z.object({ percent: z.number().int().min(0).max(100), stores: z.array(z.string().min(1).max(64)).max(1000).default([]) }).strict(), req.body);
    await setRollout(db, p.version, input);
    return { version: p.version, rollout: input };
  });
}
