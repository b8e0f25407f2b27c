import type * as z from 'zod';
import { PosError } from '../../../domain/errors';
import type { PullResponse } from '../../../domain/sync/reference';
import { newId, type EventProjector, type Ledger, type LedgerTx } from '../../../ledger';
import type { Sqlite } from '../../../ledger/types';
import type { CommandPath } from '../../commands';

/** One record change as a stream's apply function receives it: the checked record, or null when deleted centrally. */
export interface ReferenceChange<T> {
  id: string;
  version: number;
  record: T | null;
}

/**
 * A reference data stream as a workflow registers it (see streams/ for today's ones):
 *   reference.register({ name: 'catalog.items', schema: itemRecord, apply: (tx, changes) => ... })
 * `apply` runs inside the ONE local transaction that also moves the stream's cursor: it turns
 * the changes into the workflow's own business events (`tx.event`), whose projector writes the
 * workflow's tables. It must not await. Throwing refuses the whole batch.
 */
export interface ReferenceStream<T = unknown> {
  name: string;
  schema: z.ZodType<T>;
  apply(tx: LedgerTx, changes: ReferenceChange<T>[], central: CentralRecords): void;
}

/** Which records are centrally managed right now (origin 'central'), and their bodies. Read-only at the counter. */
export interface CentralRecords {
  isCentral(stream: string, id: string): boolean;
  body<T = unknown>(stream: string, id: string): T | undefined;
  ids(stream: string): string[];
  /** Refuses a counter-side edit of a central record with REFERENCE_READ_ONLY. */
  assertLocal(stream: string, id: string, what: { en: string; 'zh-CN': string }): void;
}

/** The journaled form of one applied batch (projected into reference_record and reference_cursor). */
export interface ReferenceBatchEvent {
  type: 'reference.batch.applied';
  stream: string;
  /** The cursor the batch starts after: the projector refuses a batch that does not continue the stored one. */
  from: number;
  cursor: number;
  /** Bodies as JSON text: the canonical journal holds integers only, records may hold decimals. */
  records: { id: string; version: number; body: string | null }[];
}

export interface AppliedBatch {
  stream: string;
  applied: number;
  cursor: number;
}

/**
 * The terminal's side of reference data: the stream registry, the cursors and the central
 * records (tables of migration 0013), and applying one pulled batch exactly once. Knows nothing
 * about HTTP (see reference-puller.ts).
 */
export class ReferenceData implements CentralRecords {
  private readonly registry = new Map<string, ReferenceStream>();
  private readonly st;

  constructor(
    private readonly db: Sqlite,
    ledger: Ledger,
  ) {
    this.st = {
      cursor: db.prepare(`SELECT cursor FROM reference_cursor WHERE stream = ?`).pluck(),
      cursors: db.prepare(`SELECT stream, cursor, applied_at AS appliedAt FROM reference_cursor ORDER BY stream`),
      body: db.prepare(`SELECT body FROM reference_record WHERE stream = ? AND record_id = ?`).pluck(),
      ids: db.prepare(`SELECT record_id FROM reference_record WHERE stream = ? ORDER BY record_id`).pluck(),
      upsert: db.prepare(`INSERT INTO reference_record (stream, record_id, version, body) VALUES (?, ?, ?, ?)
        ON CONFLICT (stream, record_id) DO UPDATE SET version = excluded.version, body = excluded.body`),
      remove: db.prepare(`DELETE FROM reference_record WHERE stream = ? AND record_id = ?`),
      setCursor: db.prepare(`INSERT INTO reference_cursor (stream, cursor, applied_at) VALUES (?, ?, ?)
        ON CONFLICT (stream) DO UPDATE SET cursor = excluded.cursor, applied_at = excluded.applied_at`),
    };
    ledger.projectors.register('reference', this.projector());
  }

  /** Adds a stream; the puller asks the server for every registered stream. */
  register<T>(stream: ReferenceStream<T>): this {
    if (this.registry.has(stream.name)) throw new Error(`reference stream registered twice: ${stream.name}`);
    this.registry.set(stream.name, stream as ReferenceStream);
    return this;
  }

  streams(): string[] {
    return [...this.registry.keys()];
  }

  cursor(stream: string): number {
    return (this.st.cursor.get(stream) as number | undefined) ?? 0;
  }

