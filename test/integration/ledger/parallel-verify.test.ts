import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { chainHash } from '../../../src-main/domain/ledger';
import { Ledger, verifyJournal, type VerifyResult } from '../../../src-main/ledger';
import { DATABASE_FILE } from '../../../src-main/ledger/database';
import { STORE, cid, makeLedger, open, tempDir } from '../../unit/ledger/support';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A closed data dir with 60 entries on terminal-1 and, if asked, 40 on terminal-2. */
async function journal(twoTerminals = false): Promise<string> {
  const dir = tempDir('parallel-verify-');
  dirs.push(dir);
  const t = await makeLedger(dir);
  const revenue = open(t.ledger, 'revenue', 'revenue');
  const band = open(t.ledger, 'band', 'medium');
  const pairs = (L: Ledger, n: number) => {
    for (let i = 0; i < n; i++) {
      const h = L.authorize({ commandId: cid(), debitAccountId: band, creditAccountId: revenue, amount: 100 + i });
      L.capture({ commandId: cid(), holdId: h.holdId });
    }
  };
  pairs(t.ledger, 29); // + 2 account openings = 60 entries
  if (twoTerminals) pairs(new Ledger(t.db.sqlite, { storeId: STORE, terminalId: 'terminal-2' }), 20);
  await t.db.close();
  return dir;
}

function tamper(dir: string, fn: (db: Database.Database) => void): void {
  const db = new Database(path.join(dir, DATABASE_FILE));
  db.exec(`DROP TRIGGER ledger_journal_no_update; DROP TRIGGER ledger_journal_no_delete;`);
  fn(db);
  db.close();
}

const alterBody = (terminal: string, seq: number) => (db: Database.Database) =>
  db
    .prepare(`UPDATE ledger_journal SET body = replace(body, '"amount":', '"amount":9') WHERE terminal_id = ? AND seq = ?`)
    .run(terminal, seq);

/** verifyJournal on one thread and on 2, 3 and 4 (workers forced even for a small journal, no fallback); all must agree. */
function verifyAll(dir: string): VerifyResult {
  const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    const single = verifyJournal(db, { threads: 1 });
    for (const threads of [2, 3, 4]) {
      expect(verifyJournal(db, { threads, minEntriesPerThread: 1, noFallback: true }), `${threads} threads`).toEqual(single);
    }
    return single;
  } finally {
    db.close();
  }
}

describe('parallel journal verify', () => {
  it('verifies an intact journal across threads, one or two terminals', async () => {
    expect(verifyAll(await journal())).toEqual({ ok: true, count: 60, terminals: 1 });
    expect(verifyAll(await journal(true))).toEqual({ ok: true, count: 100, terminals: 2 });
  });

  it('finds an altered entry in the second half and in the first half, and reports the first', async () => {
    const second = await journal();
    tamper(second, alterBody('terminal-1', 50));
    expect(verifyAll(second)).toMatchObject({ ok: false, seq: 50, reason: 'altered', count: 49 });

    const first = await journal();
    tamper(first, alterBody('terminal-1', 10));
    expect(verifyAll(first)).toMatchObject({ ok: false, seq: 10, reason: 'altered', count: 9 });

    const both = await journal();
    tamper(both, (db) => {
      alterBody('terminal-1', 45)(db);
      alterBody('terminal-1', 12)(db);
    });
    expect(verifyAll(both)).toMatchObject({ ok: false, seq: 12, reason: 'altered', count: 11 });
  });

  it('reports the earlier terminal first, counting the entries of terminals before it', async () => {
    const dir = await journal(true);
    tamper(dir, (db) => {
      alterBody('terminal-2', 5)(db);
      alterBody('terminal-1', 58)(db);
    });
    expect(verifyAll(dir)).toMatchObject({ ok: false, terminalId: 'terminal-1', seq: 58, count: 57 });
    const later = await journal(true);
    tamper(later, alterBody('terminal-2', 35));
    expect(verifyAll(later)).toMatchObject({ ok: false, terminalId: 'terminal-2', seq: 35, count: 60 + 34 });
  });

  it('sees a deleted entry at a range boundary as missing, and a re-hashed edit as an insert at the next entry', async () => {
    // With 2 threads over 60 entries the boundary is between 30 and 31.
    for (const seq of [30, 31]) {
      const dir = await journal();
      tamper(dir, (db) => db.prepare(`DELETE FROM ledger_journal WHERE seq = ?`).run(seq));
      expect(verifyAll(dir)).toMatchObject({ ok: false, seq, reason: 'missing' });
    }
    const dir = await journal();
    tamper(dir, (db) => {
      const r = db.prepare(`SELECT body, prev_hash FROM ledger_journal WHERE seq = 30`).get() as { body: string; prev_hash: Buffer };
      const body = r.body.replace(/"amount":(\d+)/, '"amount":1');
      db.prepare(`UPDATE ledger_journal SET body = ?, hash = ? WHERE seq = 30`).run(body, chainHash(r.prev_hash, body));
    });
    expect(verifyAll(dir)).toMatchObject({ ok: false, seq: 31, reason: 'inserted' });
  });

  it('finds rows renumbered across a boundary after a delete', async () => {
    const dir = await journal();
    tamper(dir, (db) => {
      db.prepare(`DELETE FROM ledger_journal WHERE seq = 29`).run();
      db.prepare(`UPDATE ledger_journal SET seq = seq + 1000 WHERE seq > 29`).run();
      db.prepare(`UPDATE ledger_journal SET seq = seq - 1001 WHERE seq > 1000`).run();
    });
    expect(verifyAll(dir)).toMatchObject({ ok: false, seq: 29, reason: 'missing' });
  });
});
