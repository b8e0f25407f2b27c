import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDispatcher } from '../../src-main/api/dispatcher';
import { Session } from '../../src-main/api/context';
import type { CallResult } from '../../src-main/api/contract';
import { createServices, type Services, type ServicesConfig } from '../../src-main/services';

export function tempDir(prefix = 'pos-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestTerminal {
  services: Services;
  dataDir: string;
  /** Calls a method as the renderer would, on one screen (session). */
  call(method: string, ...input: [unknown?]): Promise<CallResult>;
  /** Calls and returns the value, failing the test with the error code otherwise. */
  ok<T = unknown>(method: string, input?: unknown): Promise<T>;
  session: Session;
  close(): Promise<void>;
}

export async function openTerminal(config: Partial<ServicesConfig> = {}): Promise<TestTerminal> {
  const dataDir = config.dataDir ?? tempDir();
  const services = await createServices({ dataDir, host: 'browser', version: 'test', logger: 'silent', ...config });
  const dispatch = createDispatcher(services);
  const session = new Session();
  // An explicit `undefined` is sent as is (a malformed call); no argument means `{}`.
  const call = (method: string, ...args: unknown[]) => dispatch({ session }, method, args.length ? args[0] : {});
  return {
    services,
    dataDir,
    session,
    call,
    async ok<T>(method: string, input: unknown = {}) {
      const r = await call(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message.en}`);
      return r.value as T;
    },
    close: () => services.close(),
  };
}

/** Sets the store up with a manager (PIN 1234) and a cashier (PIN 1111); the manager stays signed in. */
export async function setUpStore(t: TestTerminal) {
  const manager = await t.ok<{ id: string }>('staff.setup', { storeName: 'Test Spa', managerName: 'Manager', pin: '1234' });
  const cashier = await t.ok<{ id: string }>('staff.create', { name: 'Cashier', role: 'cashier', pin: '1111' });
  return { manager, cashier };
}

/** Every row of every table, to show that a refused request changed nothing. */
export function snapshot(services: Services): string {
  const db = services.db.sqlite;
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type='table' ORDER BY name`).all() as { name: string }[];
  return JSON.stringify(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).raw().all()]));
}
