// Every device emulator in one call, for `npm start --demo` and end-to-end tests:
// a LAN receipt printer, a serial scanner and a pump controller on socat ptys, and
// a HID card reader presenter. Plain modules with start()/stop(); no test framework.
import type { DeviceSettingsInput } from '../../src-main/devices/settings';
import { CardPresenter } from './card-presenter';
import { PrinterEmulator } from './printer-emulator';
import { PumpEmulator } from './pump-emulator';
import { PtyPair } from './pty-pair';
import { ScannerPresenter } from './scanner-presenter';

export { PrinterEmulator, startPrinterEmulator, type PrintedJob } from './printer-emulator';
export { decodeEscPos, type DecodedJob } from './escpos-decoder';
export { PtyPair, startPtyPair } from './pty-pair';
export { PumpEmulator, startPumpEmulator, amountFor } from './pump-emulator';
export { ScannerPresenter, startScannerPresenter } from './scanner-presenter';
export { CardPresenter, createCardPresenter } from './card-presenter';

export interface DemoDevices {
  /** Ready-made settings pointing at the emulators, all enabled. */
  settings: DeviceSettingsInput;
  printer: PrinterEmulator;
  scanner: ScannerPresenter;
  pump: PumpEmulator;
  card: CardPresenter;
  /** Pass as DeviceManager's `openHidDevice` so the card reader uses the presenter. */
  openHidDevice: CardPresenter['openDevice'];
  stop(): Promise<void>;
}

export interface DemoOptions {
  /** Printer port; 0 (default) picks a free one. */
  printerPort?: number;
  /** Pump speed; the default is a real nozzle's ~40 L/min. */
  centilitresPerSecond?: number;
  nozzleLiftMs?: number;
  pumps?: number[];
}

/** Starts all emulators; stop() ends them and the socat processes. */
export async function startDemoDevices(options: DemoOptions = {}): Promise<DemoDevices> {
  const printer = new PrinterEmulator({ port: options.printerPort ?? 0 });
  const scannerPty = new PtyPair('demo-scanner');
  const pumpPty = new PtyPair('demo-pump');
  const pumps = options.pumps ?? [1, 2];
  const stopAll = async () => {
    await Promise.allSettled([scanner.stop(), pump.stop(), printer.stop()]);
    await Promise.allSettled([scannerPty.dispose(), pumpPty.dispose()]);
  };
  const scanner = new ScannerPresenter(scannerPty.devicePath, 'CR');
  const pump = new PumpEmulator({
    devicePath: pumpPty.devicePath,
    pumps,
    ...(options.centilitresPerSecond ? { centilitresPerSecond: options.centilitresPerSecond } : {}),
    ...(options.nozzleLiftMs !== undefined ? { nozzleLiftMs: options.nozzleLiftMs } : {}),
  });
  const card = new CardPresenter();
  try {
    await Promise.all([printer.start(), scannerPty.start(), pumpPty.start()]);
    await Promise.all([scanner.start(), pump.start()]);
  } catch (err) {
    await stopAll();
    throw err;
  }
  return {
    settings: {
      printer: { enabled: true, type: 'epson', address: printer.address, paperMm: 80, chinese: 'gb18030' },
      scanner: { enabled: true, path: scannerPty.appPath, terminator: 'CR' },
      cardReader: { enabled: true, vendorId: 0x1234, productId: 0x5678 },
      pump: { enabled: true, path: pumpPty.appPath, pumps },
    },
    printer,
    scanner,
    pump,
    card,
    openHidDevice: card.openDevice,
    stop: stopAll,
  };
}
