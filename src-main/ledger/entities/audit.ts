import { EntitySchema } from 'typeorm';

export interface AuditRow {
  id: string;
  at: string;
  staffId: string | null;
  action: string;
  outcome: 'ok' | 'refused';
  /** JSON object; never holds a PIN or a full card number. */
  detail: string;
}

export const AuditEntity = new EntitySchema<AuditRow>({
  name: 'Audit',
  tableName: 'audit',
  columns: {
    id: { type: 'text', primary: true },
    at: { type: 'text' },
    staffId: { type: 'text', name: 'staff_id', nullable: true },
    action: { type: 'text' },
    outcome: { type: 'text' },
    detail: { type: 'text' },
  },
});
