import { v7 as uuidv7 } from 'uuid';
import type { DataSource } from 'typeorm';
import { PosError } from '../../domain/errors';
import { StaffEntity, type StaffRole, type StaffRow } from '../../ledger/entities/staff';
import type { SettingsStore } from '../../ops/settings-file';
import type { AuditTrail } from '../audit/audit-trail';
import type { Logger } from '../../ops/logging';
import type { Ledger, Sqlite } from '../../ledger';
import type { CommandPath } from '../commands';
import { hashPin, verifyPin } from './pin-hash';
import { lockDuration, MAX_WRONG_PINS, SignInGuards } from './sign-in-guard';
import { staffProjector, type StaffEvent, type StaffMember } from './staff-events';

export { LOCK_MS, MAX_WRONG_PINS } from './sign-in-guard';

export interface StaffInfo {
  id: string;
  name: string;
  role: StaffRole;
}

const info = (r: StaffRow | StaffMember): StaffInfo => ({ id: r.id, name: r.name, role: r.role });

/** What a staff change needs besides the database: the one command path and the ledger its projector registers with. */
export interface StaffJournal {
  sqlite: Sqlite;
  ledger: Ledger;
  commands: CommandPath;
}

/** What a manager may change about a member; each present field is one journaled event. */
export interface StaffChanges {
  role?: StaffRole;
  pin?: string;
  deactivate?: true;
}

export class StaffService {
  private readonly guards: SignInGuards;
  /** The tail of each staff member's queue of sign-in attempts: one at a time per person. */
  private readonly attempts = new Map<string, Promise<unknown>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SettingsStore,
    private readonly audit: AuditTrail,
    private readonly now: () => Date,
    log: Logger,
    private readonly journal: StaffJournal,
  ) {
    this.guards = new SignInGuards(dataSource, log);
    journal.ledger.projectors.register('staff', staffProjector(journal.sqlite));
  }

  /**
   * Staff rows from before staff changes were journaled (listed by migration 0010) are written
   * into the journal once each, as they are, so `journal verify` can rebuild the staff table.
   * Each is its own command; a crash half-way leaves the rest listed for the next start.
   */
  journalExistingStaff(): number {
    const ids = this.journal.sqlite.prepare(`SELECT id FROM staff_unjournaled ORDER BY id`).pluck().all() as string[];
    const read = this.journal.sqlite.prepare(`SELECT id, name, role, pin_hash AS pinHash, active, created_at AS createdAt FROM staff WHERE id = ?`);
    for (const id of ids) {
      this.journal.commands.runNow({
        commandId: uuidv7(),
        method: 'staff.recorded',
        body: { staffId: id },
        actor: null,
        work: (tx) => {
          const row = read.get(id) as (Omit<StaffMember, 'active'> & { active: number }) | undefined;
          if (!row) {
            // Listed but no longer there: nothing to record, drop it from the list.
            this.journal.sqlite.prepare(`DELETE FROM staff_unjournaled WHERE id = ?`).run(id);
            return null;
          }
          tx.event({ type: 'staff.member.recorded', member: { ...row, active: row.active === 1 } } satisfies StaffEvent);
          return { staffId: id };
        },
      });
    }
    return ids.length;
  }

  private get repo() {
    return this.dataSource.getRepository(StaffEntity);
  }

  async needsSetup(): Promise<boolean> {
    return (await this.repo.countBy({ role: 'manager', active: true })) === 0;
  }

  /** First run: names the store and creates the first manager. Refused once a manager exists. */
  async setup(input: { storeName: string; managerName: string; pin: string }): Promise<StaffInfo> {
    const member: StaffMember = { id: uuidv7(), name: input.managerName, role: 'manager', pinHash: await hashPin(input.pin), active: true, createdAt: this.now().toISOString() };
    const created = await this.journal.commands.run({
      commandId: uuidv7(),
      method: 'store.setup',
      body: { storeName: input.storeName, managerName: input.managerName },
      actor: { id: member.id },
      work: (tx) => {
        if (this.journal.sqlite.prepare(`SELECT 1 FROM staff WHERE role = 'manager'`).get()) throw new PosError('ALREADY_SET_UP');
        tx.event({ type: 'staff.member.added', member } satisfies StaffEvent);
        return info(member);
      },
      audit: () => ({ storeName: input.storeName }),
    });
    this.settings.update((s) => {
      s.store.name = input.storeName;
    });
    return created;
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

  async create(by: StaffInfo, input: { name: string; role: StaffRole; pin: string; commandId?: string }): Promise<StaffInfo> {
    const member: StaffMember = { id: uuidv7(), name: input.name, role: input.role, pinHash: await hashPin(input.pin), active: true, createdAt: this.now().toISOString() };
    return this.journal.commands.run({
      commandId: input.commandId ?? uuidv7(),
      method: 'staff.create',
      // The PIN is not part of what a retry must repeat (its hash is salted afresh each time).
      body: { name: input.name, role: input.role },
      actor: by,
      work: (tx) => {
        if (this.journal.sqlite.prepare(`SELECT 1 FROM staff WHERE name = ?`).get(input.name)) throw new PosError('NAME_TAKEN', { name: input.name });
        tx.event({ type: 'staff.member.added', member } satisfies StaffEvent);
        return info(member);
      },
      audit: (r) => ({ name: r.name, role: r.role }),
    });
  }

  /**
   * A manager changes a member's role or PIN, or deactivates them: one command, one event per
   * change. The last active manager can be neither demoted nor deactivated (LAST_MANAGER).
   */
  async update(by: StaffInfo, staffId: string, changes: StaffChanges, commandId: string = uuidv7()): Promise<StaffInfo> {
    const pinHash = changes.pin === undefined ? undefined : await hashPin(changes.pin);
    const read = this.journal.sqlite.prepare(`SELECT id, name, role, active FROM staff WHERE id = ?`);
    return this.journal.commands.run({
      commandId,
      method: 'staff.update',
      body: { staffId, role: changes.role ?? null, pin: changes.pin === undefined ? null : 'changed', deactivate: changes.deactivate ?? false },
      actor: by,
      work: (tx) => {
        const row = read.get(staffId) as { id: string; name: string; role: StaffRole; active: number } | undefined;
        if (!row || row.active !== 1) throw new PosError('NOT_FOUND', { what: { en: 'staff member', 'zh-CN': '员工' } });
        const losesManager = row.role === 'manager' && (changes.deactivate === true || (changes.role !== undefined && changes.role !== 'manager'));
        const managers = this.journal.sqlite.prepare(`SELECT COUNT(*) FROM staff WHERE role = 'manager' AND active = 1`).pluck().get() as number;
        if (losesManager && managers <= 1) throw new PosError('LAST_MANAGER');
        if (changes.role !== undefined && changes.role !== row.role) tx.event({ type: 'staff.role.changed', staffId, role: changes.role } satisfies StaffEvent);
        if (pinHash !== undefined) tx.event({ type: 'staff.pin.changed', staffId, pinHash } satisfies StaffEvent);
        if (changes.deactivate) tx.event({ type: 'staff.member.deactivated', staffId } satisfies StaffEvent);
        return { id: row.id, name: row.name, role: changes.role ?? row.role };
      },
      audit: (r) => ({ staffId: r.id, role: r.role, pinChanged: pinHash !== undefined, deactivated: changes.deactivate === true }),
    });
  }
}
