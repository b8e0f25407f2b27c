import { PosError } from '../../domain/errors';
import { DEFAULT_LOCKER_SETTINGS, type LockerSettings } from '../../domain/lockers';
import type { Ledger, Sqlite } from '../../ledger';
import type { SettingsStore } from '../../ops/settings-file';
import type { AuditTrail } from '../audit/audit-trail';
import type { CatalogService } from '../catalog';
import type { CommandPath } from '../commands';
import type { DeviceService } from '../devices/device-service';
import type { PaymentsService } from '../payments';
import type { StaffInfo, StaffService } from '../staff/staff-service';
import { lockerProjector } from './events';
import { customerLabel, uidLabel } from './refusals';
import { lockerStatements, type LockerRecord, type LockerStatements, type PartyRecord, type WristbandRecord } from './statements';

export interface LockerDeps {
  sqlite: Sqlite;
  ledger: Ledger;
  commands: CommandPath;
  payments: PaymentsService;
  settings: SettingsStore;
  audit: AuditTrail;
  staff: StaffService;
  deviceService: DeviceService;
  /** Outlets and items with their prices: the charge screen sells from the one catalog. */
  catalog: CatalogService;
  now: () => Date;
}

/** A manager's PIN typed on the cashier's screen to approve a void or a partial settlement. */
export interface Approval {
  staffId: string;
  pin: string;
}

/**
 * The locker desk: what every lockers use case shares. It finds lockers, parties and wristbands
 * (and says in the cashier's words why one cannot be used), reads the workflow's settings and
 * checks a manager's approval. It registers the projector of the `lockers.*` events, the only
 * writer of the lockers tables.
 */
export class LockerDesk {
  readonly rows: LockerStatements;

  constructor(readonly deps: LockerDeps) {
    this.rows = lockerStatements(deps.sqlite);
    deps.ledger.projectors.register('lockers', lockerProjector(this.rows, deps.catalog.store));
  }

  get ledger() {
    return this.deps.ledger;
  }
  get commands() {
    return this.deps.commands;
  }
  get currency() {
    return this.deps.settings.get().store.currency;
  }

  lockerSettings(): LockerSettings {
    const row = this.rows.settings.get();
    return row ? { ...DEFAULT_LOCKER_SETTINGS, ...(JSON.parse(row.json) as Partial<LockerSettings>) } : { ...DEFAULT_LOCKER_SETTINGS };
  }

  /** "101" is a typed locker number; 8–20 hex digits are a tapped wristband UID. */
  locker(ref: string): LockerRecord {
    if (/^\d{1,6}$/.test(ref)) {
      const locker = this.rows.lockerByNumber.get(Number(ref));
      if (!locker && this.rows.pendingLocker.get(Number(ref))) throw new PosError('LOCKER_NO_WRISTBAND', { locker: Number(ref) });
      if (!locker) throw new PosError('LOCKER_UNKNOWN_WRISTBAND', { ref });
      return locker;
    }
    const uid = ref.toUpperCase();
    const blocked = this.rows.blocked.get(uid);
    if (blocked) throw new PosError('LOCKER_WRISTBAND_LOST', { ref: `${blocked.locker_number} (${uidLabel(uid)})` });
    const locker = this.rows.lockerByUid.get(uid);
    if (!locker) throw new PosError('LOCKER_UNKNOWN_WRISTBAND', { ref: uidLabel(uid) });
    return locker;
  }

  /** The wristband of an open party on this locker, or a refusal saying why there is none. */
  activeWristband(ref: string): { locker: LockerRecord; band: WristbandRecord; party: PartyRecord } {
    const locker = this.locker(ref);
    if (locker.state === 'out_of_service') throw new PosError('LOCKER_OUT_OF_SERVICE', { locker: locker.number });
    const band = this.rows.activeBand.get(locker.number);
    const party = band && this.rows.party.get(band.party_id);
    if (!band || !party || party.status !== 'open') {
      // Settled since this screen looked (another counter, another window): say where and when.
      const settled = !band ? this.lastSettlement(locker.number) : undefined;
      if (settled) throw new PosError('LOCKER_SETTLED', { locker: locker.number, terminal: this.deps.settings.get().terminal.name, at: this.clock(settled.at) });
      throw new PosError('LOCKER_NOT_BOUND', { locker: locker.number });
    }
    return { locker, band, party };
  }

  private settledOn?: ReturnType<Sqlite['prepare']>;
  /** The latest settlement that freed this locker, if its party was settled today (store time). */
  private lastSettlement(locker: number): { at: string } | undefined {
    this.settledOn ??= this.deps.sqlite.prepare(
      `SELECT s.at AS at FROM locker_wristband w JOIN locker_settlement s ON s.party_id = w.party_id
       WHERE w.locker_number = ? AND w.status = 'settled' ORDER BY s.at DESC LIMIT 1`,
    );
    const row = this.settledOn.get(locker) as { at: string } | undefined;
    const day = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: this.deps.settings.get().store.timeZone }).format(new Date(iso));
    return row && day(row.at) === day(this.deps.now().toISOString()) ? row : undefined;
  }

  /** A locker that a new wristband binding may take: free, in service. */
  freeLocker(ref: string): LockerRecord {
    const locker = this.locker(ref);
    if (locker.state === 'out_of_service') throw new PosError('LOCKER_OUT_OF_SERVICE', { locker: locker.number });
    const band = this.rows.activeBand.get(locker.number);
    if (locker.state === 'occupied' || band) {
      const party = band && this.rows.party.get(band.party_id);
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
