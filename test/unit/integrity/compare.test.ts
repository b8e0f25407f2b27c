import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { firstDifference } from '../../../src-main/ledger/integrity/compare';

const SCHEMA = `
  CREATE TABLE money (id TEXT PRIMARY KEY NOT NULL, amount INTEGER NOT NULL, note TEXT, hash BLOB);
  CREATE TABLE legs (transfer_id TEXT NOT NULL, leg INTEGER NOT NULL, amount INTEGER NOT NULL, PRIMARY KEY (transfer_id, leg));
  CREATE TABLE lockers (number INTEGER PRIMARY KEY, state TEXT NOT NULL);
  CREATE TABLE audit (id TEXT PRIMARY KEY, what TEXT);
`;

/** Two databases with the same rows (the journal's rebuild and the live one), then `edit` on the live one. */
function pair(edit: (live: Database.Database) => void) {
  const [rebuilt, live] = [new Database(':memory:'), new Database(':memory:')];
  for (const db of [rebuilt, live]) {
    db.exec(SCHEMA);
    db.exec(`INSERT INTO money VALUES ('a', 100, '宫保鸡丁', x'00ff'), ('é', 200, NULL, NULL), ('Z', 300, '', x'')`);
    db.exec(`INSERT INTO legs VALUES ('t1', 0, 500), ('t1', 1, 500), ('t10', 0, 7), ('t2', 0, 9)`);
    db.exec(`INSERT INTO lockers VALUES (9, 'free'), (101, 'occupied'), (1000, 'free')`);
  }
  edit(live);
  return firstDifference(rebuilt, live);
}

describe('the first row where a table and the journal’s rebuild disagree', () => {
  it('identical tables: none, whatever the key types (text with non-ASCII, composite, integer)', () => {
    expect(pair(() => undefined)).toBeNull();
  });

  it('local tables (the audit trail) are not compared', () => {
    expect(pair((db) => db.exec(`INSERT INTO audit VALUES ('x', 'tried')`))).toBeNull();
  });

  it('names the table, key and column of a changed value, with both values', () => {
    expect(pair((db) => db.exec(`UPDATE legs SET amount = 499 WHERE transfer_id = 't1' AND leg = 1`))).toEqual({
      table: 'legs',
      key: 'transfer_id="t1", leg=1',
      column: 'amount',
      expected: '500',
      found: '499',
      detail: 'legs row transfer_id="t1", leg=1: amount is 499, the journal says 500',
    });
  });

  it('NULL against empty text, and a changed blob, are differences', () => {
    expect(pair((db) => db.exec(`UPDATE money SET note = '' WHERE id = 'é'`))).toMatchObject({ table: 'money', key: 'id="é"', column: 'note', expected: 'NULL', found: '""' });
    expect(pair((db) => db.exec(`UPDATE money SET hash = x'00fe' WHERE id = 'a'`))).toMatchObject({ column: 'hash', expected: "x'00ff'", found: "x'00fe'" });
  });

  it('a missing row and an extra row are told apart, in key order (integers by value, text by UTF-8 bytes)', () => {
    expect(pair((db) => db.exec(`DELETE FROM lockers WHERE number = 101`))).toMatchObject({ table: 'lockers', key: 'number=101', expected: 'row', found: null });
    expect(pair((db) => db.exec(`INSERT INTO lockers VALUES (100, 'free')`))).toMatchObject({ table: 'lockers', key: 'number=100', expected: null, found: 'row' });
    expect(pair((db) => db.exec(`INSERT INTO money VALUES ('b', 1, NULL, NULL)`))).toMatchObject({ key: 'id="b"', found: 'row' });
    // 'é' sorts after 'b' in UTF-8 bytes: the deleted 'é' is reported, not a spurious difference at 'Z' or 'a'.
    expect(pair((db) => db.exec(`DELETE FROM money WHERE id = 'é'`))).toMatchObject({ key: 'id="é"', expected: 'row' });
  });

  it('tables are compared in name order: the first differing table wins', () => {
    expect(pair((db) => db.exec(`UPDATE money SET amount = 1 WHERE id = 'a'; UPDATE legs SET amount = 1 WHERE leg = 0 AND transfer_id = 't2'`))).toMatchObject({ table: 'legs' });
  });
});
