import fs from 'node:fs';
import { openDatabase, type Database } from '../ledger/database';
import { Ledger } from '../ledger';
import { acquireInstanceLock } from '../ops/instance-lock';
import { createLogger, silentLogger, type Logger } from '../ops/logging';
import { SettingsFileError, SettingsStore } from '../ops/settings-file';
import { DeviceManager, DeviceSettingsSchema, type DeviceSettings, type DeviceSettingsInput, type DeviceTiming, type OpenHidDevice, type ReceiptRasterizer } from '../devices';
import { AuditTrail } from './audit/audit-trail';
import { seedDemo } from './demo';
import { EventBus } from './events';
import { StaffService } from './staff/staff-service';
import { SessionResume } from './staff/session-resume';
import { DeviceService, type DemoDeviceHooks } from './devices/device-service';
import { LockerService } from './lockers';
import { FuelService } from './fuel/fuel-service';
import { CommandPath } from './commands';
import { PaymentsService, mergeLegacyTenders } from './payments';
import { ReceiptService } from './receipts/receipt-service';
import { DiskWatch } from './system/disk-watch';
import { SyncService, type SyncTiming } from './sync/sync-service';
import { LedgerIntegrity } from './integrity/integrity-service';
import { openEmptyLedger } from './integrity/empty-ledger';
import { CatalogService } from './catalog';
import { SetupService } from './setup/setup-service';
import { CsvTransfer } from './setup/csv-transfer';
import { createSettlement, type Settlement } from './settlement';
import { ReferenceData } from './sync/reference/reference-data';
import type { PullTiming } from './sync/reference/reference-puller';
import { fuelGradesStream, fuelStationsStream } from './sync/streams/fuel-streams';
import { centralReceiptHeader, receiptHeaderStream } from './sync/streams/receipt-streams';
import { catalogItemsStream, catalogOutletsStream } from './sync/streams/catalog-streams';
import { pointsRulesStream } from './sync/streams/points-streams';
import { PointsService } from './points/points-service';
import { MemberCardsService } from './member-cards/cards-service';
import { CardsClient } from './member-cards/cards-client';
import { OnlineValueClient, ValueRefusal } from './value/value-client';
import { UpdateService, type UpdateTiming } from './sync/updates/update-service';
import { fuelBusy } from './sync/updates/busy-checks';
import { ShopService } from './shop/shop-service';
import { CouponsService } from './coupons/coupons-service';
import { CouponsClient } from './coupons/coupons-client';

export interface ServicesConfig {
  dataDir: string;
  host: 'electron' | 'browser';
  version: string;
  demo?: boolean;
  /** Injectable clock for tests. */
  now?: () => Date;
  /** Defaults to a rotating file logger in the data dir. */
  logger?: Logger | 'silent';
  /** Free space below which the manager is warned (default LOW_DISK_BYTES). */
  lowDiskBytes?: number;
  devices?: {
    /** Replaces the device settings at start and saves them (the demo points them at its emulators). */
    settings?: DeviceSettingsInput;
    /** How the HID card reader opens its device; the demo and tests pass the card presenter. */
    openHidDevice?: OpenHidDevice;
    /** Text-to-PNG for printers in raster mode, from a host that can draw fonts. */
    rasterize?: ReceiptRasterizer;
    /** The demo's card tap and scan, behind `demo.tapCard` and `demo.scan`. */
    demo?: DemoDeviceHooks;
    /** Fast reconnects in tests. */
    timing?: Partial<DeviceTiming>;
  };
  /** Sync with the central server: faster polls and backoff in tests. */
  sync?: { timing?: Partial<SyncTiming>; pull?: Partial<PullTiming> };
  /** 'skip': no start-up ledger check (the throwaway database `journal verify` replays into). */
  integrity?: 'check' | 'skip';
  /** Online customer value (miles): per-request timeout and how soon recovery asks an unreachable server again. */
  value?: { timeoutMs?: number; retryMs?: number };
  /** Auto-update checks and the idle wait (tests shorten them). */
  updates?: { timing?: Partial<UpdateTiming> };
}

export interface Services {
  config: Required<Pick<ServicesConfig, 'dataDir' | 'host' | 'version'>> & { demo: boolean };
  db: Database;
  log: Logger;
  events: EventBus;
  settings: SettingsStore;
  audit: AuditTrail;
  ledger: Ledger;
  devices: DeviceManager;
  deviceService: DeviceService;
  receipts: ReceiptService;
  staff: StaffService;
  commands: CommandPath;
  payments: PaymentsService;
  /** Resume tokens: a window reloaded keeps its cashier signed in (never by PIN). */
  resume: SessionResume;
  lockers: LockerService;
  fuel: FuelService;
  disk: DiskWatch;
  sync: SyncService;
  /** The start-up ledger check, read-only mode on a tampered ledger, and the manager's full verify. */
  integrity: LedgerIntegrity;
  catalog: CatalogService;
  setup: SetupService;
  csv: CsvTransfer;
  /** Shifts, the cash drawer, X/Z reports and the day close. */
  settlement: Settlement;
  /** Reference data streams from the central server (register a workflow's stream here). */
  reference: ReferenceData;
  points: PointsService;
  /** Auto-update from the server's feed, installed only when the counter is idle (the Electron host attaches the updater). */
  updates: UpdateService;
  memberCards: MemberCardsService;
  /** The shop sale (a retail cart) and its coupon step. */
  shop: ShopService;
  /** Coupons at the counter: scan → matching coupons, claims, the coupon step of a shop sale. */
  coupons: CouponsService;
  close(): Promise<void>;
}

