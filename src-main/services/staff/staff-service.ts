import { v7 as uuidv7 } from 'uuid';
import type { DataSource } from 'typeorm';
import { PosError } from '../../domain/errors';
import { StaffEntity, type StaffRole, type StaffRow } from '../../ledger/entities/staff';
import type { SettingsStore } from '../../ops/settings-file';
import type { AuditTrail } from '../audit/audit-trail';
import { silentLogger, type Logger } from '../../ops/logging';
import { hashPin, verifyPin } from './pin-hash';
import { lockDuration, MAX_WRONG_PINS, SignInGuards } from './sign-in-guard';

export { LOCK_MS, MAX_WRONG_PINS } from './sign-in-guard';

export interface StaffInfo {
  id: string;
  name: string;
  role: StaffRole;
}

const info = (r: StaffRow): StaffInfo => ({ id: r.id, name: r.name, role: r.role });

export class StaffService {
  private readonly guards: SignInGuards;
  /** The tail of each staff member's queue of sign-in attempts: one at a time per person. */
  private readonly attempts = new Map<string, Promise<unknown>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SettingsStore,
    private readonly audit: AuditTrail,
    private readonly now: () => Date,
    log: Logger = silentLogger(),
  ) {
    this.guards = new SignInGuards(dataSource, log);
  }

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

  /**
   * Checks a PIN. Attempts for one staff member run one at a time, and each is counted (and
   * saved) before the PIN is hashed, so a burst of concurrent guesses, or a crash in the middle
   * of one, gets no more than MAX_WRONG_PINS tries before the lockout.
   */
  signIn(staffId: string, pin: string): Promise<StaffInfo> {
    const previous = this.attempts.get(staffId) ?? Promise.resolve();
    const attempt = previous.then(() => this.tryPin(staffId, pin));
    const tail = attempt.catch(() => undefined);
    this.attempts.set(staffId, tail);
    void tail.then(() => {
      if (this.attempts.get(staffId) === tail) this.attempts.delete(staffId);
    });
    return attempt;
  }

  private async tryPin(staffId: string, pin: string): Promise<StaffInfo> {
    const row = await this.repo.findOneBy({ id: staffId, active: true });
    if (!row) throw new PosError('NOT_FOUND', { what: 'staff' });
    const state = await this.guards.read(staffId);
    const now = this.now().getTime();
    // Attempts left unfinished by a crash count as wrong ones.
    if (state.lockedUntil <= now && state.failures >= MAX_WRONG_PINS) {
      state.lockedUntil = now + lockDuration(state.lockouts++);
      state.failures = 0;
      await this.guards.write(staffId, state);
    }
    if (state.lockedUntil > now) {
      await this.audit.record('staff.signIn', 'refused', staffId, { reason: 'locked' });
      throw new PosError('SIGN_IN_LOCKED', { seconds: Math.ceil((state.lockedUntil - now) / 1000) });
    }
    state.failures += 1;
    await this.guards.write(staffId, state);
    if (!(await verifyPin(pin, row.pinHash))) {
      const attempt = state.failures;
      if (state.failures >= MAX_WRONG_PINS) {
        state.lockedUntil = this.now().getTime() + lockDuration(state.lockouts++);
        state.failures = 0;
        await this.guards.write(staffId, state);
      }
      await this.audit.record('staff.signIn', 'refused', staffId, { reason: 'wrong-pin', attempt });
      throw new PosError('PIN_INCORRECT');
    }
    await this.guards.write(staffId, { failures: 0, lockouts: 0, lockedUntil: 0 });
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
