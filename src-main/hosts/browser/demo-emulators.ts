import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServicesConfig } from '../../services';

/**
 * `--demo` runs on the repository's device emulators (test/emulators), loaded only then.
 * What the emulated printer receives is decoded and appended to a text file a person can
 * read, since there is no paper.
 */
export async function startDemoEmulators() {
  const { startDemoDevices } = await import('../../../test/emulators');
  const demo = await startDemoDevices();
  const printLog = path.join(os.tmpdir(), 'counter-pos-demo-receipts.txt');
  const timer = setInterval(() => {
    const jobs = demo.printer.jobs();
    if (jobs.length === 0) return;
    fs.writeFileSync(printLog, jobs.map((j, i) => `--- receipt ${i + 1} ---\n${j.text}\nQR: ${j.qr.join(', ')}\n`).join('\n'));
  }, 1000);
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
