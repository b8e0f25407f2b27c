import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncTerminal } from './support/terminal';
import { syncTerminal } from './support/terminal';
import { databaseKinds } from './support/databases';
import { Admin, startServer, type ServerProcess, type ServerTarget } from './support/server-process';
import { grade, header, station, writeRawRecord, writeStream } from './support/reference';
import { derivedState, rebuildFrom } from '../journal/rebuild-support';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support/terminal-child.ts');
/** Long enough that only the push channel (or an explicit pull) can bring a change within a test. */
const NO_POLL = { pullMs: 600_000 };
const PAST = '2026-01-01T00:00:00.000Z';

interface Batch {
  stream: string;
  from: number;
  cursor: number;
  records: { id: string; version: number; body: string | null }[];
}

/** The reference batches in the terminal's journal, in journal order. */
function journaledBatches(t: SyncTerminal): Batch[] {
  const rows = t.services.db.sqlite.prepare(`SELECT body FROM ledger_journal ORDER BY seq`).pluck().all() as string[];
  return rows.flatMap((b) => (JSON.parse(b) as { events?: (Batch & { type: string })[] }).events ?? []).filter((e) => e.type === 'reference.batch.applied');
}

/** Only the tables reference data touches, to show that a refused batch changed nothing. */
function referenceTables(t: SyncTerminal): string {
  const db = t.services.db.sqlite;
  return JSON.stringify(['fuel_station', 'fuel_grade', 'fuel_price', 'reference_record', 'reference_cursor'].map((n) => db.prepare(`SELECT * FROM ${n} ORDER BY 1, 2`).raw().all()));
}

