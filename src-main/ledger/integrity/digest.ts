import crypto from 'node:crypto';
import type { Sqlite } from '../types';
import { derivedTables, keyColumns, quoteIdent } from './derived-tables';

/**
 * The start-up digest: per derived table, a row count and a checksum of its rows, kept up to date
 * incrementally by SQLite triggers (each insert, update or delete adds or removes that row's
 * share), and "sealed" (copied aside) whenever a journal entry or idempotency record is written,
 * i.e. at every commit of a command. The start-up check then needs no journal replay:
 * - the running digest differs from the sealed one: a table changed after the last commit
 *   without a journal entry (a hand edit with the triggers in place);
 * - the table recomputed now differs from the running digest: a change made with the triggers
 *   dropped (then re-created or not);
 * - a trigger is missing: someone removed it.
 * It is a checksum, not a signature: someone who edits a row AND updates both digests to match
 * (or re-hashes the journal) is caught only by the full `journal verify` (the rebuild) or by the
 * server's signed ack. The journal itself is checked by its hash chain, not here.
 */

/** Tables the digest does not cover: the journal has its own hash chain. */
const NOT_DIGESTED = new Set(['ledger_journal']);
/** Each column's share is reduced modulo this prime, so sums of a year of rows stay far from 2^63. */
const P = 1_000_003;
/** The key's weight is 1..K: a value moved between two rows changes the checksum (unless both keys weigh the same). */
const K = 251;
const TRIGGER_PREFIX = 'ledger_digest_';

export function digestTables(db: Sqlite): string[] {
  return derivedTables(db).filter((t) => !NOT_DIGESTED.has(t));
}

type Affinity = 'integer' | 'real' | 'text' | 'blob';

/** SQLite's column affinity from the declared type (https://sqlite.org/datatype3.html, 3.1). */
function affinity(declared: string): Affinity {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'integer';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'text';
  if (t === '' || t.includes('BLOB')) return 'blob';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'real';
  return 'integer'; // NUMERIC, BOOLEAN, DATE...: stored as numbers when they look like numbers
}

/**
 * One value's share, by the column's declared type, in exact integer arithmetic (the triggers and
 * the recompute must agree to the unit). No CASE on typeof(): that made the recompute of a year of
 * rows ~5x slower. Text counts its length and first character ('cashier' vs 'manager'), so an
 * edit in the middle of a text of the same length is left to the full verify.
 */
function share(x: string, a: Affinity): string {
  switch (a) {
    case 'integer':
      return `COALESCE(${x} % ${P}, ${P - 1})`;
    case 'real':
      return `COALESCE(CAST(${x} * 1000 AS INTEGER) % ${P}, ${P - 1})`;
    case 'text':
      return `COALESCE((length(${x}) * 7919 + unicode(${x})) % ${P}, ${P - 2})`;
    case 'blob':
      return `COALESCE((length(${x}) * 3 + 1) % ${P}, ${P - 2})`;
  }
}

/** The checksum share of one row, written over `prefix` (`NEW.`, `OLD.` or a table alias). */
export function rowShareSql(db: Sqlite, table: string, prefix: string): string {
  const info = db.prepare(`SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid`).all(table) as { name: string; type: string; pk: number }[];
  const { key } = keyColumns(db, table);
  const col = (name: string) => info.find((c) => c.name === name)!;
  const ref = (c: string) => `${prefix}${quoteIdent(c)}`;
  const weight = `(1 + abs(${share(ref(key[0]!), affinity(col(key[0]!).type))}) % ${K})`;
  const sum = info.map((c, i) => `${i + 1} * ${share(ref(c.name), affinity(c.type))}`).join(' + ');
  return `(${weight} * (${sum}))`;
}

export interface TableDigest {
  rows: number;
  sum: number;
}

/** The table's count and checksum computed now from its rows (one aggregate query). */
export function computeDigest(db: Sqlite, table: string): TableDigest {
  const r = db.prepare(`SELECT COUNT(*) AS rows, COALESCE(SUM(${rowShareSql(db, table, 't.')}), 0) AS sum FROM ${quoteIdent(table)} AS t`).get() as TableDigest;
  return { rows: r.rows, sum: r.sum };
}

