import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../src-main/ledger/database';
import { migrations } from '../../../src-main/ledger/migrations';
import { openTerminal, setUpStore, type TestTerminal } from '../../support/services';
import { journalVerify } from './tamper-support';

const open: TestTerminal[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function terminal(dataDir?: string) {
  const t = await openTerminal(dataDir ? { dataDir } : {});
  open.push(t);
  return t;
}

const staffEvents = (t: TestTerminal) =>
  (t.services.db.sqlite.prepare(`SELECT body FROM ledger_journal ORDER BY seq`).pluck().all() as string[])
    .flatMap((b) => ((JSON.parse(b) as { events?: { type: string }[] }).events ?? []).map((e) => e.type))
    .filter((type) => type.startsWith('staff.'));

describe('staff changes are business events in the journal', () => {
  it('set-up, a new member, a role change, a PIN change and a deactivation each journal their event; the table is rebuilt from them', async () => {
    const t = await terminal();
    const { cashier } = await setUpStore(t);
    const other = await t.ok<{ id: string }>('staff.create', { name: 'Second', role: 'cashier', pin: '2222' });
    await t.ok('staff.update', { staffId: cashier.id, role: 'manager' });
    await t.ok('staff.update', { staffId: other.id, pin: '3333' });
    // The new PIN signs in; the old one does not.
    expect(await t.call('staff.signIn', { staffId: other.id, pin: '2222' })).toMatchObject({ ok: false, error: { code: 'PIN_INCORRECT' } });
    await t.ok('staff.signIn', { staffId: other.id, pin: '3333' });
    await t.ok('staff.signIn', { staffId: cashier.id, pin: '1111' }); // a manager now
    await t.ok('staff.update', { staffId: other.id, deactivate: true });
    expect(staffEvents(t)).toEqual(['staff.member.added', 'staff.member.added', 'staff.member.added', 'staff.role.changed', 'staff.pin.changed', 'staff.member.deactivated']);
    expect((await t.ok<{ id: string; role: string }[]>('staff.list')).map((s) => s.role)).toEqual(['manager', 'manager']);
    const entry = JSON.parse(t.services.db.sqlite.prepare(`SELECT body FROM ledger_journal ORDER BY seq DESC LIMIT 1`).pluck().get() as string) as { command: { method: string; actor: string } };
    expect(entry.command).toMatchObject({ method: 'staff.update', actor: expect.any(String) });
    // The journal carries the PIN's salted hash, never the PIN.
    const bodies = (t.services.db.sqlite.prepare(`SELECT body FROM ledger_journal`).pluck().all() as string[]).join('\n');
    expect(bodies).not.toContain('"3333"');
    await t.close();
    open.pop();
    expect(await journalVerify(t.dataDir)).toMatchObject({ code: 0 });
  });

  it('refuses to demote or deactivate the last active manager, and journals nothing then', async () => {
    const t = await terminal();
    const { manager } = await setUpStore(t);
    const before = staffEvents(t).length;
    for (const change of [{ role: 'cashier' }, { deactivate: true }]) {
      const r = await t.call('staff.update', { staffId: manager.id, ...change });
      expect(r).toMatchObject({ ok: false, error: { code: 'LAST_MANAGER' } });
    }
    expect(staffEvents(t).length).toBe(before);
  });

  it('a cashier may not change roles (manager only), and the refusal is audited', async () => {
    const t = await terminal();
    const { cashier } = await setUpStore(t);
    await t.ok('staff.signIn', { staffId: cashier.id, pin: '1111' });
    expect(await t.call('staff.update', { staffId: cashier.id, role: 'manager' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await t.ok('staff.signIn', { staffId: (await t.ok<{ id: string; role: string }[]>('staff.list')).find((p) => p.role === 'manager')!.id, pin: '1234' });
    const audit = await t.ok<{ action: string; outcome: string }[]>('staff.audit', { limit: 10 });
    expect(audit).toContainEqual(expect.objectContaining({ action: 'staff.update', outcome: 'refused' }));
    expect((await t.ok<{ role: string }[]>('staff.list')).map((p) => p.role).sort()).toEqual(['cashier', 'manager']);
  });

  it('an old store: staff rows that exist without events are journaled once at start, and then verify clean', async () => {
    const t = await terminal();
    await setUpStore(t);
    await t.close();
    open.pop();
    // The database as an earlier version left it: a member written straight into the table, and migration 0010 not yet run.
    const db = new Database(path.join(t.dataDir, DATABASE_FILE));
    db.prepare(`INSERT INTO staff (id, name, role, pin_hash, active, created_at) VALUES (?, 'Old hand', 'cashier', 'scrypt$x', 1, '2026-01-01T00:00:00.000Z')`).run(uuidv7());
    await unapplyFrom(db, 'Integrity1763700000010');
    db.close();
    // Before the upgrade the old database does not verify (the hand-written staff row, and the tables of later versions are missing).
    expect((await journalVerify(t.dataDir)).out).toMatch(/^FAILED table /);

    const upgraded = await terminal(t.dataDir);
    expect(staffEvents(upgraded).filter((e) => e === 'staff.member.recorded')).toHaveLength(3);
    await upgraded.close();
    open.pop();
    const again = await terminal(t.dataDir);
    expect(staffEvents(again).filter((e) => e === 'staff.member.recorded')).toHaveLength(3);
    await again.close();
    open.pop();
    expect(await journalVerify(t.dataDir)).toMatchObject({ code: 0 });
    expect(fs.existsSync(t.dataDir)).toBe(true);
  });
});

/**
 * The database as a version before `name` left it: the digest's triggers dropped, then `name` and
 * every later migration undone by its own `down` (newest first) and removed from the list.
 */
async function unapplyFrom(db: Database.Database, name: string): Promise<void> {
  const triggers = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%ledger_digest%'`).pluck().all() as string[];
  for (const t of triggers) db.exec(`DROP TRIGGER "${t}"`);
  const runner = { query: async (sql: string, params?: unknown[]) => (params?.length ? db.prepare(sql).run(...params) : db.exec(sql)) };
  const list = migrations.map((M) => new M());
  const from = list.findIndex((m) => m.name === name);
  for (const m of list.slice(from).reverse()) {
    await m.down(runner as never);
    db.prepare(`DELETE FROM migrations WHERE name = ?`).run(m.name);
  }
}
