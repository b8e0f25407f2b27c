import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAck, type EnrollResponse } from '../../../src-main/domain/sync/protocol';
import { openServerDb } from '../../../src-server/db';
import { sha256 } from '../../../src-server/secrets';
import { normalizeCode } from '../../../src-server/terminals';
import { databaseKinds, serverJournal } from './support/databases';
import { get, makeChain, post } from './support/entries';
import { Admin, startServer, type ServerProcess, type ServerTarget } from './support/server-process';

describe('central server', () => {
  const kinds = databaseKinds();
  const running: ServerProcess[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  });
  async function serve(target: ServerTarget, port = 0) {
    const s = await startServer(target, port);
    running.push(s);
    return s;
  }
  async function enrolled(url: string, admin?: Admin) {
    const a = admin ?? (await Admin.signIn(url));
    const store = await a.store();
    const terminalId = randomUUID();
    const r = await post(url, '/api/v1/enroll', { code: await a.pairingCode(store.id), terminalId, terminalName: 'Counter 1' });
    expect(r.status).toBe(200);
    return { admin: a, store, terminalId, enroll: r.json as EnrollResponse };
  }

  for (const kind of kinds) {
    describe.skipIf(!kind.available)(`on ${kind.name}`, () => {
      it('answers health and readiness, and refuses the back office without a session or a CSRF token', async () => {
        const s = await serve(await kind.target());
        expect((await get(s.url, '/health')).json).toEqual({ status: 'ok' });
        expect((await get(s.url, '/ready')).json).toMatchObject({ status: 'ready', database: kind.name === 'SQLite' ? 'sqlite' : 'postgres' });
        await expect(Admin.signIn(s.url, 'wrong password')).rejects.toThrow(/401/);
        expect((await post(s.url, '/admin/api/stores', { name: 'No session' })).status).toBe(401);
        const admin = await Admin.signIn(s.url);
        const forged = await admin.request('POST', '/admin/api/stores', { name: 'Forged' }, { csrf: null });
        expect(forged.status).toBe(403);
        expect((await admin.request('GET', '/admin/api/stores')).json).toEqual([]);
      });

      it('enrolls a terminal with a one-time pairing code that cannot be used twice or after it expires', async () => {
        const target = await kind.target();
        const s = await serve(target);
        const { admin, store, terminalId, enroll } = await enrolled(s.url);
        expect(enroll.storeId).toBe(store.id);
        expect(verifyAck(enroll.head, enroll.serverKey)).toBe(true);
        expect(enroll.head).toMatchObject({ terminalId, seq: 0 });

        const code = await admin.pairingCode(store.id);
        expect((await post(s.url, '/api/v1/enroll', { code, terminalId: randomUUID(), terminalName: 'Counter 2' })).status).toBe(200);
        const again = await post(s.url, '/api/v1/enroll', { code, terminalId: randomUUID(), terminalName: 'Counter 3' });
        expect(again.status).toBe(403);
        expect(again.json.error.code).toBe('PAIRING_CODE_INVALID');

        // A code made 31 minutes ago with a 30-minute life.
        const db = await openServerDb(target);
        await db.tx((sql) =>
          sql.run(`INSERT INTO pairing_code (code_hash, store_id, created_by, created_at, expires_at) VALUES (?, ?, 'test', ?, ?)`, [
            sha256(normalizeCode('OLDC-ODE2-3456')),
            store.id,
            new Date(Date.now() - 31 * 60_000).toISOString(),
            new Date(Date.now() - 60_000).toISOString(),
          ]),
        );
        await db.close();
        const expired = await post(s.url, '/api/v1/enroll', { code: 'oldc-ode2-3456', terminalId: randomUUID(), terminalName: 'Counter 4' });
        expect(expired.json.error.code).toBe('PAIRING_CODE_INVALID');
      });

      it('stores a pushed journal once, in order, chained; answers with a signed head; refuses gaps, broken chains and other terminals', async () => {
        const target = await kind.target();
        const s = await serve(target);
        const { terminalId, enroll } = await enrolled(s.url);
        const cred = enroll.credential;
        const chain = makeChain(terminalId, 30);

        const first = await post(s.url, '/api/v1/journal', { entries: chain.slice(0, 10) }, cred);
        expect(first.status).toBe(200);
        expect(first.json).toMatchObject({ accepted: 10, duplicates: 0, ack: { terminalId, seq: 10, hash: chain[9]!.hash } });
        expect(verifyAck(first.json.ack, enroll.serverKey)).toBe(true);
        expect(verifyAck({ ...first.json.ack, seq: 11 }, enroll.serverKey)).toBe(false);

        // The same batch again (a retry after a lost answer): nothing new.
        const twice = await post(s.url, '/api/v1/journal', { entries: chain.slice(0, 10) }, cred);
        expect(twice.json).toMatchObject({ accepted: 0, duplicates: 10, ack: { seq: 10 } });

        // Out of order: entries 21.. before 11..20.
        const early = await post(s.url, '/api/v1/journal', { entries: chain.slice(20) }, cred);
        expect(early.status).toBe(409);
        expect(early.json.error).toMatchObject({ code: 'GAP', expectedSeq: 11, seq: 21 });
        expect(early.json.error.head.seq).toBe(10);

        // A body altered after hashing: the whole batch is refused, naming the entry.
        const altered = chain.slice(10, 20).map((e) => (e.seq === 15 ? { ...e, body: e.body.replace('"post"', '"void"') } : e));
        const broken = await post(s.url, '/api/v1/journal', { entries: altered }, cred);
        expect(broken.status).toBe(422);
        expect(broken.json.error).toMatchObject({ code: 'CHAIN_BROKEN', seq: 15 });
        expect((await serverJournal(target, terminalId)).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

        // Overlapping batch (a resend from an older head) with new entries: old ones are duplicates.
        const overlap = await post(s.url, '/api/v1/journal', { entries: chain.slice(5, 30) }, cred);
        expect(overlap.json).toMatchObject({ accepted: 20, duplicates: 5, ack: { seq: 30, hash: chain[29]!.hash } });

        // Another terminal's entries under this credential.
        const other = makeChain(randomUUID(), 31).slice(30);
        const foreign = await post(s.url, '/api/v1/journal', { entries: [{ ...other[0]!, prevHash: chain[29]!.hash }] }, cred);
        expect(foreign.status).toBe(422);

        const rows = await serverJournal(target, terminalId);
        expect(rows.map((r) => r.seq)).toEqual(chain.map((e) => e.seq));
        expect(rows.map((r) => r.hash)).toEqual(chain.map((e) => e.hash));
      });

      it('authenticates every request per terminal: no credential, a wrong one, or a revoked terminal is refused at once', async () => {
        const s = await serve(await kind.target());
        const { admin, store, terminalId, enroll } = await enrolled(s.url);
        const chain = makeChain(terminalId, 4);
        expect((await post(s.url, '/api/v1/journal', { entries: chain })).status).toBe(401);
        expect((await post(s.url, '/api/v1/journal', { entries: chain }, 'x'.repeat(43))).json.error.code).toBe('UNAUTHENTICATED');
        expect((await get(s.url, '/api/v1/store', enroll.credential)).json).toMatchObject({ id: store.id, name: 'Test Spa' });
        expect((await post(s.url, '/api/v1/journal', { entries: chain.slice(0, 2) }, enroll.credential)).status).toBe(200);

        expect((await admin.request('POST', `/admin/api/terminals/${terminalId}/revoke`, {})).status).toBe(200);
        const after = await post(s.url, '/api/v1/journal', { entries: chain.slice(2) }, enroll.credential);
        expect(after.status).toBe(401);
        expect(after.json.error.code).toBe('REVOKED');
        expect((await get(s.url, '/api/v1/store', enroll.credential)).json.error.code).toBe('REVOKED');
        const listed = (await admin.request('GET', '/admin/api/terminals')).json as { id: string; ackedSeq: number; revokedAt: string | null }[];
        expect(listed.find((t) => t.id === terminalId)).toMatchObject({ ackedSeq: 2, revokedAt: expect.any(String) });
      });

      it('runs as two stateless processes on one database: either one takes the next batch, the same batch on both is stored once', async () => {
        const target = await kind.target();
        const a = await serve(target);
        const b = await serve(target);
        const { admin, terminalId, enroll } = await enrolled(a.url);
        const cred = enroll.credential;
        const chain = makeChain(terminalId, 300);
        expect((await post(a.url, '/api/v1/journal', { entries: chain.slice(0, 100) }, cred)).json.ack.seq).toBe(100);
        const viaB = await post(b.url, '/api/v1/journal', { entries: chain.slice(100, 200) }, cred);
        expect(viaB.json.ack.seq).toBe(200);
        // Signed by the same key whichever process answered.
        expect(verifyAck(viaB.json.ack, enroll.serverKey)).toBe(true);
        const both = await Promise.all([a, b, a, b].map((s) => post(s.url, '/api/v1/journal', { entries: chain.slice(200) }, cred)));
        expect(both.map((r) => r.status)).toEqual([200, 200, 200, 200]);
        expect(both.reduce((n, r) => n + r.json.accepted, 0)).toBe(100);
        expect((await serverJournal(target, terminalId)).length).toBe(300);

        // A revocation through one process stops the terminal on the other at once.
        await admin.request('POST', `/admin/api/terminals/${terminalId}/revoke`, {});
        expect((await get(b.url, '/api/v1/head', cred)).json.error.code).toBe('REVOKED');

        // Graceful stop: exit code 0, and the other process keeps serving.
        running.splice(running.indexOf(a), 1);
        expect(await a.stop()).toBe(0);
        expect(a.output()).toContain('server stopped');
        expect((await get(b.url, '/ready')).status).toBe(200);
      });
    });
  }
});
