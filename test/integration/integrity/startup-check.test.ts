import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { ackMessage } from '../../../src-main/domain/sync/protocol';
import { DATABASE_FILE } from '../../../src-main/ledger/database';
import { afterEach, describe, expect, it } from 'vitest';
import { openTerminal, type TestTerminal } from '../../support/services';
import { EDITS, businessDataDir, journalVerify, tamper } from './tamper-support';

const open: TestTerminal[] = [];
const dirs: string[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function reopen(dataDir: string) {
  const t = await openTerminal({ dataDir });
  open.push(t);
  return t;
}

async function business() {
  const d = await businessDataDir();
  dirs.push(d.dataDir);
  return d;
}

const charge = () => ({ commandId: uuidv7(), wristband: '102', outlet: 'massage', amount: 1_000 });

describe('the start-up check: a tampered ledger starts read-only', () => {
  it('an untouched ledger starts writable and takes money', async () => {
    const { dataDir } = await business();
    const t = await reopen(dataDir);
    expect(t.services.integrity.status()).toMatchObject({ state: 'ok', finding: null, check: 'startup' });
    await t.ok('staff.signIn', { staffId: (await t.ok<{ id: string; role: string }[]>('staff.list')).find((s) => s.role === 'cashier')!.id, pin: '1111' });
    await t.ok('lockers.charge', charge());
  });

  it.each(Object.keys(EDITS) as (keyof typeof EDITS)[])('a hand edit (%s): refuses a charge with LEDGER_TAMPERED, a read still works, the table and key are named', async (edit) => {
    const { dataDir, cashierId, managerId } = await business();
    let where: { table: string; key: string; column: string } | undefined;
    tamper(dataDir, (db) => {
      where = EDITS[edit](db);
    });
    const t = await reopen(dataDir);
    // At once: read-only (the attacker dropped the checksum triggers too, which the start-up check sees).
    expect(t.services.integrity.status()).toMatchObject({ state: 'read-only', finding: { check: 'digest', detail: expect.stringContaining('was removed') } });
    // A cashier made a manager by the edit signs in as one: signing in works, money does not.
    await t.ok('staff.signIn', { staffId: edit === 'staffRole' ? cashierId : managerId, pin: edit === 'staffRole' ? '1111' : '1234' });
    const before = t.services.db.sqlite.prepare(`SELECT COUNT(*) FROM ledger_journal`).pluck().get();
    const refused = await t.call('lockers.charge', charge());
    expect(refused).toMatchObject({ ok: false, error: { code: 'LEDGER_TAMPERED', message: { en: expect.stringContaining('Call the manager'), 'zh-CN': expect.stringContaining('请立即联系店长') } } });
    expect(t.services.db.sqlite.prepare(`SELECT COUNT(*) FROM ledger_journal`).pluck().get()).toBe(before);
    expect(await t.call('lockers.lookup', { wristband: '101' })).toMatchObject({ ok: true });
    // The background rebuild names the row and column.
    await t.services.integrity.settled();
    expect(t.services.integrity.status().finding).toMatchObject({ table: where!.table, key: where!.key, column: where!.column });
  });

  it('a manager runs the full verify: it names the row and stays read-only; after a restore it passes and money moves again', async () => {
    const { dataDir, managerId } = await business();
    const backup = `${dataDir}-backup`;
    fs.cpSync(dataDir, backup, { recursive: true });
    dirs.push(backup);
    let where: { table: string; key: string } | undefined;
    tamper(dataDir, (db) => {
      where = EDITS.chargeAmount(db);
    });
    const t = await reopen(dataDir);
    await t.ok('staff.signIn', { staffId: managerId, pin: '1234' });
    const r = await t.ok<{ ok: boolean; summary: string; status: { state: string } }>('system.verifyLedger');
    expect(r.ok).toBe(false);
    expect(r.summary).toContain(`table ${where!.table}, key ${where!.key}, column amount`);
    expect(r.status.state).toBe('read-only');
    const audit = await t.ok<{ action: string; outcome: string }[]>('staff.audit', { limit: 20 });
    expect(audit).toContainEqual(expect.objectContaining({ action: 'system.verifyLedger', outcome: 'refused' }));
    await t.close();
    open.pop();

    const restored = await reopen(backup);
    await restored.ok('staff.signIn', { staffId: managerId, pin: '1234' });
    expect(await restored.ok('system.integrity')).toMatchObject({ state: 'ok' });
    expect((await restored.ok<{ ok: boolean }>('system.verifyLedger')).ok).toBe(true);
    await restored.ok('lockers.charge', charge());
  });

  it('a digest broken without touching money (a checksum trigger dropped): read-only until a full verify passes, which re-takes the checksums', async () => {
    const { dataDir, managerId } = await business();
    tamper(dataDir, () => undefined); // drops every trigger, changes no row
    const t = await reopen(dataDir);
    expect(t.services.integrity.status()).toMatchObject({ state: 'read-only', finding: { check: 'digest', detail: expect.stringMatching(/trigger .* was removed/) } });
    await t.ok('staff.signIn', { staffId: managerId, pin: '1234' });
    expect((await t.call('lockers.charge', charge())).ok).toBe(false);
    expect(await t.ok('system.verifyLedger')).toMatchObject({ ok: true, status: { state: 'ok' } });
    await t.ok('lockers.charge', charge());
    await t.close();
    open.pop();
    expect((await reopen(dataDir)).services.integrity.status().state).toBe('ok');
  });

  it('a cashier may not run the full verify (manager only)', async () => {
    const { dataDir, cashierId } = await business();
    const t = await reopen(dataDir);
    await t.ok('staff.signIn', { staffId: cashierId, pin: '1111' });
    expect(await t.call('system.verifyLedger')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.ok('system.integrity')).toMatchObject({ state: 'ok' });
  });

  it('an edit made with the checksum triggers in place (only the append-only ones dropped) is found as a change after the last commit', async () => {
    const { dataDir } = await business();
    tamper(dataDir, (db) => void EDITS.postingAmount(db), 'checksums');
    const t = await reopen(dataDir);
    expect(t.services.integrity.status()).toMatchObject({ state: 'read-only', finding: { check: 'digest', table: 'ledger_posting', detail: expect.stringContaining('changed after the last journal entry') } });
  });

  it('an edit made with the triggers dropped and then re-created exactly: the table scan after start finds it and turns the terminal read-only', async () => {
    const { dataDir } = await business();
    tamper(dataDir, (db) => {
      const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'ledger_digest_%'`).all() as { name: string; sql: string }[];
      for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
      EDITS.debitsPending(db);
      for (const t of triggers) db.exec(t.sql);
    }, 'checksums');
    const t = await reopen(dataDir);
    await t.services.integrity.settled();
    expect(t.services.integrity.status()).toMatchObject({ state: 'read-only', finding: { check: 'digest', table: 'ledger_account', column: 'debits_pending', detail: expect.stringContaining('do not give the running checksum') } });
  });

  it("a journal truncated below the server's signed ack: reported by journal verify and at start (read-only)", async () => {
    const { dataDir } = await business();
    const settings = JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8')) as { terminal: { id: string } };
    // The ack as the sync service keeps it after a push: the server's Ed25519 signature over its head.
    const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
    const db = new Database(path.join(dataDir, DATABASE_FILE));
    const head = db.prepare(`SELECT seq, hash FROM ledger_journal ORDER BY seq DESC LIMIT 1`).get() as { seq: number; hash: Buffer };
    const ack = { terminalId: settings.terminal.id, seq: head.seq, hash: head.hash.toString('hex'), at: new Date().toISOString() };
    const signature = crypto.sign(null, ackMessage(ack), privateKey).toString('base64');
    db.prepare(`INSERT INTO sync_state (id, server_url, server_store_id, server_store_name, credential, server_key, enrolled_at, acked_seq, acked_hash, ack_at, ack_signature)
      VALUES (1, 'http://127.0.0.1:9', 's', 'Store', 'c', ?, ?, ?, ?, ?, ?)`).run(publicKey.export({ format: 'der', type: 'spki' }).toString('base64'), ack.at, ack.seq, ack.hash, ack.at, signature);
    db.close();
    expect(await journalVerify(dataDir)).toMatchObject({ code: 0, out: expect.stringContaining(`matches the server's ack at seq ${head.seq}`) });

    tamper(dataDir, (d) => void d.prepare(`DELETE FROM ledger_journal WHERE seq > ?`).run(head.seq - 2));
    const v = await journalVerify(dataDir);
    expect(v.code).toBe(1);
    expect(v.out).toContain(`table ledger_journal, key terminal_id=${settings.terminal.id}, seq=${head.seq}: truncated: the server acknowledged entries up to seq ${head.seq}, the local journal ends at ${head.seq - 2}`);
    const t = await reopen(dataDir);
    expect(t.services.integrity.status()).toMatchObject({ state: 'read-only', finding: { check: 'ack', table: 'ledger_journal', detail: expect.stringMatching(/^truncated/) } });
  });
});
