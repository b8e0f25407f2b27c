import { v7 as uuidv7 } from 'uuid';
import type { DataSource } from 'typeorm';
import { AuditEntity, type AuditRow } from '../../ledger/entities/audit';

export interface AuditRecord {
  at: string;
  staffName: string | null;
  action: string;
  outcome: string;
  detail: Record<string, unknown>;
}

/** Who did what, and whether it was allowed. Append-only. */
export class AuditTrail {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date,
  ) {}

  async record(action: string, outcome: AuditRow['outcome'], staffId: string | null, detail: Record<string, unknown> = {}): Promise<void> {
    await this.dataSource.getRepository(AuditEntity).insert({
      id: uuidv7(),
      at: this.now().toISOString(),
      staffId,
      action,
      outcome,
      detail: JSON.stringify(detail),
    });
  }

  async recent(limit: number): Promise<AuditRecord[]> {
    const rows = await this.dataSource
      .getRepository(AuditEntity)
      .createQueryBuilder('a')
      .leftJoin('staff', 's', 's.id = a.staff_id')
      .select(['a.at AS at', 's.name AS staffName', 'a.action AS action', 'a.outcome AS outcome', 'a.detail AS detail'])
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(limit)
      .getRawMany<{ at: string; staffName: string | null; action: string; outcome: string; detail: string }>();
    return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  }
}
