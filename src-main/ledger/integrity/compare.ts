import type { Sqlite } from '../types';
import { derivedTables, keyColumns, quoteIdent } from './derived-tables';

/** The first row where the live tables and the journal's rebuild of them disagree. */
export interface TableDifference {
  table: string;
  /** The row's key as `column=value` pairs (`id=019a…`, `terminal_id=…, seq=7`). */
  key: string;
  /** The first column that differs; null when the whole row is missing or extra. */
  column: string | null;
  /** What the journal says (null: the journal has no such row). */
  expected: string | null;
  /** What the table holds (null: the table lacks the row). */
  found: string | null;
  /** One sentence for logs, the CLI and the manager's screen. */
  detail: string;
}

type Value = string | number | bigint | Buffer | null;
type Row = Value[];

/**
 * Compares every derived table of `actual` (the live database) with `expected` (an empty
 * database the journal was replayed into), table by table in name order, each streamed in key
 * order on both sides, and returns the first difference, or null when every row is identical.
 * Memory stays constant: two cursors per table.
 */
export function firstDifference(expected: Sqlite, actual: Sqlite): TableDifference | null {
  const tables = new Set([...derivedTables(expected), ...derivedTables(actual)]);
  for (const table of [...tables].sort()) {
    const d = compareTable(expected, actual, table);
    if (d) return d;
  }
  return null;
}

function compareTable(expected: Sqlite, actual: Sqlite, table: string): TableDifference | null {
  const exists = (db: Sqlite) => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) !== undefined;
  if (!exists(actual)) return { table, key: '', column: null, expected: 'table', found: null, detail: `table ${table} is missing` };
  if (!exists(expected)) return { table, key: '', column: null, expected: null, found: 'table', detail: `table ${table} is not made by this version's migrations` };
  const { key, columns } = keyColumns(actual, table);
  const cols = columns.map(quoteIdent).join(', ');
  const order = key.map(quoteIdent).join(', ');
  const sql = `SELECT ${cols} FROM ${quoteIdent(table)} ORDER BY ${order}`;
  const keyIdx = key.map((k) => columns.indexOf(k));
  const e = (expected.prepare(sql).raw(true).iterate() as IterableIterator<Row>)[Symbol.iterator]();
  const a = (actual.prepare(sql).raw(true).iterate() as IterableIterator<Row>)[Symbol.iterator]();
  const keyText = (row: Row) => key.map((k, i) => `${k}=${show(row[keyIdx[i]!]!)}`).join(', ');
  try {
    let x = e.next();
    let y = a.next();
    while (!x.done || !y.done) {
      const order = x.done ? 1 : y.done ? -1 : compareKeys(keyIdx.map((i) => x.value[i]!), keyIdx.map((i) => y.value[i]!));
      if (order < 0) {
        const k = keyText(x.value as Row);
        return { table, key: k, column: null, expected: 'row', found: null, detail: `${table} row ${k} is in the journal but missing from the table` };
      }
      if (order > 0) {
        const k = keyText(y.value as Row);
        return { table, key: k, column: null, expected: null, found: 'row', detail: `${table} row ${k} is in the table but not in the journal` };
      }
      const xe = x.value as Row;
      const ya = y.value as Row;
      for (let c = 0; c < columns.length; c++) {
        if (!sameValue(xe[c]!, ya[c]!)) {
          const k = keyText(ya);
          const column = columns[c]!;
          const [want, got] = [show(xe[c]!), show(ya[c]!)];
          return { table, key: k, column, expected: want, found: got, detail: `${table} row ${k}: ${column} is ${got}, the journal says ${want}` };
        }
      }
      x = e.next();
      y = a.next();
    }
    return null;
  } finally {
    e.return?.();
    a.return?.();
  }
}

function sameValue(x: Value, y: Value): boolean {
  if (Buffer.isBuffer(x) || Buffer.isBuffer(y)) return Buffer.isBuffer(x) && Buffer.isBuffer(y) && x.equals(y);
  return x === y;
}

/** SQLite's ORDER BY for the BINARY collation: NULL < numbers < text (UTF-8 bytes) < blobs. */
function compareKeys(x: Value[], y: Value[]): number {
  for (let i = 0; i < x.length; i++) {
    const c = compareValue(x[i]!, y[i]!);
    if (c !== 0) return c;
  }
  return 0;
}

function rank(v: Value): number {
  if (v === null) return 0;
  if (typeof v === 'number' || typeof v === 'bigint') return 1;
  if (typeof v === 'string') return 2;
  return 3;
}

function compareValue(x: Value, y: Value): number {
  const r = rank(x) - rank(y);
  if (r !== 0) return r;
  if (x === null || y === null) return 0;
  if (typeof x === 'string' && typeof y === 'string') return Buffer.compare(Buffer.from(x), Buffer.from(y));
  if (Buffer.isBuffer(x) && Buffer.isBuffer(y)) return Buffer.compare(x, y);
  return x < y ? -1 : x > y ? 1 : 0;
}

function show(v: Value): string {
  if (v === null) return 'NULL';
  if (Buffer.isBuffer(v)) return `x'${v.toString('hex').slice(0, 16)}${v.length > 8 ? '…' : ''}'`;
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}…` : v);
  return String(v);
}
