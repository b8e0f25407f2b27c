import fs from 'node:fs';
import { openDatabase, type Database } from '../ledger/database';
import { Ledger } from '../ledger';
import { acquireInstanceLock } from '../ops/instance-lock';
import { createLogger, silentLogger, type Logger } from '../ops/logging';
import { SettingsStore } from '../ops/settings-file';
import { AuditTrail } from './audit/audit-trail';
import { seedDemo } from './demo';
import { EventBus } from './events';
import { StaffService } from './staff/staff-service';

export interface ServicesConfig {
  dataDir: string;
  host: 'electron' | 'browser';
  version: string;
  demo?: boolean;
  /** Injectable clock for tests. */
  now?: () => Date;
  /** Defaults to a rotating file logger in the data dir. */
  logger?: Logger | 'silent';
}

export interface Services {
  config: Required<Pick<ServicesConfig, 'dataDir' | 'host' | 'version'>> & { demo: boolean };
  db: Database;
  log: Logger;
  events: EventBus;
  settings: SettingsStore;
  audit: AuditTrail;
  ledger: Ledger;
  staff: StaffService;
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
    const db = await openDatabase(config.dataDir);
    const events = new EventBus();
    const audit = new AuditTrail(db.dataSource, now);
    const { store, terminal } = settings.get();
    const ledger = new Ledger(db.sqlite, { storeId: store.id, terminalId: terminal.id, now });
    const staff = new StaffService(db.dataSource, settings, audit, now);
    if (config.demo) await seedDemo(staff);
    log.info({ dataDir: config.dataDir, host: config.host, version: config.version }, 'services started');
    return {
      config: { dataDir: config.dataDir, host: config.host, version: config.version, demo: config.demo ?? false },
      db,
      log,
      events,
      settings,
      audit,
      ledger,
      staff,
      async close() {
        log.info('services stopping');
        await db.close();
        lock.release();
      },
    };
  } catch (e) {
    lock.release();
    throw e;
  }
}
