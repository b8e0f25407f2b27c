import { EntitySchema } from 'typeorm';

export type StaffRole = 'cashier' | 'manager';

export interface StaffRow {
  id: string;
  name: string;
  role: StaffRole;
  pinHash: string;
  active: boolean;
  createdAt: string;
}

export const StaffEntity = new EntitySchema<StaffRow>({
  name: 'Staff',
  tableName: 'staff',
  columns: {
    id: { type: 'text', primary: true },
    name: { type: 'text' },
    role: { type: 'text' },
    pinHash: { type: 'text', name: 'pin_hash' },
    active: { type: 'boolean' },
    createdAt: { type: 'text', name: 'created_at' },
  },
});
