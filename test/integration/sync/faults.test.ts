import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseKinds, expectServerInSync } from './support/databases';
import { FaultProxy } from './support/fault-proxy';
import { Admin, startServer, type ServerProcess, type ServerTarget } from './support/server-process';
import { inSync, syncTerminal, type SyncTerminal } from './support/terminal';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support/terminal-child.ts');

/**
 * Fault injection with real server processes: after each fault, every local entry is on the
 * server exactly once, in order, its copy chains from genesis, and the server's per-day sales
 * equal the terminal's ledger (expectServerInSync).
 */
describe('sync under faults', () => {
  const kinds = databaseKinds();
  const open: { close(): Promise<unknown> }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close().catch(() => undefined);
  });
  const track = <T extends { close(): Promise<unknown> }>(x: T): T => (open.push(x), x);
  const serve = async (target: ServerTarget, port = 0): Promise<ServerProcess> => {
    const s = await startServer(target, port);
    track({ close: () => (s.child.exitCode === null && s.child.signalCode === null ? s.stop() : Promise.resolve()) });
    return s;
  };

  /** Enrolls through `url` (the server, or a proxy in front of it); the back office is at `adminUrl`. */
  async function enrolledTerminal(url: string, opts: Parameters<typeof syncTerminal>[0] = {}, adminUrl = url): Promise<SyncTerminal> {
    const admin = await Admin.signIn(adminUrl);
    const store = await admin.store();
    const t = track(await syncTerminal(opts));
    await t.ok('sync.enroll', { serverUrl: url, code: await admin.pairingCode(store.id) });
    return t;
  }
  const terminalId = (t: SyncTerminal) => t.services.settings.get().terminal.id;

  for (const kind of kinds) {
    describe.skipIf(!kind.available)(`on ${kind.name}`, () => {
      it('server down for a while, then back on the same address: offline with a growing backlog, then drained', async () => {
        const target = await kind.target();
        const s = await serve(target);
        const t = await enrolledTerminal(s.url);
        t.sell(5);
        await t.waitFor(inSync, 'first sales pushed');
        await s.stop();
        // Nothing to push: the heartbeat alone shows the server gone.
        expect((await t.waitFor((x) => !x.online, 'offline seen while idle')).backlog).toBe(0);
        t.sell(30);
        const down = await t.waitFor((x) => !x.online && x.backlog === 30 && x.lastError !== null, 'offline with a backlog');
        expect(down.phase).toBe('offline');
        t.sell(20);
        expect(t.services.sync.status().backlog).toBe(50);
        await serve(target, s.port);
        t.services.sync.pushNow();
        await t.waitFor(inSync, 'backlog drained after the server came back');
        expect(t.services.sync.status()).toMatchObject({ online: true, phase: 'online', lastError: null });
        await expectServerInSync(target, t.services.db.sqlite, terminalId(t));
      });

      it('HTTP 500s, timeouts, batches delivered twice and answers lost after the server committed', async () => {
        const target = await kind.target();
        const s = await serve(target);
        const proxy = track(await FaultProxy.start(s.url));
        const t = await enrolledTerminal(proxy.url, { timing: { batchSize: 20, requestTimeoutMs: 800 } }, s.url);
        for (const fault of ['error500', 'hang', 'duplicate', 'loseResponse'] as const) {
          proxy.mode = fault;
          proxy.faulted = 0;
          proxy.duplicatesAnswered = 0;
          t.sell(45);
          await t.waitFor(() => proxy.faulted >= 3, `${fault} injected three times`);
          if (fault === 'error500' || fault === 'hang') expect(t.services.sync.status().online).toBe(false);
          proxy.mode = 'pass';
          t.services.sync.pushNow();
          await t.waitFor(inSync, `drained after ${fault}`);
          // The server was sent entries it already held, and counted them instead of storing them again.
          if (fault === 'duplicate' || fault === 'loseResponse') expect(proxy.duplicatesAnswered).toBeGreaterThan(0);
          await expectServerInSync(target, t.services.db.sqlite, terminalId(t));
        }
      });

      it('a week offline: 14,000 entries pushed when the server is back', async () => {
        const target = await kind.target();
        const s = await serve(target);
        const t = await enrolledTerminal(s.url);
        await s.stop();
        t.sell(14_000);
        expect(t.services.sync.status().backlog).toBeGreaterThanOrEqual(14_000);
        await serve(target, s.port);
        t.services.sync.pushNow();
        await t.waitFor(inSync, '14,000 entries drained', 120_000);
        expect(await expectServerInSync(target, t.services.db.sqlite, terminalId(t))).toBe(t.localSeq());
      }, 180_000);

      it('server SIGKILLed mid-batch, restarted on the same database: nothing lost, nothing twice', async () => {
        const target = await kind.target();
        const s = await serve(target);
        const t = await enrolledTerminal(s.url, { timing: { batchSize: 20 } });
        await s.stop();
        t.sell(1000);
        const again = await serve(target, s.port);
        t.services.sync.pushNow();
        await t.waitFor((x) => x.ackedSeq > 0, 'first batch acknowledged');
        await again.kill();
        const cut = t.services.sync.status();
        expect(cut.ackedSeq).toBeLessThan(t.localSeq());
        await serve(target, s.port);
        t.services.sync.pushNow();
        await t.waitFor(inSync, 'drained after the restart', 120_000);
        await expectServerInSync(target, t.services.db.sqlite, terminalId(t));
      }, 180_000);

      it('terminal SIGKILLed mid-push: the next start carries on from the server head', async () => {
        const target = await kind.target();
        const s = await serve(target);
        const t = await enrolledTerminal(s.url);
        const id = terminalId(t);
        await s.stop();
        t.sell(1000);
        const dataDir = t.dataDir;
        await t.close();
        open.splice(open.indexOf(t), 1);
        await serve(target, s.port);

        const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, '20'], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        const killed = new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`child never pushed:\n${out}`)), 60_000);
          child.stderr.on('data', (d: Buffer) => (out += d.toString()));
          child.stdout.on('data', (d: Buffer) => {
            out += d.toString();
            // Killed once some batches are in but most are still to go.
            const acked = [...out.matchAll(/"backlog":(\d+)/g)].map((m) => Number(m[1]));
            if (acked.some((b) => b > 0 && b < 950)) {
              clearTimeout(timer);
              child.kill('SIGKILL');
              child.once('exit', () => resolve());
            }
          });
        });
        await killed;

        const back = track(await syncTerminal({ dataDir, fresh: false }));
        expect(back.services.sync.status().backlog).toBeGreaterThan(0);
        await back.waitFor(inSync, 'drained after restart', 120_000);
        expect(await expectServerInSync(target, back.services.db.sqlite, id)).toBe(back.localSeq());
      }, 180_000);
    });
  }
});
