/**
 * A counter process for the fuel crash test (run with `node --import tsx`):
 *   pay-and-die <dataDir> <before-authorize|after-authorize> <deviceSettingsJson> <nowIso> <cashierId>
 * Opens the services on the data dir, pays ¥200.00 on pump 1 and SIGKILLs itself at the
 * chosen moment: with the payment committed, before or after the controller took the preset.
 */
import fs from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { createServices } from '../../../../src-main/services';
import type { AuthorizeRequest } from '../../../../src-main/devices';

const [dataDir, when, settingsJson, nowIso, cashierId] = process.argv.slice(2);
const say = (line: string) => fs.writeSync(1, `${line}\n`);

const services = await createServices({
  dataDir: dataDir!,
  host: 'browser',
  version: 'test',
  logger: 'silent',
  now: () => new Date(nowIso!),
  devices: { settings: JSON.parse(settingsJson!), timing: { backoffInitialMs: 20, backoffMaxMs: 100, pollMs: 30, probeMs: 50, requestTimeoutMs: 300 } },
});
for (let i = 0; services.devices.pump.status().state !== 'online'; i++) {
  if (i > 250) throw new Error('pump controller not online');
  await new Promise((r) => setTimeout(r, 20));
}
const pump = services.devices.pump;
const authorize = pump.authorize;
pump.authorize = async (req: AuthorizeRequest) => {
  if (when === 'after-authorize') await authorize(req);
  say(`dying ${when}`);
  process.kill(process.pid, 'SIGKILL');
  return new Promise<void>(() => {});
};
say('ready');
await services.fuel.pay({ id: cashierId!, name: 'Cashier', role: 'cashier' }, { commandId: uuidv7(), pump: 1, gradeId: '92', mode: 'amount', quantity: 20000, price: 759, tender: 'cash' });
say('not killed');
