import { EntitySchema } from 'typeorm';

/** Read models of the lockers workflow (schema by migration 0005; writes go through LockerService). */
export interface LockerRow {
  number: number;
  uid: string;
  state: 'free' | 'occupied' | 'out_of_service';
  partyId: string | null;
}

export const LockerEntity = new EntitySchema<LockerRow>({
  name: 'Locker',
  tableName: 'locker',
  columns: {
    number: { type: 'integer', primary: true },
    uid: { type: 'text' },
    state: { type: 'text' },
    partyId: { type: 'text', name: 'party_id', nullable: true },
  },
});

export interface LockerItemRow {
  id: string;
  outlet: string;
  nameZh: string;
  nameEn: string;
  price: number;
  active: boolean;
}

export const LockerItemEntity = new EntitySchema<LockerItemRow>({
  name: 'LockerItem',
  tableName: 'locker_item',
  columns: {
    id: { type: 'text', primary: true },
    outlet: { type: 'text' },
    nameZh: { type: 'text', name: 'name_zh' },
    nameEn: { type: 'text', name: 'name_en' },
    price: { type: 'integer' },
    active: { type: 'boolean' },
  },
});

export interface LockerOutletRow {
  code: string;
  nameZh: string;
  nameEn: string;
  sort: number;
}

export const LockerOutletEntity = new EntitySchema<LockerOutletRow>({
  name: 'LockerOutlet',
  tableName: 'locker_outlet',
  columns: {
    code: { type: 'text', primary: true },
    nameZh: { type: 'text', name: 'name_zh' },
    nameEn: { type: 'text', name: 'name_en' },
    sort: { type: 'integer' },
  },
});