describe('reference data streams', () => {
  const kinds = databaseKinds();
  const open: { close(): Promise<unknown> }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
  });
  async function serve(target: ServerTarget, port = 0): Promise<ServerProcess> {
    const s = await startServer(target, port);
    open.push({ close: () => s.stop() });
    return s;
  }
  /** A store on the server, and a terminal enrolled in it (its manager signed in). */
  async function enrolled(url: string, opts: Parameters<typeof syncTerminal>[0] = {}, storeName = 'Riverside Station') {
    const admin = await Admin.signIn(url);
    const store = await admin.store(storeName);
    // Generous per-request limits: a pull that timed out on a loaded machine would end pullAll() early.
    const t = await syncTerminal({ pull: NO_POLL, timing: { requestTimeoutMs: 15_000 }, ...opts });
    open.push(t);
    if (opts.fresh !== false) await t.ok('sync.enroll', { serverUrl: url, code: await admin.pairingCode(store.id) });
    return { admin, store, t };
  }
  const cursorOf = (t: SyncTerminal, stream: string) => t.services.reference.cursor(stream);

  for (const kind of kinds) {
    describe.skipIf(!kind.available)(`on ${kind.name}`, () => {
      it('applies each stream in version order, exactly once, and a replay of the journal rebuilds it', async () => {
        const s = await serve(await kind.target());
        const { admin, t } = await enrolled(s.url);
        await writeStream(admin, 'fuel.stations', [
          { id: 'S1', body: station('Riverside No. 1') },
          { id: 'S2', body: station('Riverside No. 2', 31.3, 121.5) },
        ]);
        await writeStream(admin, 'fuel.grades', [{ id: '92', body: grade('92#', [750, PAST]) }, { id: '95', body: grade('95#', [800, PAST]) }]);
        await writeStream(admin, 'receipt.header', [{ id: 'store', body: header({ address: '滨江路 1 号', footer: '谢谢惠顾' }) }]);
        // Later versions of the same records: a new price, a station closed.
        await writeStream(admin, 'fuel.grades', [{ id: '92', body: grade('92#', [750, PAST], [765, '2026-02-01T00:00:00+08:00']) }]);
        const last = (await writeStream(admin, 'fuel.stations', [{ id: 'S2', deleted: true }])).versions[0] as number;

        await expect.poll(() => cursorOf(t, 'fuel.stations'), { timeout: 60_000 }).toBe(last);
        await expect.poll(() => cursorOf(t, 'fuel.grades'), { timeout: 60_000 }).toBe(last - 1);
        await expect.poll(() => cursorOf(t, 'receipt.header'), { timeout: 60_000 }).toBe(5);

        const setup = await t.ok<{ stations: { id: string }[]; grades: { id: string; name: string; price: number; prices: unknown[] }[] }>('fuel.setup');
        expect(setup.stations.map((x) => x.id)).toEqual(['S1']);
        expect(setup.grades).toEqual([
          expect.objectContaining({ id: '92', name: '92#', price: 765, prices: [{ price: 750, effectiveFrom: PAST }, { price: 765, effectiveFrom: '2026-01-31T16:00:00.000Z' }] }),
          expect.objectContaining({ id: '95', price: 800 }),
        ]);
        expect(await t.ok('receipts.settings')).toEqual(header({ address: '滨江路 1 号', footer: '谢谢惠顾' }));

        // Two more pulls at once find nothing new: no journal entry, nothing applied twice.
        const before = journaledBatches(t);
        await Promise.all([t.services.sync.puller!.pullAll(), t.services.sync.puller!.pullAll()]);
        expect(journaledBatches(t)).toEqual(before);
        // A new record pulled by two pulls at once (and the push channel's): applied by one of them only.
        const v = (await writeStream(admin, 'fuel.stations', [{ id: 'S3', body: station('Riverside No. 3') }])).versions[0] as number;
        await Promise.all([t.services.sync.puller!.pullAll(), t.services.sync.puller!.pullAll()]);
        await expect.poll(() => cursorOf(t, 'fuel.stations')).toBe(v);
        const batches = journaledBatches(t);
        expect(batches.filter((b) => b.records.some((r) => r.id === 'S3'))).toHaveLength(1);
        for (const stream of ['fuel.stations', 'fuel.grades', 'receipt.header']) {
          const mine = batches.filter((b) => b.stream === stream);
          // Each batch continues the previous one's cursor, and versions only grow: in order, once.
          mine.forEach((b, i) => expect(b.from).toBe(i === 0 ? 0 : mine[i - 1]!.cursor));
          const versions = mine.flatMap((b) => b.records.map((r) => r.version));
          expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
        }
        // The server keeps each record's latest version only, so what a terminal sees depends on when
        // it pulled; what it ends with is each record's latest version.
        const latest = Object.fromEntries(batches.flatMap((b) => b.records.map((r) => [`${b.stream} ${r.id}`, r.version])));
        expect(latest).toEqual({ 'fuel.stations S1': 1, 'fuel.stations S2': 7, 'fuel.stations S3': 8, 'fuel.grades 95': 4, 'fuel.grades 92': 6, 'receipt.header store': 5 });

        const rebuilt = await rebuildFrom(t);
        open.push(rebuilt);
        const pick = (st: Record<string, string[]>) => Object.fromEntries(['fuel_station', 'fuel_grade', 'fuel_price', 'reference_record', 'reference_cursor'].map((n) => [n, st[n]]));
        expect(pick(derivedState(rebuilt.services))).toEqual(pick(derivedState(t.services)));
      }, 120_000);

      it('a record that does not fit its schema refuses the whole batch: nothing changes, the Sync status says why, a corrected record then applies', async () => {
        const target = await kind.target();
        const s = await serve(target);
        const { admin, t } = await enrolled(s.url);
        await writeStream(admin, 'fuel.grades', [{ id: '92', body: grade('92#', [750, PAST]) }]);
        await expect.poll(() => cursorOf(t, 'fuel.grades'), { timeout: 60_000 }).toBe(1);
        await t.services.sync.puller!.pullAll();
        const untouched = referenceTables(t);

        // A price as a fraction of a fen: a newer server's shape this terminal cannot take. It comes
        // first, so whatever the push channel makes the terminal pull holds it.
        await writeRawRecord(target, 'fuel.grades', '98', { name: '98#', prices: [{ price: 8.5, effectiveFrom: PAST }] });
        await writeStream(admin, 'fuel.grades', [{ id: '95', body: grade('95#', [800, PAST]) }]);
        await t.services.sync.puller!.pullAll();

        expect(referenceTables(t)).toBe(untouched);
        const status = t.services.sync.status();
        expect(status.reference?.error).toMatchObject({ code: 'SYNC_REFERENCE_INVALID', params: { stream: 'fuel.grades', record: '98' } });
        expect(status.reference?.error?.message['zh-CN']).toContain('拒收');
        expect((await t.ok<{ reference: { error: { code: string } | null } }>('sync.status')).reference.error?.code).toBe('SYNC_REFERENCE_INVALID');

        await writeStream(admin, 'fuel.grades', [{ id: '98', body: grade('98#', [850, PAST]) }]);
        await t.services.sync.puller!.pullAll();
        expect(t.services.sync.status().reference?.error).toBeNull();
        const setup = await t.ok<{ grades: { id: string; price: number }[] }>('fuel.setup');
        expect(setup.grades.map((g) => [g.id, g.price])).toEqual([
          ['92', 750],
          ['95', 800],
          ['98', 850],
        ]);
      }, 120_000);

      it('central records are read-only at the counter; local ones stay editable', async () => {
        const s = await serve(await kind.target());
        const { admin, t } = await enrolled(s.url);
        await writeStream(admin, 'fuel.stations', [{ id: 'S1', body: station('Riverside No. 1') }]);
        await writeStream(admin, 'fuel.grades', [{ id: '92', body: grade('92#', [750, PAST]) }]);
        await writeStream(admin, 'receipt.header', [{ id: 'store', body: header({ phone: '021-5555 0100' }) }]);
        await expect.poll(() => cursorOf(t, 'receipt.header'), { timeout: 60_000 }).toBe(3);

        const grade92 = await t.call('fuel.setGrade', { id: '92', name: '92#', price: 700 });
        expect(grade92.ok || grade92.error).toMatchObject({ code: 'REFERENCE_READ_ONLY' });
        expect(grade92.ok || grade92.error.message['zh-CN']).toContain('总部');
        await t.ok('fuel.setGrade', { id: '0', name: '0# 柴油', price: 720 });

        const s1 = { id: 'S1', name: 'Riverside No. 1', latitude: 31.23, longitude: 121.47 };
        const local = { id: 'L1', name: 'Yard pump', latitude: 31.2, longitude: 121.4 };
        for (const stations of [[{ ...s1, name: 'Renamed' }, local], [local]]) {
          const r = await t.call('fuel.setStations', { stations });
          expect(r.ok || r.error.code).toBe('REFERENCE_READ_ONLY');
        }
        await t.ok('fuel.setStations', { stations: [s1, local] });

        const receipt = await t.call('receipts.configure', header({ phone: '110' }));
        expect(receipt.ok || receipt.error.code).toBe('REFERENCE_READ_ONLY');
        expect(await t.ok('receipts.settings')).toMatchObject({ phone: '021-5555 0100' });

        const setup = await t.ok<{ grades: { id: string; price: number }[]; stations: { id: string }[] }>('fuel.setup');
        expect(setup.grades.map((g) => [g.id, g.price])).toEqual([
          ['0', 720],
          ['92', 750],
        ]);
        expect(setup.stations.map((x) => x.id)).toEqual(['L1', 'S1']);

        // Head office stops managing grade 92: it stays (pumps name it) and is the store's own again.
        await writeStream(admin, 'fuel.grades', [{ id: '92', deleted: true }]);
        await t.services.sync.puller!.pullAll();
        await t.ok('fuel.setGrade', { id: '92', name: '92#', price: 700 });
      }, 120_000);

      it('records scoped to one store reach only that store', async () => {
        const s = await serve(await kind.target());
        const a = await enrolled(s.url, {}, 'Store A');
        const b = await enrolled(s.url, {}, 'Store B');
        await writeStream(a.admin, 'fuel.grades', [
          { id: '92', body: grade('92#', [750, PAST]) },
          { id: '95', scope: b.store.id, body: grade('95# B only', [810, PAST]) },
        ]);
        await a.t.services.sync.puller!.pullAll();
        await b.t.services.sync.puller!.pullAll();
        const gradesOf = async (x: SyncTerminal) => (await x.ok<{ grades: { id: string }[] }>('fuel.setup')).grades.map((g) => g.id);
        expect(await gradesOf(a.t)).toEqual(['92']);
        expect(await gradesOf(b.t)).toEqual(['92', '95']);
        // A scope is fixed once written: moving a record to another store is refused.
        const moved = await a.admin.request('POST', '/admin/api/reference/fuel.grades', { records: [{ id: '95', scope: '*', body: grade('95#', [810, PAST]) }] });
        expect(moved.status).toBe(409);
      }, 120_000);

      it('the push channel makes a terminal pull at once (no poll), also for a change made through another server process; after a drop it catches up', async () => {
        const target = await kind.target();
        const s = await serve(target);
        const { admin, t } = await enrolled(s.url);
        await expect.poll(() => t.services.sync.status().reference?.pushConnected, { timeout: 60_000 }).toBe(true);
        await writeStream(admin, 'fuel.grades', [{ id: '92', body: grade('92#', [750, PAST]) }]);
        await expect.poll(() => cursorOf(t, 'fuel.grades'), { timeout: 60_000 }).toBe(1);

        // A second, stateless server process on the same database takes the back office's change.
        const other = await serve(target);
        const otherAdmin = await Admin.signIn(other.url);
        await writeStream(otherAdmin, 'fuel.grades', [{ id: '92', body: grade('92#', [760, PAST]) }]);
        await expect.poll(() => cursorOf(t, 'fuel.grades'), { timeout: 60_000 }).toBe(2);

        // The server the terminal talks to dies; a change is made meanwhile; it comes back on its port.
        await s.kill();
        await expect.poll(() => t.services.sync.status().reference?.pushConnected, { timeout: 60_000 }).toBe(false);
        await writeStream(otherAdmin, 'fuel.grades', [{ id: '92', body: grade('92#', [770, PAST]) }]);
        await serve(target, s.port);
        await expect.poll(() => cursorOf(t, 'fuel.grades'), { timeout: 60_000 }).toBe(3);
        expect((await t.ok<{ grades: { price: number }[] }>('fuel.setup')).grades[0]!.price).toBe(770);
      }, 120_000);

      it('a terminal SIGKILLed in the middle of a long pull resumes from its cursor: every record applied once, in order', async () => {
        const s = await serve(await kind.target());
        const { admin, t } = await enrolled(s.url);
        const dataDir = t.dataDir;
        await t.close();
        open.splice(open.indexOf(t), 1);
        for (let k = 0; k < 3; k++) {
          await writeStream(
            admin,
            'fuel.grades',
            Array.from({ length: 400 }, (_, i) => ({ id: `g${k * 400 + i}`, body: grade(`Grade ${k * 400 + i}`, [700 + i, PAST]) })),
          );
        }
        const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`child never applied a batch:\n${out}`)), 60_000);
          child.stderr.on('data', (d: Buffer) => (out += d.toString()));
          child.stdout.on('data', (d: Buffer) => {
            out += d.toString();
            if (out.includes('"streams":["fuel.grades"]')) {
              clearTimeout(timer);
              child.kill('SIGKILL');
              child.once('exit', () => resolve());
            }
          });
        });
        const back = await syncTerminal({ dataDir, fresh: false, pull: NO_POLL, timing: { requestTimeoutMs: 15_000 } });
        open.push(back);
        const cut = cursorOf(back, 'fuel.grades');
        expect(cut).toBeGreaterThan(0);
        expect(cut).toBeLessThan(1200);
        // The restarted terminal's own puller resumes at start; this pull runs beside it: still once each.
        await expect
          .poll(async () => {
            await back.services.sync.puller!.pullAll();
            return cursorOf(back, 'fuel.grades');
          }, { timeout: 60_000 })
          .toBe(1200);
        const batches = journaledBatches(back).filter((b) => b.stream === 'fuel.grades');
        batches.forEach((b, i) => expect(b.from).toBe(i === 0 ? 0 : batches[i - 1]!.cursor));
        expect(batches.flatMap((b) => b.records.map((r) => r.version))).toEqual(Array.from({ length: 1200 }, (_, i) => i + 1));
        const count = back.services.db.sqlite.prepare(`SELECT COUNT(*) FROM fuel_grade`).pluck().get();
        expect(count).toBe(1200);
      }, 120_000);
    });
  }
});