/** What the schema of the digested tables is: triggers made for another schema are re-made. */
export function schemaHash(db: Sqlite): string {
  const tables = digestTables(db);
  const sql = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string; sql: string }[];
  return crypto
    .createHash('sha256')
    .update(JSON.stringify(sql.filter((t) => tables.includes(t.name))))
    .digest('hex');
}

function triggerNames(table: string): string[] {
  return ['ins', 'upd', 'del'].map((k) => `${TRIGGER_PREFIX}${table}_${k}`);
}

export const SEAL_TRIGGERS = [`${TRIGGER_PREFIX}seal_journal`];
/** The idempotency record, written right after its journal entry, seals too (in its own digest trigger: SQLite does not promise an order between two triggers). */
const SEALED_BY_INSERT = 'ledger_command';
const SEAL = `UPDATE ledger_digest SET sealed_rows = rows, sealed_sum = sum WHERE sealed_rows <> rows OR sealed_sum <> sum;`;

/**
 * (Re)installs the triggers for every digested table and takes the current rows as the baseline,
 * in one transaction. Run after migrations changed the schema (or made a new database), and after
 * a full verify found the tables equal to the journal's rebuild.
 */
export function installDigest(db: Sqlite, now: string): void {
  db.transaction(() => {
    for (const name of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'ledger\\_digest\\_%' ESCAPE '\\'`).pluck().all() as string[]) {
      db.exec(`DROP TRIGGER ${quoteIdent(name)}`);
    }
    db.exec(`DELETE FROM ledger_digest`);
    const insert = db.prepare(`INSERT INTO ledger_digest (tbl, rows, sum, sealed_rows, sealed_sum) VALUES (?, ?, ?, ?, ?)`);
    for (const table of digestTables(db)) {
      const d = computeDigest(db, table);
      insert.run(table, d.rows, d.sum, d.rows, d.sum);
      const [ins, upd, del] = triggerNames(table);
      const t = quoteIdent(table);
      const lit = `'${table.replaceAll("'", "''")}'`;
      db.exec(`CREATE TRIGGER ${quoteIdent(ins!)} AFTER INSERT ON ${t} BEGIN
        UPDATE ledger_digest SET rows = rows + 1, sum = sum + ${rowShareSql(db, table, 'NEW.')} WHERE tbl = ${lit}; ${table === SEALED_BY_INSERT ? SEAL : ''} END`);
      db.exec(`CREATE TRIGGER ${quoteIdent(upd!)} AFTER UPDATE ON ${t} BEGIN
        UPDATE ledger_digest SET sum = sum - ${rowShareSql(db, table, 'OLD.')} + ${rowShareSql(db, table, 'NEW.')} WHERE tbl = ${lit}; END`);
      db.exec(`CREATE TRIGGER ${quoteIdent(del!)} AFTER DELETE ON ${t} BEGIN
        UPDATE ledger_digest SET rows = rows - 1, sum = sum - ${rowShareSql(db, table, 'OLD.')} WHERE tbl = ${lit}; END`);
    }
    // Every command writes one journal entry (and, when it has a command id, its idempotency
    // record right after it): what the tables hold then is what the journal accounts for.
    db.exec(`CREATE TRIGGER ${SEAL_TRIGGERS[0]} AFTER INSERT ON ledger_journal BEGIN ${SEAL} END`);
    db.prepare(`INSERT INTO ledger_digest_meta (id, schema_hash, installed_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET schema_hash = excluded.schema_hash, installed_at = excluded.installed_at`).run(schemaHash(db), now);
  }).immediate();
}

/** What the digest check found wrong, with the table when it can say. */
export interface DigestFinding {
  table: string | null;
  detail: string;
}

/**
 * The cheap part, run while the terminal starts (no table scan): the record is there, the schema
 * is the one the triggers were made for, every trigger is there, and nothing changed since the
 * last commit (running = sealed). Returns the first problem, or null.
 */
export function checkDigestCheap(db: Sqlite): DigestFinding | null {
  return checkSealed(db) ?? checkTriggers(db);
}

