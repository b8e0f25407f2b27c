import { afterEach, describe, expect, it } from 'vitest';
import { checkJournalAgainstAck } from '../../../src-main/services/sync/acked-head';
import { databaseKinds, expectServerInSync } from './support/databases';
import { Admin, startServer, type ServerProcess, type ServerTarget } from './support/server-process';
import { inSync, syncTerminal, type SyncTerminal } from './support/terminal';

const DAY = 86_400_000;

describe('terminal sync', () => {
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
  async function terminal(opts: Parameters<typeof syncTerminal>[0] = {}): Promise<SyncTerminal> {
    const t = await syncTerminal(opts);
    open.push(t);
    return t;
  }
  async function code(url: string) {
    const admin = await Admin.signIn(url);
    const store = await admin.store('Riverside Spa');
    return { admin, store, code: await admin.pairingCode(store.id) };
  }

  for (const kind of kinds) {
    describe.skipIf(!kind.available)(`on ${kind.name}`, () => {
      it('a manager enrolls the terminal with a pairing code; sales made before and after reach the server, and the acked head matches the journal', async () => {
        const target = await kind.target();
        const s = await serve(target);
        const t = await terminal();
        t.sell(20);
        expect(t.services.sync.status()).toMatchObject({ phase: 'not-enrolled', enrolled: false, backlog: t.localSeq() });
        const { code: pairing, admin, store } = await code(s.url);

        const wrong = await t.call('sync.enroll', { serverUrl: s.url, code: 'AAAA-BBBB-CCCC' });
        expect(wrong.ok || wrong.error.code).toBe('SYNC_PAIRING_CODE_INVALID');
        const nowhere = await t.call('sync.enroll', { serverUrl: 'http://127.0.0.1:9', code: pairing });
        expect(nowhere.ok || nowhere.error.code).toBe('SYNC_SERVER_UNREACHABLE');
        expect(checkJournalAgainstAck(t.services.db.sqlite, t.services.settings.get().terminal.id)).toEqual({ state: 'not-enrolled' });

        const status = await t.ok<{ enrolled: boolean; storeName: string }>('sync.enroll', { serverUrl: s.url.replace('http://', ''), code: pairing.toLowerCase() });
        expect(status).toMatchObject({ enrolled: true, storeName: 'Riverside Spa' });
        await t.waitFor(inSync, 'first backlog pushed');
        t.sell(5);
        const after = await t.waitFor((x) => inSync(x) && x.localSeq >= 25, 'new sales pushed');
        expect(after).toMatchObject({ phase: 'online', online: true, lastError: null });
        expect(after.lastSyncAt).not.toBeNull();

        const terminalId = t.services.settings.get().terminal.id;
        expect(await expectServerInSync(target, t.services.db.sqlite, terminalId)).toBe(t.localSeq());
        expect(checkJournalAgainstAck(t.services.db.sqlite, terminalId)).toEqual({ state: 'ok', ackedSeq: t.localSeq(), localSeq: t.localSeq() });
        const listed = (await admin.request('GET', '/admin/api/terminals')).json as { id: string; storeId: string; ackedSeq: number }[];
        expect(listed).toEqual([expect.objectContaining({ id: terminalId, storeId: store.id, ackedSeq: t.localSeq(), backlog: 0 })]);
        // The back office's sales: 25 cash sales of 1.00–1.19 yuan (t.sell), on the business day(s) in Shanghai.
        const sales = (await admin.request('GET', '/admin/api/sales')).json as { storeName: string; unit: string; amount: number; entries: number }[];
        expect(sales.every((r) => r.storeName === 'Riverside Spa' && r.unit === 'CNY')).toBe(true);
        expect(sales.reduce((n, r) => n + r.amount, 0)).toBe(20 * 100 + 190 + 5 * 100 + 10);
        expect(sales.reduce((n, r) => n + r.entries, 0)).toBe(25);
      });

      it('only a manager may enroll, and a terminal revoked on the server stops syncing and says why', async () => {
        const s = await serve(await kind.target());
        const t = await terminal();
        const { code: pairing, admin } = await code(s.url);
        const cashier = (await t.ok<{ id: string; role: string }[]>('staff.list')).find((x) => x.role === 'cashier');
        await t.ok('staff.signIn', { staffId: cashier!.id, pin: '1111' });
        const refused = await t.call('sync.enroll', { serverUrl: s.url, code: pairing });
        expect(refused.ok || refused.error.code).toBe('FORBIDDEN');
        const manager = (await t.ok<{ id: string; role: string }[]>('staff.list')).find((x) => x.role === 'manager')!;
        await t.ok('staff.signIn', { staffId: manager.id, pin: '1234' });
        await t.ok('sync.enroll', { serverUrl: s.url, code: pairing });
        t.sell(3);
        await t.waitFor(inSync, 'pushed');
        const terminalId = t.services.settings.get().terminal.id;
        await admin.request('POST', `/admin/api/terminals/${terminalId}/revoke`, {});
        t.sell(2);
        const st = await t.waitFor((x) => x.lastError !== null, 'revocation seen');
        expect(st.lastError).toMatch(/REVOKED/);
        expect(st.backlog).toBe(2);
      });

      it('a terminal clock a day ahead or behind changes nothing: the server stores what the journal says', async () => {
        const target = await kind.target();
        const s = await serve(target);
        for (const skew of [DAY, -DAY]) {
          const t = await terminal({ now: () => new Date(Date.now() + skew) });
          await t.ok('sync.enroll', { serverUrl: s.url, code: (await code(s.url)).code });
          t.sell(40);
          await t.waitFor(inSync, `pushed with clock ${skew > 0 ? '+' : '-'}1 day`);
          await expectServerInSync(target, t.services.db.sqlite, t.services.settings.get().terminal.id);
        }
      });

      it('detects a local journal truncated or rewritten below the acked head, and an ack not signed by the server', async () => {
        const s = await serve(await kind.target());
        const t = await terminal();
        await t.ok('sync.enroll', { serverUrl: s.url, code: (await code(s.url)).code });
        t.sell(10);
        const { ackedSeq } = await t.waitFor(inSync, 'pushed');
        await t.services.sync.stop();
        const db = t.services.db.sqlite;
        const terminalId = t.services.settings.get().terminal.id;
        expect(checkJournalAgainstAck(db, terminalId)).toMatchObject({ state: 'ok', ackedSeq });

        // What a tamperer would do: drop the append-only triggers and change history.
        db.exec(`DROP TRIGGER ledger_journal_no_update; DROP TRIGGER ledger_journal_no_delete`);
        const original = db.prepare(`SELECT hash FROM ledger_journal WHERE terminal_id = ? AND seq = ?`).pluck().get(terminalId, ackedSeq) as Buffer;
        db.prepare(`UPDATE ledger_journal SET hash = ? WHERE terminal_id = ? AND seq = ?`).run(Buffer.alloc(32, 7), terminalId, ackedSeq);
        expect(checkJournalAgainstAck(db, terminalId)).toMatchObject({ state: 'rewritten', ackedSeq });
        db.prepare(`UPDATE ledger_journal SET hash = ? WHERE terminal_id = ? AND seq = ?`).run(original, terminalId, ackedSeq);

        db.prepare(`DELETE FROM ledger_journal WHERE terminal_id = ? AND seq >= ?`).run(terminalId, ackedSeq - 2);
        expect(checkJournalAgainstAck(db, terminalId)).toMatchObject({ state: 'truncated', ackedSeq, localSeq: ackedSeq - 3 });

        db.prepare(`UPDATE sync_state SET acked_seq = ?`).run(ackedSeq - 3);
        expect(checkJournalAgainstAck(db, terminalId)).toMatchObject({ state: 'bad-signature' });
      });
    });
  }
});
