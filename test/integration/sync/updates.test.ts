import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/ops/logging';
import { UpdateService } from '../../../src-main/services/sync/updates/update-service';
import { fuelBusy } from '../../../src-main/services/sync/updates/busy-checks';
import { rolloutBucket } from '../../../src-server/updates/rollout';
import { openFuelCounter, payInput, waitForOrderState } from '../fuel/fixtures';
import { databaseKinds } from './support/databases';
import { HttpUpdater, release } from './support/http-updater';
import { Admin, startServer, type ServerProcess } from './support/server-process';
import { syncTerminal, type SyncTerminal } from './support/terminal';

async function upload(admin: Admin, r: ReturnType<typeof release>, csrf: string | null = admin.csrf) {
  const res = await fetch(new URL(`/admin/api/updates/${r.version}/files/${r.name}`, admin.url), {
    method: 'PUT',
    headers: { cookie: (admin as unknown as { cookie: string }).cookie, 'content-type': 'application/octet-stream', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
    body: new Uint8Array(r.bytes),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('auto-update feed and the never-mid-sale policy', () => {
  const kinds = databaseKinds();
  const open: { close(): Promise<unknown> }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
  });
  async function serve(target: Parameters<typeof startServer>[0]): Promise<ServerProcess> {
    const s = await startServer(target);
    open.push({ close: () => s.stop() });
    return s;
  }
  async function enrolled(url: string, admin: Admin, storeId: string, opts: Parameters<typeof syncTerminal>[0] = {}): Promise<SyncTerminal> {
    const t = await syncTerminal(opts);
    open.push(t);
    await t.ok('sync.enroll', { serverUrl: url, code: await admin.pairingCode(storeId) });
    return t;
  }

  for (const kind of kinds) {
    describe.skipIf(!kind.available)(`on ${kind.name}`, () => {
      it('serves a release only to the stores and the share of terminals it is rolled out to; uploads are admin-only', async () => {
        const s = await serve(await kind.target());
        const admin = await Admin.signIn(s.url);
        const [a, b] = [await admin.store('Store A'), await admin.store('Store B')];
        const ta = await enrolled(s.url, admin, a.id);
        const tb = await enrolled(s.url, admin, b.id);
        const r = release('1.1.0', randomBytes(300_000));

        expect((await admin.request('POST', '/admin/api/updates', { version: '1.1.0', latestYml: r.latestYml.replace('1.1.0', '1.2.0') })).status).toBe(400);
        expect((await admin.request('POST', '/admin/api/updates', { version: r.version, latestYml: r.latestYml }, { csrf: null })).status).toBe(403);
        expect((await admin.request('POST', '/admin/api/updates', { version: r.version, latestYml: r.latestYml })).status).toBe(200);
        // Not rolled out before its installer is there; uploads need the CSRF token; only files latest.yml names.
        expect((await admin.request('PUT', '/admin/api/updates/1.1.0/rollout', { percent: 100 })).status).toBe(400);
        expect((await upload(admin, r, null)).status).toBe(403);
        expect((await upload(admin, { ...r, name: 'other.exe' })).status).toBe(400);
        expect(await upload(admin, r)).toMatchObject({ status: 200, json: { size: 300_000 } });

        const feed = (t: SyncTerminal) => t.services.sync.updateFeed()!;
        expect((await fetch(`${feed(ta).url}/latest.yml`)).status).toBe(401);
        const check = (t: SyncTerminal) => new HttpUpdater('1.0.0').check(feed(t));
        expect(await check(ta)).toBeNull(); // a new release reaches nobody
        expect((await fetch(`${feed(ta).url}/${r.name}`, { headers: feed(ta).headers })).status).toBe(404);

        await admin.request('PUT', '/admin/api/updates/1.1.0/rollout', { percent: 0, stores: [a.id] });
        const got = new HttpUpdater('1.0.0');
        expect(await got.check(feed(ta))).toEqual({ version: '1.1.0' });
        expect(got.downloaded!.bytes.equals(r.bytes)).toBe(true);
        expect(await check(tb)).toBeNull();
        expect(await new HttpUpdater('1.1.0').check(feed(ta))).toBeNull(); // already on it

        const bucket = rolloutBucket(tb.services.settings.get().terminal.id);
        await admin.request('PUT', '/admin/api/updates/1.1.0/rollout', { percent: bucket, stores: [a.id] });
        expect(await check(tb)).toBeNull();
        await admin.request('PUT', '/admin/api/updates/1.1.0/rollout', { percent: bucket + 1, stores: [a.id] });
        expect(await check(tb)).toEqual({ version: '1.1.0' });

        // The terminal's own update service reads the feed at attach and waits for an idle moment.
        const updater = new HttpUpdater('1.0.0');
        ta.services.updates.attach(updater);
        await expect.poll(() => ta.services.updates.status()).toMatchObject({ state: 'waiting-for-idle', version: '1.1.0' });
      });
    });
  }

  it('installs a downloaded update only when no fuel order is running and no sale was made for the quiet period — never mid-sale', async () => {
    const c = await openFuelCounter({ centilitresPerSecond: 400 });
    open.push(c);
    const store = c.t.services.fuel.store;
    // The composition root registers the same fuel check on the terminal's own update service.
    expect(c.t.services.updates.busyReason()).toMatch(/ago/);
    const updates = new UpdateService({ feed: () => ({ url: 'http://feed.invalid', headers: {} }), journalHead: () => c.t.services.sync.status().localSeq, log: silentLogger(), timing: { idlePollMs: 50, quietMs: 1500 } });
    updates.addBusyCheck('fuel', fuelBusy(store));
    open.push({ close: async () => updates.stop() });
    let runningAtInstall = -1;
    const fake = { installs: 0, check: async () => ({ version: '9.9.9' }), install: () => void (fake.installs++, (runningAtInstall = (['paid', 'released', 'dispensing'] as const).flatMap((s) => store.ordersInState(s)).length)) };

    const order = await c.t.ok<{ id: string }>('fuel.pay', payInput({ quantity: 30000 }));
    updates.attach(fake);
    await expect.poll(() => updates.status().state).toBe('waiting-for-idle');
    await waitForOrderState(c, order.id, 'dispensing', 30_000);
    await expect.poll(() => updates.status().busy).toMatch(/fuel order on pump 1 is dispensing/);
    expect(c.t.services.updates.busyReason()).toMatch(/fuel order on pump 1/);
    expect(fake.installs).toBe(0);

    await waitForOrderState(c, order.id, 'completed', 60_000);
    await expect.poll(() => fake.installs, { timeout: 30_000 }).toBe(1);
    expect(runningAtInstall).toBe(0);
    expect(updates.status().state).toBe('installing');
  }, 120_000);

  it('a counter selling steadily is not idle: the update waits until the sales stop for the quiet period', async () => {
    const t = await syncTerminal();
    open.push(t);
    const updates = new UpdateService({ feed: () => ({ url: 'http://feed.invalid', headers: {} }), journalHead: () => t.services.sync.status().localSeq, log: silentLogger(), timing: { idlePollMs: 50, quietMs: 5000 } });
    open.push({ close: async () => updates.stop() });
    const fake = { installs: 0, check: async () => ({ version: '9.9.9' }), install: () => void fake.installs++ };
    updates.attach(fake);
    await expect.poll(() => updates.status().state).toBe('waiting-for-idle');
    let sales = 0;
    const selling = setInterval(() => {
      t.sell(1);
      sales++;
    }, 200);
    await expect.poll(() => sales, { timeout: 30_000 }).toBeGreaterThan(15);
    clearInterval(selling);
    expect(fake.installs).toBe(0);
    expect(updates.status().busy).toMatch(/a sale or change was made/);
    await expect.poll(() => fake.installs, { timeout: 30_000 }).toBe(1);
  }, 60_000);
});
