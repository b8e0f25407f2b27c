import { PosError } from '../../domain/errors';
import { guideSteps, missingSetup, type Workflow } from '../../domain/setup';
import { newId, type Ledger, type Sqlite } from '../../ledger';
import type { SettingsStore } from '../../ops/settings-file';
import type { DeviceManager } from '../../devices';
import type { CatalogService } from '../catalog';
import type { CommandPath } from '../commands';
import type { FuelService } from '../fuel/fuel-service';
import type { LockerService } from '../lockers';
import type { StaffInfo } from '../staff/staff-service';
import { coordinates } from '../fuel/fuel-events';

export interface SetupDeps {
  sqlite: Sqlite;
  ledger: Ledger;
  commands: CommandPath;
  settings: SettingsStore;
  devices: DeviceManager;
  catalog: CatalogService;
  lockers: LockerService;
  fuel: FuelService;
}

export interface StoreDetails {
  storeName: string;
  address: string;
  phone: string;
  taxNumber: string;
  timeZone: string;
  currency: string;
  footer: string;
}

/**
 * The store's set-up in business terms (version 1 of the `setup.*` events): its details and the
 * workflows it uses. The details live in the settings file (receipts and every screen read them
 * there); the workflows in `setup_state`, written only by this projector.
 */
export type SetupEvent = { type: 'setup.store.saved'; store: StoreDetails } | { type: 'setup.workflows.set'; workflows: Workflow[] };

const changed = (): [string, unknown][] => [['setup.changed', { at: new Date().toISOString() }]];

/** The first-run guide's use cases: store details, workflows, what is still missing, the fuel station picked from the list. */
export class SetupService {
  private readonly q;

  constructor(private readonly d: SetupDeps) {
    this.q = {
      workflows: d.sqlite.prepare<[], { workflows: string | null }>(`SELECT workflows FROM setup_state WHERE id = 1`),
      setWorkflows: d.sqlite.prepare(`INSERT INTO setup_state (id, workflows) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET workflows = excluded.workflows`),
      moneyMoved: d.sqlite.prepare(`SELECT 1 FROM ledger_transfer UNION ALL SELECT 1 FROM ledger_hold LIMIT 1`),
    };
    d.ledger.projectors.register('setup', (raw) => {
      const e = raw as SetupEvent;
      if (e.type === 'setup.workflows.set') this.q.setWorkflows.run(JSON.stringify(e.workflows));
      else if (e.type !== 'setup.store.saved') throw new Error(`unknown setup event ${(e as { type: string }).type}`);
    });
  }

  /** Null until a manager chose: every tile shows (stores set up before the guide existed, the demo). */
  workflows(): Workflow[] | null {
    const row = this.q.workflows.get();
    return row?.workflows ? (JSON.parse(row.workflows) as Workflow[]) : null;
  }

  details(): StoreDetails {
    const { store } = this.d.settings.get();
    return { storeName: store.name, address: store.receipt.address, phone: store.receipt.phone, taxNumber: store.receipt.taxNumber, timeZone: store.timeZone, currency: store.currency, footer: store.receipt.footer };
  }

  status() {
    const workflows = this.workflows();
    const devices = this.d.devices.settings();
    const lockers = this.d.lockers.setup.counts();
    const fuel = this.d.fuel.setup.view();
    const missing = missingSetup({
      workflows,
      address: this.details().address,
      lockersRegistered: lockers.registered,
      lockersWithoutWristband: lockers.withoutWristband,
      activeItems: this.d.catalog.store.activeItemCount(),
      stationProblem: fuel.station === null,
      pricedGrades: fuel.grades.filter((g) => g.price !== null).length,
      pumps: fuel.pumps.length,
      printer: devices.printer.enabled,
      cardReader: devices.cardReader.enabled,
    });
    return { details: this.details(), workflows, steps: guideSteps(workflows), missing };
  }

