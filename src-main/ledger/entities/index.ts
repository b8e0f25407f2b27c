import { AuditEntity } from './audit';
import { LedgerAccountEntity, LedgerJournalEntity } from './ledger';
import { StaffEntity } from './staff';
import { LockerEntity, LockerItemEntity, LockerOutletEntity } from './lockers';

/** Every TypeORM entity schema; workflows append theirs here. */
export const entities = [StaffEntity, AuditEntity, LedgerAccountEntity, LedgerJournalEntity, LockerEntity, LockerItemEntity, LockerOutletEntity];
