import { v7 as uuidv7 } from 'uuid';
import type { DataSource } from 'typeorm';
import { PosError } from '../../domain/errors';
import { StaffEntity, type StaffRole, type StaffRow } from '../../ledger/entities/staff';
import type { SettingsStore } from '../../ops/settings-file';
import type { AuditTrail } from '../audit/audit-trail';
import { hashPin, verifyPin } from './pin-hash';

export interface StaffInfo {
  id: string;
  name: string;
  role: StaffRole;
}

/** After this many wrong PINs in a row a staff member must wait LOCK_MS. */
export const MAX_WRONG_PINS = 5;
export const LOCK_MS = 60_000;

const info = (r: StaffRow): StaffInfo => ({ id: r.id, name: r.name, role: r.role });

export class StaffService {
  private readonly wrongPins = new Map<string, { count: number; lockedUntil: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SettingsStore,
    private readonly audit: AuditTrail,
    private readonly now: () => Date,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(StaffEntity);
  }

  async needsSetup(): Promise<boolean> {
    return (await this.repo.countBy({ role: 'manager', active: true })) === 0;
  }

  /** First run: names the store and creates the first manager. Refused once a manager exists. */
  async setup(input: { storeName: string; managerName: string; pin: string }): Promise<StaffInfo> {
    const pinHash = await hashPin(input.pin);
    const created = await this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(StaffEntity);
      if ((await repo.countBy({ role: 'manager' })) > 0) throw new PosError('ALREADY_SET_UP');
      const row: StaffRow = { id: uuidv7(), name: input.managerName, role: 'manager', pinHash, active: true, createdAt: this.now().toISOString() };
      await repo.insert(row);
      return row;
    });
    this.settings.update((s) => {
      s.store.name = input.storeName;
    });
    await this.audit.record('store.setup', 'ok', created.id, { storeName: input.storeName });
    return info(created);
  }

  async list(): Promise<StaffInfo[]> {
    const rows = await this.repo.find({ where: { active: true }, order: { role: 'DESC', name: 'ASC' } });
    return rows.map(info);
  }

  async signIn(staffId: string, pin: string): Promise<StaffInfo> {
    const row = await this.repo.findOneBy({ id: staffId, active: true });
    if (!row) throw new PosError('NOT_FOUND', { what: 'staff' });
    const now = this.now().getTime();
    const state = this.wrongPins.get(staffId);
    if (state && state.lockedUntil > now) {
      await this.audit.record('staff.signIn', 'refused', staffId, { reason: 'locked' });
      throw new PosError('SIGN_IN_LOCKED', { seconds: Math.ceil((state.lockedUntil - now) / 1000) });
    }
    if (!(await verifyPin(pin, row.pinHash))) {
      const count = (state?.count ?? 0) + 1;
      const locked = count >= MAX_WRONG_PINS;
      this.wrongPins.set(staffId, { count: locked ? 0 : count, lockedUntil: locked ? now + LOCK_MS : 0 });
      await this.audit.record('staff.signIn', 'refused', staffId, { reason: 'wrong-pin', attempt: count });
      throw new PosError('PIN_INCORRECT');
    }
    this.wrongPins.delete(staffId);
    await this.audit.record('staff.signIn', 'ok', staffId);
    return info(row);
  }

  async signOut(staff: StaffInfo): Promise<void> {
    await this.audit.record('staff.signOut', 'ok', staff.id);
  }

  async create(by: StaffInfo, input: { name: string; role: StaffRole; pin: string }): Promise<StaffInfo> {
    if (await this.repo.existsBy({ name: input.name })) throw new PosError('NAME_TAKEN', { name: input.name });
    const row: StaffRow = { id: uuidv7(), name: input.name, role: input.role, pinHash: await hashPin(input.pin), active: true, createdAt: this.now().toISOString() };
    await this.repo.insert(row);
    await this.audit.record('staff.create', 'ok', by.id, { name: row.name, role: row.role });
    return info(row);
  }
}
