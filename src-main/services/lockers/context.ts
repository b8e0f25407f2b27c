import { v7 as uuidv7 } from 'uuid';
import { PosError } from '../../domain/errors';
import { fingerprint } from '../../domain/ledger';
import { DEFAULT_LOCKER_SETTINGS, type LockerSettings } from '../../domain/lockers';
import type { Ledger, Sqlite } from '../../ledger';
import type { SettingsStore } from '../../ops/settings-file';
import type { AuditTrail } from '../audit/audit-trail';
import type { DeviceService } from '../devices/device-service';
import type { StaffInfo, StaffService } from '../staff/staff-service';
import { customerLabel, uidLabel } from './refusals';
import { lockerStatements, type LockerRecord, type LockerStatements, type PartyRecord, type WristbandRecord } from './statements';

export interface LockerDeps {
  sqlite: Sqlite;
  ledger: Ledger;
  settings: SettingsStore;
  audit: AuditTrail;
  staff: StaffService;
  deviceService: DeviceService;
  now: () => Date;
}

/** A manager's PIN typed on the cashier's screen to approve a void or a partial settlement. */
export interface Approval {
  staffId: string;
  pin: string;
}

/** What every lockers use case shares: statements, the ledger, idempotent commands, lookups. */
export class LockerContext {
  readonly st: LockerStatements;
  constructor(readonly deps: LockerDeps) {
    this.st = lockerStatements(deps.sqlite);
  }

  get ledger() {
    return this.deps.ledger;
  }
  get currency() {
    return this.deps.settings.get().store.currency;
  }
  nowIso() {
    return this.deps.now().toISOString();
  }
  newId() {
    return uuidv7();
  }

  lockerSettings(): LockerSettings {
    const row = this.st.settings.get();
    return row ? { ...DEFAULT_LOCKER_SETTINGS, ...(JSON.parse(row.json) as Partial<LockerSettings>) } : { ...DEFAULT_LOCKER_SETTINGS };
  }

  /** The first result of this command id, if it already ran; the same id with another body is refused. */
  previous<T>(commandId: string, method: string, body: unknown): T | undefined {
    const row = this.st.command.get(commandId);
    if (!row) return undefined;
    if (row.method !== method || row.fingerprint !== fingerprint({ method, body })) throw new PosError('IDEMPOTENCY_CONFLICT');
    return JSON.parse(row.result) as T;
  }

  /**
   * Runs a money-changing use case once per command id, in ONE synchronous transaction with
   * the ledger commands it makes (they nest as savepoints): a retry or a double click returns
   * the first result and changes nothing; a refusal stores nothing, so the id may be retried.
   */
  once<T>(commandId: string, method: string, body: unknown, work: () => T): { result: T; replay: boolean } {
    const tx = this.deps.sqlite.transaction(() => {
      const prev = this.previous<T>(commandId, method, body);
      if (prev !== undefined) return { result: prev, replay: true };
      const result = work();
      this.st.insertCommand.run(commandId, method, fingerprint({ method, body }), JSON.stringify(result), this.nowIso());
      return { result, replay: false };
    });
    return tx.immediate();
  }

  /** "101" is a typed locker number; 8–20 hex digits are a tapped wristband UID. */
  locker(ref: string): LockerRecord {
    if (/^\d{1,6}$/.test(ref)) {
      const l = this.st.lockerByNumber.get(Number(ref));
      if (!l) throw new PosError('LOCKER_UNKNOWN_WRISTBAND', { ref });
      return l;
    }
    const uid = ref.toUpperCase();
    const blocked = this.st.blocked.get(uid);
    if (blocked) throw new PosError('LOCKER_WRISTBAND_LOST', { ref: `${blocked.locker_number} (${uidLabel(uid)})` });
    const l = this.st.lockerByUid.get(uid);
    if (!l) throw new PosError('LOCKER_UNKNOWN_WRISTBAND', { ref: uidLabel(uid) });
    return l;
  }

  /** The wristband of an open party on this locker, or a refusal saying why there is none. */
  activeWristband(ref: string): { locker: LockerRecord; band: WristbandRecord; party: PartyRecord } {
    const locker = this.locker(ref);
    if (locker.state === 'out_of_service') throw new PosError('LOCKER_OUT_OF_SERVICE', { locker: locker.number });
    const band = this.st.activeBand.get(locker.number);
    const party = band && this.st.party.get(band.party_id);
    if (!band || !party || party.status !== 'open') throw new PosError('LOCKER_NOT_BOUND', { locker: locker.number });
    return { locker, band, party };
  }

  /** A locker that a new wristband binding may take: free, in service. */
  freeLocker(ref: string): LockerRecord {
    const locker = this.locker(ref);
    if (locker.state === 'out_of_service') throw new PosError('LOCKER_OUT_OF_SERVICE', { locker: locker.number });
    const band = this.st.activeBand.get(locker.number);
    if (locker.state === 'occupied' || band) {
      const party = band && this.st.party.get(band.party_id);
      throw new PosError('LOCKER_ALREADY_BOUND', {
        locker: locker.number,
        customer: party ? customerLabel(party) : '-',
        since: party ? this.clock(party.opened_at) : '-',
      });
    }
    return locker;
  }

  clock(iso: string): string {
    const { timeZone } = this.deps.settings.get().store;
    return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
  }

  /** Checks a manager's PIN (throttled and audited like a sign-in); a cashier's PIN approves nothing. */
  async approve(approval: Approval, action: string, by: StaffInfo, detail: Record<string, unknown>): Promise<StaffInfo> {
    const approver = await this.deps.staff.signIn(approval.staffId, approval.pin);
    if (approver.role !== 'manager') {
      await this.deps.audit.record(action, 'refused', by.id, { ...detail, approverId: approver.id, reason: 'approver is not a manager' });
      throw new PosError('LOCKER_APPROVAL_NOT_MANAGER', { name: approver.name });
    }
    return approver;
  }
}