  async saveStore(by: StaffInfo, input: StoreDetails) {
    const current = this.d.settings.get().store;
    // The ledger's accounts are in the store currency: it cannot change once money has moved.
    if (input.currency !== current.currency && this.q.moneyMoved.get()) throw new PosError('SETUP_CURRENCY_LOCKED', { currency: current.currency });
    await this.d.commands.run({
      commandId: newId(),
      method: 'setup.saveStore',
      body: input,
      actor: by,
      work: (tx) => {
        tx.event({ type: 'setup.store.saved', store: input } satisfies SetupEvent);
        return null;
      },
      announce: changed,
      audit: () => ({ ...input }),
    });
    this.d.settings.update((s) => {
      s.store.name = input.storeName;
      s.store.timeZone = input.timeZone;
      s.store.currency = input.currency;
      s.store.receipt = { ...s.store.receipt, address: input.address, phone: input.phone, taxNumber: input.taxNumber, footer: input.footer };
    });
    return this.status();
  }

  async setWorkflows(by: StaffInfo, workflows: Workflow[]) {
    const list = [...new Set(workflows)];
    await this.d.commands.run({
      commandId: newId(),
      method: 'setup.setWorkflows',
      body: { workflows: list },
      actor: by,
      work: (tx) => {
        tx.event({ type: 'setup.workflows.set', workflows: list } satisfies SetupEvent);
        return null;
      },
      announce: changed,
      audit: () => ({ workflows: list }),
    });
    return this.status();
  }

  /** The demo seed: workflows set by the system (no actor), on the same command path. */
  seedWorkflows(workflows: Workflow[]): void {
    this.d.commands.runNow({
      commandId: newId(),
      method: 'setup.seedDemo',
      body: { workflows },
      actor: null,
      work: (tx) => tx.event({ type: 'setup.workflows.set', workflows } satisfies SetupEvent),
    });
  }

  seedAddress(address: string): void {
    const store = { ...this.details(), address };
    this.d.commands.runNow({
      commandId: newId(),
      method: 'setup.seedDemo',
      body: { store },
      actor: null,
      work: (tx) => tx.event({ type: 'setup.store.saved', store } satisfies SetupEvent),
    });
    this.d.settings.update((s) => {
      s.store.receipt.address = address;
    });
  }

  stations() {
    return this.d.fuel.store.stationDirectory();
  }

  /** A station typed on the screen (name, address, coordinates); head office's stations are read-only. */
  async saveStation(by: StaffInfo, s: { id?: string | undefined; name: string; address: string; latitude: number; longitude: number }) {
    const existing = s.id ? this.stations().find((x) => x.id === s.id) : undefined;
    if (existing?.origin === 'central') throw new PosError('CATALOG_READ_ONLY', { name: existing.name });
    await this.d.commands.run({
      commandId: newId(),
      method: 'setup.saveStation',
      // The journal holds integers only: coordinates travel as decimal text, as fuel's own events do.
      body: { ...s, ...coordinates(s) },
      actor: by,
      work: (tx) => {
        const id = s.id ?? tx.newId().slice(-12).toUpperCase();
        tx.event({ type: 'fuel.station.saved', station: { id, name: s.name, address: s.address, origin: 'local', ...coordinates(s) } });
        return id;
      },
      announce: changed,
      audit: () => ({ station: s.id ?? null, name: s.name }),
    });
    return this.stations();
  }

  /** This terminal stands at the chosen station: its coordinates become the terminal's location. */
  async useStation(by: StaffInfo, input: { stationId: string; radiusMetres?: number | undefined }) {
    const station = this.stations().find((x) => x.id === input.stationId);
    if (!station) throw new PosError('NOT_FOUND', { what: { en: `station ${input.stationId}`, 'zh-CN': `油站 ${input.stationId}` } });
    const radiusMetres = input.radiusMetres ?? this.d.fuel.store.location()?.radiusMetres ?? 500;
    return this.d.fuel.setup.setLocation(by, { latitude: station.latitude, longitude: station.longitude, radiusMetres });
  }
}