/** The record, the schema, and running = sealed for every table. */
function checkSealed(db: Sqlite): DigestFinding | null {
  const meta = db.prepare(`SELECT schema_hash FROM ledger_digest_meta WHERE id = 1`).get() as { schema_hash: string } | undefined;
  if (!meta) return { table: 'ledger_digest_meta', detail: 'the record of the ledger checksums is missing' };
  if (meta.schema_hash !== schemaHash(db)) return { table: null, detail: 'the ledger tables were changed without a migration (their schema differs from the checksummed one)' };
  const stored = storedDigests(db);
  const tables = digestTables(db);
  for (const table of tables) {
    const s = stored.get(table);
    if (!s) return { table, detail: 'the table has no checksum' };
    if (s.rows !== s.sealed_rows || s.sum !== s.sealed_sum) {
      return { table, detail: `changed after the last journal entry: ${s.sealed_rows} rows committed, ${s.rows} now, checksum ${s.sealed_sum} → ${s.sum}` };
    }
  }
  return null;
}

/** Every checksum trigger is there. */
function checkTriggers(db: Sqlite): DigestFinding | null {
  const tables = digestTables(db);
  const triggers = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).pluck().all() as string[]);
  for (const seal of SEAL_TRIGGERS) if (!triggers.has(seal)) return { table: 'ledger_journal', detail: `the checksum trigger ${seal} was removed` };
  for (const table of tables) {
    const missing = triggerNames(table).find((n) => !triggers.has(n));
    if (missing) return { table, detail: `the checksum trigger ${missing} was removed` };
  }
  return null;
}

interface StoredDigest {
  tbl: string;
  rows: number;
  sum: number;
  sealed_rows: number;
  sealed_sum: number;
}

function storedDigests(db: Sqlite): Map<string, StoredDigest> {
  return new Map((db.prepare(`SELECT * FROM ledger_digest`).all() as StoredDigest[]).map((r) => [r.tbl, r]));
}

/** The recompute of every table as SQL (one aggregate each): what a worker thread runs on its own connection. */
export function recomputeQueries(db: Sqlite): { table: string; sql: string }[] {
  return digestTables(db).map((table) => ({ table, sql: `SELECT COUNT(*) AS rows, COALESCE(SUM(${rowShareSql(db, table, 't.')}), 0) AS sum FROM ${quoteIdent(table)} AS t` }));
}

/** The running digest against the tables recomputed (in the same read transaction). */
export function compareRecomputed(stored: { tbl: string; rows: number; sum: number }[], computed: { table: string; rows: number; sum: number }[]): DigestFinding | null {
  const byTable = new Map(stored.map((s) => [s.tbl, s]));
  for (const c of computed) {
    const s = byTable.get(c.table);
    if (!s) return { table: c.table, detail: 'the table has no checksum' };
    if (c.rows !== s.rows || c.sum !== s.sum) {
      return { table: c.table, detail: `its rows do not give the running checksum (${s.rows} rows, ${s.sum}); they give ${c.rows} rows, ${c.sum}: changed with the checksum triggers off` };
    }
  }
  return null;
}

/**
 * Everything: the cheap part, then every table recomputed against the running digest (a scan of
 * every derived table; 1.7–3.2 s on a year of rows on a loaded 2-core VM, so the app runs it in a worker thread after
 * start, see recompute.ts). Returns the first problem, or null.
 */
export function checkDigest(db: Sqlite): DigestFinding | null {
  const sealed = checkSealed(db);
  if (sealed) return sealed;
  // Rows before triggers: an edit made with the triggers dropped names its table.
  return checkDigestRows(db) ?? checkTriggers(db);
}

/** Every table recomputed against the running digest, in one read transaction (the scan). */
export function checkDigestRows(db: Sqlite): DigestFinding | null {
  return db.transaction(() => {
    const computed = recomputeQueries(db).map((q) => ({ table: q.table, ...(db.prepare(q.sql).get() as TableDigest) }));
    return compareRecomputed([...storedDigests(db).values()], computed);
  })();
}
