import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDigest, computeDigest, installDigest } from '../../../src-main/ledger/integrity/digest';

/** The digest's own tables, a journal and an idempotency table (the seals), and one table of every kind of value. */
function db() {
  const d = new Database(':memory:');
  d.pragma('recursive_triggers = ON'); // as openDatabase sets it: INSERT OR REPLACE fires the delete trigger
  d.exec(`
    CREATE TABLE ledger_digest (tbl TEXT PRIMARY KEY NOT NULL, rows INTEGER NOT NULL, sum INTEGER NOT NULL, sealed_rows INTEGER NOT NULL, sealed_sum INTEGER NOT NULL);
    CREATE TABLE ledger_digest_meta (id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1), schema_hash TEXT NOT NULL, installed_at TEXT NOT NULL);
    CREATE TABLE ledger_journal (id TEXT PRIMARY KEY NOT NULL, seq INTEGER NOT NULL);
    CREATE TABLE ledger_command (command_id TEXT PRIMARY KEY NOT NULL, entry_id TEXT NOT NULL);
    CREATE TABLE item (id TEXT PRIMARY KEY NOT NULL, amount INTEGER, name TEXT, litres REAL, hash BLOB);
    CREATE TABLE pair (a TEXT NOT NULL, b INTEGER NOT NULL, amount INTEGER NOT NULL, PRIMARY KEY (a, b));
    CREATE TABLE keyless (x INTEGER, y TEXT);
  `);
  return d;
}

let seq = 0;
/** What a command does last: its journal entry, which seals the digest. */
const commit = (d: Database.Database) => d.prepare(`INSERT INTO ledger_journal (id, seq) VALUES (?, ?)`).run(`e${++seq}`, seq);

