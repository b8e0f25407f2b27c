import { v7 as uuidv7 } from 'uuid';
import type { DataSource } from 'typeorm';
import { AuditEntity, type AuditRow } from '../../ledger/entities/audit';
import { isDiskFullError } from '../../ops/disk-space';
import { silentLogger, type Logger } from '../../ops/logging';

export interface AuditRecord {
  at: string;
  staffName: string | null;
  action: string;
  outcome: string;
  detail: Record<string, unknown>;
  /** How many identical records this row stands for (see REPEAT_WINDOW_MS). */
  repeats: number;
  /** When the last of them happened, when there were several. */
  lastAt: string | null;
}

/**
 * Identical records (same action, outcome, staff member and detail) within this time of the
 * first are counted on its row instead of written again: a cashier pressing a forbidden button
 * 2,500 times is one row saying 2,500, and cannot fill the disk with audit rows.
 */
export const REPEAT_WINDOW_MS = 60_000;
const MAX_TRACKED = 500;

/** Who did what, and whether it was allowed. Append-only, apart from the repeat count. */
export class AuditTrail {
  /** The row each recent distinct record went to, and when it was first made. */
  private readonly recentRows = new Map<string, { id: string; firstAt: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date,
    private readonly log: Logger = silentLogger(),
  ) {}

  async record(action: string, outcome: AuditRow['outcome'], staffId: string | null, detail: Record<string, unknown> = {}): Promise<void> {
    const at = this.now();
    const key = JSON.stringify([action, outcome, staffId, detail]);
    const earlier = this.recentRows.get(key);
    try {
      if (earlier && at.getTime() - earlier.firstAt < REPEAT_WINDOW_MS) {
        await this.dataSource.query(`UPDATE audit SET repeats = repeats + 1, last_at = ? WHERE id = ?`, [at.toISOString(), earlier.id]);
        return;
      }
      const id = uuidv7();
      await this.dataSource.getRepository(AuditEntity).insert({ id, at: at.toISOString(), staffId, action, outcome, detail: JSON.stringify(detail) });
      this.remember(key, id, at.getTime());
    } catch (e) {
      // A full disk must not stop a sign-in or a read: the refusal or success is logged instead.
      if (!isDiskFullError(e)) throw e;
      this.log.warn({ action, outcome, staffId }, 'audit record not saved: disk full');
    }
  }

  private remember(key: string, id: string, firstAt: number): void {
    this.recentRows.delete(key);
    this.recentRows.set(key, { id, firstAt });
    for (const [k, v] of this.recentRows) {
      if (this.recentRows.size <= MAX_TRACKED && firstAt - v.firstAt < REPEAT_WINDOW_MS) break;
      this.recentRows.delete(k); // oldest first: Map keeps insertion order
    }
  }

  async recent(limit: number): Promise<AuditRecord[]> {
    const rows = await this.dataSource
      .getRepository(AuditEntity)
      .createQueryBuilder('a')
      .leftJoin('staff', 's', 's.id = a.staff_id')
      .select(['a.at AS at', 's.name AS staffName', 'a.action AS action', 'a.outcome AS outcome', 'a.detail AS detail', 'a.repeats AS repeats', 'a.last_at AS lastAt'])
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(limit)
      .getRawMany<{ at: string; staffName: string | null; action: string; outcome: string; detail: string; repeats: number; lastAt: string | null }>();
    return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  }
}