  cursors(): { stream: string; cursor: number; appliedAt: string | null }[] {
    const stored = new Map((this.st.cursors.all() as { stream: string; cursor: number; appliedAt: string }[]).map((r) => [r.stream, r]));
    return this.streams().map((name) => stored.get(name) ?? { stream: name, cursor: 0, appliedAt: null });
  }

  isCentral(stream: string, id: string): boolean {
    return this.st.body.get(stream, id) !== undefined;
  }

  body<T = unknown>(stream: string, id: string): T | undefined {
    const b = this.st.body.get(stream, id) as string | undefined;
    return b === undefined ? undefined : (JSON.parse(b) as T);
  }

  ids(stream: string): string[] {
    return this.st.ids.all(stream) as string[];
  }

  assertLocal(stream: string, id: string, what: { en: string; 'zh-CN': string }): void {
    if (this.isCentral(stream, id)) throw new PosError('REFERENCE_READ_ONLY', { what });
  }

  /**
   * Checks every record of a pulled batch against its stream's schema, then applies the batch,
   * the workflow's events and the new cursor in ONE journaled transaction. A bad record refuses
   * the whole batch with SYNC_REFERENCE_INVALID and nothing changes. A batch that does not start
   * at the stored cursor (pulled twice at once, or already applied) is skipped: exactly once.
   */
  async apply(commands: CommandPath, pulled: PullResponse, after: number): Promise<AppliedBatch> {
    const stream = this.registry.get(pulled.stream);
    if (!stream) throw new PosError('SYNC_REFERENCE_INVALID', { stream: pulled.stream, record: '-', reason: 'this terminal does not know the stream' });
    let last = after;
    const changes: ReferenceChange<unknown>[] = pulled.records.map((r) => {
      if (r.version <= last) throw new PosError('SYNC_REFERENCE_INVALID', { stream: stream.name, record: r.id, reason: `version ${r.version} is not after ${last}` });
      last = r.version;
      if (r.deleted) return { id: r.id, version: r.version, record: null };
      const parsed = stream.schema.safeParse(r.body);
      if (!parsed.success) {
        const reason = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
        throw new PosError('SYNC_REFERENCE_INVALID', { stream: stream.name, record: r.id, reason });
      }
      return { id: r.id, version: r.version, record: parsed.data };
    });
    if (changes.length === 0) return { stream: stream.name, applied: 0, cursor: after };
    const event: ReferenceBatchEvent = {
      type: 'reference.batch.applied',
      stream: stream.name,
      from: after,
      cursor: pulled.cursor,
      records: changes.map((c) => ({ id: c.id, version: c.version, body: c.record === null ? null : JSON.stringify(c.record) })),
    };
    return commands.run({
      commandId: newId(),
      method: 'sync.reference.apply',
      body: { stream: stream.name, from: after, cursor: pulled.cursor },
      actor: null,
      work: (tx) => {
        // Checked inside the transaction: a second pull of the same batch finds the cursor moved and applies nothing.
        if (this.cursor(stream.name) !== after) return { stream: stream.name, applied: 0, cursor: this.cursor(stream.name) };
        stream.apply(tx, changes, this);
        tx.event({ ...event });
        return { stream: stream.name, applied: changes.length, cursor: pulled.cursor };
      },
      audit: (r) => ({ stream: r.stream, applied: r.applied, cursor: r.cursor }),
      announce: (r) => (r.applied > 0 ? [['sync.reference', { streams: [r.stream], at: new Date().toISOString() }]] : []),
    });
  }

  /** The only writer of reference_record and reference_cursor, live and on replay. */
  private projector(): EventProjector {
    return (raw, at) => {
      const e = raw as unknown as ReferenceBatchEvent;
      if (e.type !== 'reference.batch.applied') throw new Error(`unknown reference event ${e.type}`);
      const stored = this.cursor(e.stream);
      if (stored !== e.from) throw new Error(`reference batch for ${e.stream} starts after ${e.from} but the cursor is ${stored}`);
      for (const r of e.records) {
        if (r.body === null) this.st.remove.run(e.stream, r.id);
        else this.st.upsert.run(e.stream, r.id, r.version, r.body);
      }
      this.st.setCursor.run(e.stream, e.cursor, at);
    };
  }
}
