import fs from 'node:fs';
import path from 'node:path';
import type { ServicesConfig } from '../../services';

/**
 * `--demo` runs on the repository's device emulators (test/emulators), loaded only then.
 * What the emulated printer receives is decoded and appended to a text file a person can
 * read, since there is no paper: `<data dir>/demo-printer.txt` (end-to-end tests read it too).
 * POS_DEMO_PUMP_SPEED (centilitres per second) speeds the emulated pump up for tests.
 */
export async function startDemoEmulators(dataDir: string) {
  const { startDemoDevices } = await import('../../../test/emulators');
  const speed = Number(process.env.POS_DEMO_PUMP_SPEED);
  const demo = await startDemoDevices(Number.isInteger(speed) && speed > 0 ? { centilitresPerSecond: speed, nozzleLiftMs: 200 } : {});
  fs.mkdirSync(dataDir, { recursive: true });
  const printLog = path.join(dataDir, 'demo-printer.txt');
  const timer = setInterval(() => {
    const jobs = demo.printer.jobs();
    if (jobs.length === 0) return;
    fs.writeFileSync(printLog, jobs.map((j, i) => `--- receipt ${i + 1} ---\n${j.text}\nQR: ${j.qr.join(', ')}\n`).join('\n'));
  }, 250);
  timer.unref();
  const services: NonNullable<ServicesConfig['devices']> = {
    settings: demo.settings,
    openHidDevice: demo.openHidDevice,
    demo: {
      tapCard(uid) {
        demo.card.present(uid);
        setTimeout(() => demo.card.remove(), 800).unref();
      },
      scan: (code) => demo.scanner.scan(code),
    },
  };
  return {
    services,
    printerAddress: demo.printer.address,
    printLog,
    emulators: demo,
    async stop() {
      clearInterval(timer);
      await demo.stop();
    },
  };
}
