import { AuditEntity } from './audit';
import { StaffEntity } from './staff';

/** Every TypeORM entity schema; workflows append theirs here. */
export const entities = [StaffEntity, AuditEntity];
