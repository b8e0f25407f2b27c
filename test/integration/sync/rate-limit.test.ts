import { afterEach, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases';
import { ADMIN_PASSWORD, Admin, startServer, type ServerProcess, type ServerTarget } from './support/server-process';

async function signIn(url: string, password: string, username = 'admin') {
  const res = await fetch(new URL('/admin/api/sign-in', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return { status: res.status, json: (await res.json()) as { error?: { code: string } } };
}

async function enroll(url: string, code: string) {
  const res = await fetch(new URL('/api/v1/enroll', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, terminalId: crypto.randomUUID(), terminalName: 'Till 1' }),
  });
  return { status: res.status, json: (await res.json()) as { error?: { code: string } } };
}

describe('rate limits on the server', () => {
  const kinds = databaseKinds();
  const open: ServerProcess[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.stop();
  });
  async function serve(target: ServerTarget) {
    const s = await startServer(target);
    open.push(s);
    return s;
  }

  for (const kind of kinds) {
    describe.skipIf(!kind.available)(`on ${kind.name}`, () => {
      it('admin sign-in: after 5 wrong passwords, counted across two server processes, even the right one waits', async () => {
        const target = await kind.target();
        const [a, b] = [await serve(target), await serve(target)];
        // The right password clears the count: a manager who mistyped twice is not punished later.
        for (const url of [a.url, b.url]) expect((await signIn(url, 'wrong')).status).toBe(401);
        expect((await signIn(a.url, ADMIN_PASSWORD)).status).toBe(200);
        for (const url of [a.url, b.url, a.url, b.url, a.url]) expect((await signIn(url, 'wrong')).status).toBe(401);
        for (const url of [a.url, b.url]) {
          const r = await signIn(url, ADMIN_PASSWORD);
          expect(r.status).toBe(429);
          expect(r.json.error?.code).toBe('RATE_LIMITED');
        }
        // Another user name from the same address is limited by the (higher) per-address count only.
        expect((await signIn(a.url, 'wrong', 'someone')).status).toBe(401);
      });

      it('pairing codes: after 10 wrong codes from one address a valid code is refused too, and nothing is enrolled', async () => {
        const target = await kind.target();
        const [a, b] = [await serve(target), await serve(target)];
        const admin = await Admin.signIn(a.url);
        const store = await admin.store('Riverside');
        const code = await admin.pairingCode(store.id);
        for (let i = 0; i < 10; i++) expect((await enroll(i % 2 ? a.url : b.url, `WRNG-CODE-${String(i).padStart(4, 'A')}`)).json.error?.code).toBe('PAIRING_CODE_INVALID');
        const r = await enroll(b.url, code);
        expect(r.status).toBe(429);
        expect(r.json.error?.code).toBe('RATE_LIMITED');
        expect((await admin.request('GET', '/admin/api/terminals')).json).toEqual([]);
      });
    });
  }
});
