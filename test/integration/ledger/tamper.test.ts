import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../src-main/cli';
import { chainHash, canonicalJson } from '../../../src-main/domain/ledger';
import { DATABASE_FILE } from '../../../src-main/ledger/database';
import { cid, makeLedger, open, tempDir } from '../../unit/ledger/support';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A closed data dir whose journal has 20 entries. */
async function journalOf20(): Promise<string> {
  const dir = tempDir('tamper-');
  dirs.push(dir);
  const t = await makeLedger(dir);
  const L = t.ledger;
  const revenue = open(L, 'revenue', 'revenue');
  const band = open(L, 'band', 'medium');
  for (let i = 0; i < 9; i++) {
    const h = L.authorize({ commandId: cid(), debitAccountId: band, creditAccountId: revenue, amount: 100 + i });
    L.capture({ commandId: cid(), holdId: h.holdId });
  }
  await t.db.close();
  return dir;
}

/** Opens the file as an attacker would: triggers dropped, free to edit. */
function tamper(dir: string, fn: (db: Database.Database) => void): void {
  const db = new Database(path.join(dir, DATABASE_FILE));
  db.exec(`DROP TRIGGER ledger_journal_no_update; DROP TRIGGER ledger_journal_no_delete;`);
  fn(db);
  db.close();
}

async function verify(dir: string): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await main(['journal', 'verify', '--data-dir', dir], { out: (l) => out.push(l), err: (l) => out.push(l) });
  return { code, out: out.join('\n') };
}

const row = (db: Database.Database, seq: number) =>
  db.prepare(`SELECT * FROM ledger_journal WHERE seq = ?`).get(seq) as { id: string; body: string; prev_hash: Buffer; hash: Buffer };

describe('journal verify', () => {
  it('prints OK with the count for an intact journal (and through npm run pos, exit 0)', async () => {
    const dir = await journalOf20();
    expect(await verify(dir)).toMatchObject({ code: 0, out: expect.stringMatching(/^OK 20 entries; \d+ derived tables match the journal$/) });
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'src-main/cli.ts', 'journal', 'verify', '--data-dir', dir], { encoding: 'utf8' });
    expect(stdout.trim()).toMatch(/^OK 20 entries; /);
  });

  it('finds an edited body at its sequence and exits non-zero', async () => {
    const dir = await journalOf20();
    tamper(dir, (db) => {
      const r = row(db, 7);
      db.prepare(`UPDATE ledger_journal SET body = ? WHERE seq = 7`).run(r.body.replace(/"amount":(\d+)/, (_m, n: string) => `"amount":${Number(n) + 1}`));
    });
    const v = await verify(dir);
    expect(v.code).toBe(1);
    expect(v.out).toMatch(/seq 7: altered/);
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'src-main/cli.ts', 'journal', 'verify', '--data-dir', dir], { encoding: 'utf8' });
      expect.unreachable('verify should exit non-zero');
    } catch (e) {
      expect((e as { status: number }).status).toBe(1);
      expect((e as { stdout: string }).stdout).toMatch(/seq 7: altered/);
    }
  });

  it('finds an edited hash or an edited column', async () => {
    const a = await journalOf20();
    tamper(a, (db) => db.prepare(`UPDATE ledger_journal SET hash = ? WHERE seq = 12`).run(Buffer.alloc(32, 7)));
    expect((await verify(a)).out).toMatch(/seq 12: altered/);
    const b = await journalOf20();
    tamper(b, (db) => db.prepare(`UPDATE ledger_journal SET committed_at = '2020-01-01T00:00:00.000Z' WHERE seq = 3`).run());
    expect((await verify(b)).out).toMatch(/seq 3: altered/);
  });

  it('catches an edit that was re-hashed at the next entry, whose link no longer fits', async () => {
    const dir = await journalOf20();
    tamper(dir, (db) => {
      const r = row(db, 9);
      const body = r.body.replace(/"amount":(\d+)/, '"amount":1');
      db.prepare(`UPDATE ledger_journal SET body = ?, hash = ? WHERE seq = 9`).run(body, chainHash(r.prev_hash, body));
    });
    expect((await verify(dir)).out).toMatch(/seq 10: inserted/);
  });

  it('finds a deleted row as missing, with or without renumbering', async () => {
    const a = await journalOf20();
    tamper(a, (db) => db.prepare(`DELETE FROM ledger_journal WHERE seq = 5`).run());
    expect(await verify(a)).toMatchObject({ code: 1, out: expect.stringMatching(/seq 5: missing/) });
    const b = await journalOf20();
    tamper(b, (db) => {
      db.prepare(`DELETE FROM ledger_journal WHERE seq = 5`).run();
      db.prepare(`UPDATE ledger_journal SET seq = seq + 1000 WHERE seq > 5`).run();
      db.prepare(`UPDATE ledger_journal SET seq = seq - 1001 WHERE seq > 1000`).run();
    });
    expect((await verify(b)).out).toMatch(/seq 5: missing/);
  });

  it('finds an inserted row: a forged entry squeezed in by renumbering, or appended off the chain', async () => {
    const a = await journalOf20();
    tamper(a, (db) => {
      db.prepare(`UPDATE ledger_journal SET seq = seq + 1000 WHERE seq >= 8`).run();
      db.prepare(`UPDATE ledger_journal SET seq = seq - 999 WHERE seq > 1000`).run();
      const prev = row(db, 7);
      const id = cid();
      const body = canonicalJson({ ...(JSON.parse(prev.body) as object), id, seq: 8 });
      db.prepare(`INSERT INTO ledger_journal (id, store_id, terminal_id, seq, committed_at, body, prev_hash, hash)
        SELECT ?, store_id, terminal_id, 8, committed_at, ?, ?, ? FROM ledger_journal WHERE seq = 7`).run(id, body, prev.hash, chainHash(prev.hash, body));
    });
    expect((await verify(a)).out).toMatch(/seq 8: inserted/);

    const b = await journalOf20();
    tamper(b, (db) => {
      const last = row(db, 20);
      const id = cid();
      const body = canonicalJson({ ...(JSON.parse(last.body) as object), id, seq: 21 });
      const fakePrev = Buffer.alloc(32, 1);
      db.prepare(`INSERT INTO ledger_journal (id, store_id, terminal_id, seq, committed_at, body, prev_hash, hash)
        SELECT ?, store_id, terminal_id, 21, committed_at, ?, ?, ? FROM ledger_journal WHERE seq = 20`).run(id, body, fakePrev, chainHash(fakePrev, body));
    });
    expect((await verify(b)).out).toMatch(/seq 21: inserted/);
  });

  it('reports usage errors and a missing database with exit 2', async () => {
    const empty = tempDir('empty-');
    dirs.push(empty);
    expect((await verify(empty)).code).toBe(2);
    expect(await main(['journal', 'verify'], { out: () => {}, err: () => {} })).toBe(2);
  });
});