describe('the start-up digest', () => {
  it('is clean right after install, on empty tables too', () => {
    const d = db();
    installDigest(d, 'now');
    expect(checkDigest(d)).toBeNull();
    expect(computeDigest(d, 'item')).toEqual({ rows: 0, sum: 0 });
  });

  it('follows committed inserts, updates and deletes of every value type, NULL, empty text and extremes included', () => {
    const d = db();
    installDigest(d, 'now');
    const ins = d.prepare(`INSERT INTO item (id, amount, name, litres, hash) VALUES (?, ?, ?, ?, ?)`);
    ins.run('a', 0, '', 0.001, Buffer.alloc(0));
    ins.run('b', null, null, null, null);
    ins.run('c', Number.MAX_SAFE_INTEGER, '宫保鸡丁', 12.345, Buffer.alloc(32, 1));
    ins.run('d', -Number.MAX_SAFE_INTEGER, 'x', -1e12, Buffer.alloc(1));
    d.prepare(`INSERT INTO pair VALUES ('k', 1, 5), ('k', 2, 6)`).run();
    d.prepare(`INSERT INTO keyless VALUES (1, 'one'), (NULL, NULL)`).run();
    commit(d);
    expect(checkDigest(d)).toBeNull();
    d.prepare(`UPDATE item SET amount = amount + 1, name = 'y' WHERE id = 'c'`).run();
    d.prepare(`DELETE FROM item WHERE id = 'b'`).run();
    d.prepare(`DELETE FROM keyless WHERE x IS NULL`).run();
    commit(d);
    expect(checkDigest(d)).toBeNull();
  });

  it('a change after the last commit, made with the triggers in place, is named with its table', () => {
    const d = db();
    installDigest(d, 'now');
    d.prepare(`INSERT INTO item (id, amount) VALUES ('a', 100)`).run();
    commit(d);
    d.prepare(`UPDATE item SET amount = 99 WHERE id = 'a'`).run();
    expect(checkDigest(d)).toMatchObject({ table: 'item', detail: expect.stringContaining('changed after the last journal entry') });
  });

  it('the idempotency record seals like the journal entry (it is written right after it)', () => {
    const d = db();
    installDigest(d, 'now');
    commit(d);
    d.prepare(`INSERT INTO ledger_command VALUES ('c1', 'e1')`).run();
    expect(checkDigest(d)).toBeNull();
  });

  it.each([
    ['one fen less', `UPDATE item SET amount = 9999 WHERE id = 'a'`],
    ['cashier to manager (same length)', `UPDATE item SET name = 'manager' WHERE id = 'a'`],
    ['a real changed in its third decimal', `UPDATE item SET litres = 30.001 WHERE id = 'a'`],
    ['a blob shortened', `UPDATE item SET hash = x'00' WHERE id = 'a'`],
    ['NULL to 0', `UPDATE item SET amount = 0 WHERE id = 'b'`],
    ['an amount moved between two rows', `UPDATE item SET amount = CASE id WHEN 'a' THEN 9000 ELSE 1000 END WHERE id IN ('a', 'b')`],
    ['a row deleted', `DELETE FROM item WHERE id = 'b'`],
    ['a row added', `INSERT INTO item (id, amount) VALUES ('z', 1)`],
    ['a key changed', `UPDATE item SET id = 'a2' WHERE id = 'a'`],
  ])('with the triggers dropped first: %s is found against the running digest', (_what, edit) => {
    const d = db();
    installDigest(d, 'now');
    d.prepare(`INSERT INTO item (id, amount, name, litres, hash) VALUES ('a', 10000, 'cashier', 30, x'0000'), ('b', NULL, 'x', 1, x'01')`).run();
    commit(d);
    expect(checkDigest(d)).toBeNull();
    for (const t of d.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).pluck().all() as string[]) d.exec(`DROP TRIGGER "${t}"`);
    d.exec(edit);
    expect(checkDigest(d)).toMatchObject({ table: 'item', detail: expect.stringContaining('do not give the running checksum') });
  });

  it('a dropped trigger with no row changed is named; a table added without a migration is seen', () => {
    const d = db();
    installDigest(d, 'now');
    d.exec(`DROP TRIGGER ledger_digest_pair_upd`);
    expect(checkDigest(d)).toMatchObject({ table: 'pair', detail: expect.stringContaining('ledger_digest_pair_upd was removed') });
    installDigest(d, 'now');
    d.exec(`CREATE TABLE sneaky (id TEXT PRIMARY KEY)`);
    expect(checkDigest(d)).toMatchObject({ table: null, detail: expect.stringContaining('changed without a migration') });
    d.exec(`DELETE FROM ledger_digest_meta`);
    expect(checkDigest(d)).toMatchObject({ table: 'ledger_digest_meta' });
  });

  it('property: after any committed sequence of writes, the running digest equals the one recomputed from the rows', () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant('ins' as const), id: fc.string({ maxLength: 3 }), amount: fc.option(fc.integer({ min: -1e15, max: 1e15 })), name: fc.option(fc.string({ maxLength: 8 })), litres: fc.option(fc.double({ noNaN: true, min: -1e9, max: 1e9 })) }),
      fc.record({ k: fc.constant('upd' as const), id: fc.string({ maxLength: 3 }), amount: fc.option(fc.integer({ min: -1e15, max: 1e15 })) }),
      fc.record({ k: fc.constant('del' as const), id: fc.string({ maxLength: 3 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const d = db();
        installDigest(d, 'now');
        for (const o of ops) {
          if (o.k === 'ins') d.prepare(`INSERT OR REPLACE INTO item (id, amount, name, litres) VALUES (?, ?, ?, ?)`).run(o.id, o.amount, o.name, o.litres);
          else if (o.k === 'upd') d.prepare(`UPDATE item SET amount = ? WHERE id = ?`).run(o.amount, o.id);
          else d.prepare(`DELETE FROM item WHERE id = ?`).run(o.id);
        }
        commit(d);
        expect(checkDigest(d)).toBeNull();
        d.close();
      }),
      { numRuns: 200 },
    );
  });
});