/**
 * The composition root: the only place that wires database, devices, services and sync.
 * Both hosts call it. Order matters: the instance lock and the settings file are checked
 * before the database is opened, so a second process or a bad settings file changes nothing.
 */
export async function createServices(config: ServicesConfig): Promise<Services> {
  fs.mkdirSync(config.dataDir, { recursive: true });
  const lock = acquireInstanceLock(config.dataDir);
  try {
    const settings = SettingsStore.open(config.dataDir);
    const log = config.logger === 'silent' ? silentLogger() : (config.logger ?? createLogger(config.dataDir));
    const now = config.now ?? (() => new Date());
    if (config.devices?.settings) {
      const override = config.devices.settings;
      settings.update((s) => {
        s.devices = override as Record<string, unknown>;
      });
    }
    const deviceSettings = readDeviceSettings(settings);
    const db = await openDatabase(config.dataDir);
    const events = new EventBus();
    const audit = new AuditTrail(db.dataSource, now, log.child({ service: 'audit' }));
    const { store, terminal } = settings.get();
    const ledger = new Ledger(db.sqlite, { storeId: store.id, terminalId: terminal.id, now, timeZone: () => settings.get().store.timeZone });
    const integrity = new LedgerIntegrity({ sqlite: db.sqlite, terminalId: terminal.id, audit, events, log: log.child({ layer: 'integrity' }), now, openEmpty: () => openEmptyLedger(createServices, config.dataDir) });
    const commands = new CommandPath({ ledger, audit, events, log, integrity });
    const staff = new StaffService(db.dataSource, settings, audit, now, log.child({ service: 'staff' }), { sqlite: db.sqlite, ledger, commands });
    staff.journalExistingStaff();
    // Before anything else commits: on a ledger that fails the check, the terminal starts read-only.
    if (config.integrity !== 'skip') integrity.startupCheck(db.migrated > 0);
    const devices = new DeviceManager({
      settings: deviceSettings,
      logger: log.child({ layer: 'devices' }),
      ...(config.devices?.openHidDevice ? { openHidDevice: config.devices.openHidDevice } : {}),
      ...(config.devices?.rasterize ? { rasterize: config.devices.rasterize } : {}),
      ...(config.devices?.timing ? { timing: config.devices.timing } : {}),
    });
    devices.on('status', () => events.emit('device.status', { devices: devices.status() }));
    devices.on('card', (e) => events.emit('device.card', e));
    devices.on('scan', (e) => events.emit('device.scan', e));
    devices.on('pump', (e) => events.emit('device.pump', e));
    devices.on('job', (e) => events.emit('device.printJob', { id: e.id, state: e.state, error: e.error ?? null }));
    await devices.start();
    const reference = new ReferenceData(db.sqlite, ledger);
    const receipts = new ReceiptService({ sqlite: db.sqlite, settings, devices, audit, now, log: log.child({ workflow: 'receipts' }), centralHeader: () => centralReceiptHeader(reference) });
    const deviceService = new DeviceService(devices, settings, audit, now, config.devices?.demo ?? null, receipts);
    const payments = new PaymentsService(() => settings.get().store.currency, ledger);
    const catalog = new CatalogService({ sqlite: db.sqlite, ledger, commands, now });
    const settlement = createSettlement({ ledger, commands, settings, staff, audit, receipts, now });
    const lockers = new LockerService({ sqlite: db.sqlite, ledger, commands, payments, settings, audit, staff, deviceService, catalog, now });
    const fuel = new FuelService({ db: db.sqlite, ledger, commands, payments, devices, deviceService, events, audit, settings, log: log.child({ workflow: 'fuel' }), now, central: reference });
    const setup = new SetupService({ sqlite: db.sqlite, ledger, commands, settings, devices, catalog, lockers, fuel });
    const csv = new CsvTransfer({ commands, settings, catalog, lockers, fuel, now });
    const points = new PointsService({
      db: db.sqlite,
      ledger,
      commands,
      payments,
      deviceService,
      settings,
      value: new OnlineValueClient({ sqlite: db.sqlite, terminalId: terminal.id, label: { en: 'miles', 'zh-CN': '里程' }, ...(config.value?.timeoutMs ? { timeoutMs: config.value.timeoutMs } : {}) }),
      log: log.child({ workflow: 'points' }),
      now,
      ...(config.value?.retryMs ? { retryMs: config.value.retryMs } : {}),
    });
    const memberCards = new MemberCardsService({
      db: db.sqlite,
      ledger,
      commands,
      payments,
      deviceService,
      settings,
      events,
      client: new CardsClient({ sqlite: db.sqlite, terminalId: terminal.id, ...(config.value?.timeoutMs ? { timeoutMs: config.value.timeoutMs } : {}) }),
      signIn: (id, pin) => staff.signIn(id, pin),
      log: log.child({ workflow: 'memberCards' }),
      now,
      ...(config.value?.retryMs ? { retryMs: config.value.retryMs } : {}),
    });
    const shop = new ShopService({ db: db.sqlite, ledger, commands, payments, catalog, deviceService, settings, log: log.child({ workflow: 'shop' }), now });
    if (!integrity.readOnly) mergeLegacyTenders(ledger, commands, payments);
    // Each workflow's reference data stream (a new one is one more line here).
    reference
      .register(fuelStationsStream(fuel.store))
      .register(fuelGradesStream())
      .register(receiptHeaderStream())
      .register(catalogOutletsStream(catalog.store))
      .register(catalogItemsStream(catalog.store))
      .register(pointsRulesStream(points.store));
    const couponsValue = new OnlineValueClient({ sqlite: db.sqlite, terminalId: terminal.id, label: { en: 'coupons', 'zh-CN': '优惠券' }, ...(config.value?.timeoutMs ? { timeoutMs: config.value.timeoutMs } : {}) });
    const coupons = new CouponsService({
      ledger,
      central: reference,
      catalog,
      shop,
      client: new CouponsClient({ sqlite: db.sqlite, terminalId: terminal.id, ...(config.value?.timeoutMs ? { timeoutMs: config.value.timeoutMs } : {}) }),
      // A scanned member code is checked as member cards check it (locally with the server's key,
      // then on the server); a member number or phone goes through the value look-up.
      findMember: async (by) => {
        if ('code' in by) {
          const { member } = await memberCards.identify({ by: 'code', code: by.code });
          return { id: member.id, number: member.number, name: member.name };
        }
        try {
          const m = await couponsValue.lookup(by);
          return { id: m.id, number: m.number, name: m.name };
        } catch (e) {
          throw e instanceof ValueRefusal ? couponsValue.toPosError(e) : e;
        }
      },
      audit,
      events,
      currency: () => settings.get().store.currency,
      log: log.child({ workflow: 'coupons' }),
      now,
    });
    const [couponRules, couponDisplays] = coupons.book.streams();
    reference.register(couponRules).register(couponDisplays);
    if (config.demo && !integrity.readOnly) await seedDemo({ staff, lockers, fuel, setup, points, settlement });
    fuel.start();
    const disk = new DiskWatch(config.dataDir, events, config.lowDiskBytes);
    disk.start();
    // Sync runs in the background: start() returns at once, an unreachable server only shows as offline.
    const sync = new SyncService({
      sqlite: db.sqlite,
      terminalId: terminal.id,
      terminalName: () => settings.get().terminal.name,
      events,
      log: log.child({ layer: 'sync' }),
      now,
      ...(config.sync?.timing ? { timing: config.sync.timing } : {}),
      reference: { data: reference, commands, ...(config.sync?.pull ? { timing: config.sync.pull } : {}), push: { 'card.payment': (m) => memberCards.applyPush(m) } },
    });
    sync.start();
    points.start();
    memberCards.start();
    // Sales whose coupon the server has not confirmed yet (a crash or an outage after the sale).
    coupons.start(config.value?.retryMs);
    const updates = new UpdateService({
      feed: () => sync.updateFeed(),
      journalHead: () => sync.status().localSeq,
      log: log.child({ layer: 'updates' }),
      ...(config.updates?.timing ? { timing: config.updates.timing } : {}),
    }).addBusyCheck('fuel', fuelBusy(fuel.store));
    log.info({ dataDir: config.dataDir, host: config.host, version: config.version }, 'services started');
    return {
      config: { dataDir: config.dataDir, host: config.host, version: config.version, demo: config.demo ?? false },
      db,
      log,
      events,
      settings,
      audit,
      ledger,
      devices,
      deviceService,
      receipts,
      staff,
      commands,
      payments,
      resume: new SessionResume(now),
      lockers,
      fuel,
      disk,
      sync,
      integrity,
      catalog,
      setup,
      csv,
      settlement,
      reference,
      points,
      updates,
      memberCards,
      shop,
      coupons,
      async close() {
        log.info('services stopping');
        await integrity.settled();
        updates.stop();
        disk.stop();
        await sync.stop();
        points.stop();
        memberCards.stop();
        await coupons.stop();
        fuel.stop();
        await devices.stop();
        await db.close();
        lock.release();
      },
    };
  } catch (e) {
    lock.release();
    throw e;
  }
}

/** The devices part of the settings file, checked like the rest: a bad hand edit names the field. */
function readDeviceSettings(settings: SettingsStore): DeviceSettings {
  const parsed = DeviceSettingsSchema.safeParse(settings.get().devices);
  if (parsed.success) return parsed.data;
  throw new SettingsFileError(
    settings.file,
    parsed.error.issues.map((i) => `devices.${i.path.join('.')}: ${i.message}`),
  );
}
