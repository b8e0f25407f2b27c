import * as z from 'zod';
import { MAX_PULL, STREAM_SCHEMAS, recordId, streamName, type PullResponse, type WireRecord } from '../../src-main/domain/sync/reference';
import type { ServerDb, Sql } from '../db';
import { SyncHttpError, invalidInput } from '../errors';

/** One change the back office makes: a record's new body, or its deletion. Scope '*' = every store. */
export const recordChange = z
  .object({
    id: recordId,
    scope: z.string().min(1).max(64).default('*'),
    body: z.unknown().optional(),
    deleted: z.boolean().default(false),
  })
  .strict();
export type RecordChange = z.infer<typeof recordChange>;

export interface StoredRecord {
  stream: string;
  id: string;
  scope: string;
  version: number;
  deleted: boolean;
  body: unknown;
  updatedAt: string;
  updatedBy: string;
}

interface Row {
  stream: string;
  record_id: string;
  scope: string;
  version: number | string;
  body: string | null;
  deleted: number;
  updated_at: string;
  updated_by: string;
}

const stored = (r: Row): StoredRecord => ({
  stream: r.stream,
  id: r.record_id,
  scope: r.scope,
  version: Number(r.version),
  deleted: Number(r.deleted) === 1,
  body: r.body === null ? null : JSON.parse(r.body),
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

/**
 * Writes changes to one stream in ONE transaction: each change takes the next value of the
 * server-wide counter (its row stays locked until commit, so versions become visible in order,
 * also with two server processes). Every body is checked against the stream's schema first; an
 * unknown stream, a bad body, an unknown store or a scope change refuses the whole request.
 */
export async function writeRecords(db: ServerDb, stream: string, changes: RecordChange[], by: string, now: Date): Promise<{ versions: number[]; scopes: string[] }> {
  const write = writeRecordsIn(stream, changes, by, now);
  return db.tx(write);
}

/**
 * The same write as `writeRecords`, checked now and run later inside a caller's transaction (the
 * coupon back office saves a coupon's limits and publishes it in ONE transaction).
 */
export function writeRecordsIn(stream: string, changes: RecordChange[], by: string, now: Date): (sql: Sql) => Promise<{ versions: number[]; scopes: string[] }> {
  if (!streamName.safeParse(stream).success || !STREAM_SCHEMAS[stream]) throw new SyncHttpError(404, { code: 'INVALID_INPUT', message: `No reference stream ${stream}.` });
  const schema = STREAM_SCHEMAS[stream]!;
  const ids = new Set<string>();
  const bodies = changes.map((c, i) => {
    if (ids.has(c.id)) throw invalidInput(`records.${i}.id: ${c.id} appears twice`);
    ids.add(c.id);
    if (c.deleted) return null;
    const r = schema.safeParse(c.body);
    if (!r.success) throw invalidInput(r.error.issues.map((x) => `records.${i}.body.${x.path.join('.')}: ${x.message}`).join('; '));
    return JSON.stringify(r.data);
  });
  return async (sql) => {
    const scopes = new Set<string>();
    for (const c of changes) {
      if (c.scope !== '*' && !(await sql.one(`SELECT id FROM store WHERE id = ?`, [c.scope]))) throw invalidInput(`scope: no store ${c.scope}`);
      scopes.add(c.scope);
    }
    const versions: number[] = [];
    for (const [i, c] of changes.entries()) {
      const existing = await sql.one<{ scope: string }>(`SELECT scope FROM reference_record WHERE stream = ? AND record_id = ?`, [stream, c.id]);
      // A record's audience is fixed: moving it to other stores would leave the first ones holding it unseen.
      if (existing && existing.scope !== c.scope) throw new SyncHttpError(409, { code: 'CONFLICT', message: `${stream} ${c.id} belongs to scope ${existing.scope}; delete it and create another id.` });
      if (!existing && c.deleted) throw new SyncHttpError(404, { code: 'INVALID_INPUT', message: `${stream} ${c.id} does not exist.` });
      const version = await nextVersion(sql);
      const params = [c.scope, version, bodies[i], c.deleted ? 1 : 0, now.toISOString(), by];
      if (existing) {
        await sql.run(`UPDATE reference_record SET scope = ?, version = ?, body = ?, deleted = ?, updated_at = ?, updated_by = ? WHERE stream = ? AND record_id = ?`, [...params, stream, c.id]);
      } else {
        await sql.run(`INSERT INTO reference_record (scope, version, body, deleted, updated_at, updated_by, stream, record_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [...params, stream, c.id]);
      }
      versions.push(version);
    }
    return { versions, scopes: [...scopes] };
  };
}

async function nextVersion(sql: Sql): Promise<number> {
  await sql.run(`UPDATE reference_counter SET last = last + 1 WHERE id = 1`);
  const r = await sql.one<{ last: number | string }>(`SELECT last FROM reference_counter WHERE id = 1`);
  return Number(r!.last);
}

/** What one terminal may read of a stream after its cursor: records for all stores or its own store, in version order. */
export async function pullRecords(db: ServerDb, stream: string, storeId: string, after: number, limit = MAX_PULL): Promise<PullResponse> {
  const rows = await db.all<Row>(
    `SELECT stream, record_id, scope, version, body, deleted, updated_at, updated_by FROM reference_record
      WHERE stream = ? AND version > ? AND (scope = '*' OR scope = ?) ORDER BY version LIMIT ?`,
    [stream, after, storeId, limit + 1],
  );
  const records: WireRecord[] = rows.slice(0, limit).map((r) => {
    const s = stored(r);
    return { id: s.id, version: s.version, deleted: s.deleted, body: s.deleted ? null : s.body };
  });
  return { stream, records, cursor: records.length ? records[records.length - 1]!.version : after, more: rows.length > limit };
}

/** The back office's view of a stream (deleted records included, newest change first). */
export async function listRecords(db: ServerDb, stream: string): Promise<StoredRecord[]> {
  const rows = await db.all<Row>(`SELECT stream, record_id, scope, version, body, deleted, updated_at, updated_by FROM reference_record WHERE stream = ? ORDER BY record_id`, [stream]);
  return rows.map(stored);
}

/** The highest version written so far (what the push channel compares to notice changes made by another process). */
export async function latestVersion(db: Sql): Promise<number> {
  const r = await db.one<{ last: number | string }>(`SELECT last FROM reference_counter WHERE id = 1`);
  return Number(r?.last ?? 0);
}

/** Streams and scopes changed after `version` (for the push channel). */
export async function changesSince(db: Sql, version: number): Promise<{ stream: string; scope: string }[]> {
  return db.all<{ stream: string; scope: string }>(`SELECT DISTINCT stream, scope FROM reference_record WHERE version > ?`, [version]);
}
