// The DeviceManager with every device kind on its emulator: events, unplug/replug
// without recreating the manager, failed print jobs kept and reprinted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../src-main/devices/common';
import { DeviceManager, type DeviceManagerEvents } from '../../../src-main/devices/manager';
import { createCardPresenter } from '../../emulators/card-presenter';
import { startPrinterEmulator, type PrinterEmulator } from '../../emulators/printer-emulator';
import { PumpEmulator } from '../../emulators/pump-emulator';
import { startPtyPair, type PtyPair } from '../../emulators/pty-pair';
import { ScannerPresenter } from '../../emulators/scanner-presenter';
import { eventually, fastTiming, memoryLogger, mixedReceipt } from './fixtures';

describe('DeviceManager defaults', () => {
  it('starts with every device disabled and fails politely', async () => {
    const manager = new DeviceManager({ timing: fastTiming });
    await manager.start();
    expect(manager.status().map((s) => [s.device, s.state])).toEqual([
      ['printer', 'disabled'],
      ['scanner', 'disabled'],
      ['cardReader', 'disabled'],
      ['pump', 'disabled'],
    ]);
    await expect(manager.pump.authorize({ pump: 1, nozzle: 1, type: 'Amount', dose: 100, price: 700 })).rejects.toMatchObject({ code: 'DEVICE_DISABLED' });
    const result = await manager.printer.print(mixedReceipt);
    expect(result).toMatchObject({ state: 'failed', code: 'DEVICE_DISABLED' });
    expect(manager.printer.failedJobs().map((j) => j.id)).toEqual([result.jobId]);
    await expect(manager.reconfigure({ printer: { address: 'not a printer' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await manager.stop();
  });
});

describe('DeviceManager with emulators', () => {
  let printer: PrinterEmulator;
  let scannerPty: PtyPair;
  let pumpPty: PtyPair;
  let pumpEmulator: PumpEmulator;
  const card = createCardPresenter();
  const logger = memoryLogger();
  let manager: DeviceManager;
  const seen: { [K in keyof DeviceManagerEvents]: DeviceManagerEvents[K][] } = { status: [], card: [], scan: [], pump: [], job: [] };
  const state = (device: DeviceStatus['device']) => manager.status().find((s) => s.device === device)!.state;

  beforeAll(async () => {
    printer = await startPrinterEmulator();
    scannerPty = await startPtyPair('mgr-scanner');
    pumpPty = await startPtyPair('mgr-pump');
    pumpEmulator = new PumpEmulator({ devicePath: pumpPty.devicePath, centilitresPerSecond: 3000, tickMs: 20, nozzleLiftMs: 20 });
    await pumpEmulator.start();
    manager = new DeviceManager({
      logger,
      timing: fastTiming,
      openHidDevice: card.openDevice,
      settings: {
        printer: { enabled: true, address: printer.address, paperMm: 58 },
        scanner: { enabled: true, path: scannerPty.appPath, terminator: 'CR' },
        cardReader: { enabled: true, vendorId: 0x1234, productId: 0x5678 },
        pump: { enabled: true, path: pumpPty.appPath, pumps: [1] },
      },
    });
    for (const kind of Object.keys(seen) as (keyof DeviceManagerEvents)[]) manager.on(kind, (e) => (seen[kind] as unknown[]).push(e));
    await manager.start();
    await eventually(() => manager.status().every((s) => s.state === 'online'), 5000, 'all devices online');
  });

  afterAll(async () => {
    await manager.stop();
    await pumpEmulator.stop();
    await Promise.all([printer.stop(), scannerPty.dispose(), pumpPty.dispose()]);
  });

  it('test-prints, and forwards scans, cards and pump changes', async () => {
    const result = await manager.printer.testPrint({ storeName: '测试店 Demo' });
    expect(result.state).toBe('printed');
    const [job] = await printer.waitForJobs(1);
    expect(job!.text).toContain('测试店 Demo');
    expect(job!.qr).toEqual(['TEST-PRINT']);

    const presenter = new ScannerPresenter(scannerPty.devicePath, 'CR');
    await presenter.scan('6901234567892');
    await eventually(() => seen.scan.length === 1, 3000, 'scan event');
    expect(seen.scan[0]).toMatchObject({ source: 'serial', code: '6901234567892' });
    await presenter.stop();

    card.present('04A1B2C3D4E5F6');
    expect(seen.card.at(-1)).toMatchObject({ source: 'hid', uid: '04A1B2C3D4E5F6' });
    manager.wedgeInput('card', '0012345678\n');
    expect(seen.card.at(-1)).toMatchObject({ source: 'wedge', uid: '0012345678' });

    await manager.pump.authorize({ pump: 1, nozzle: 1, type: 'Amount', dose: 5000, price: 780 });
    const done = await eventually(() => seen.pump.find((p) => p.phase === 'end-of-transaction'), 5000, 'pump end of transaction');
    expect(done).toMatchObject({ amount: 5000, volume: 641 });
    await manager.pump.closeTransaction(1, done.transaction!);
    expect(manager.pump.pumps()[0]!.phase).toBe('idle');
  });

  it('keeps a receipt that failed while the printer was unplugged and reprints it when it is back', async () => {
    printer.clear();
    await printer.stop();
    await eventually(() => state('printer') === 'offline', 3000, 'printer offline');
    const failed = await manager.printer.print(mixedReceipt);
    expect(failed).toMatchObject({ state: 'failed', code: 'DEVICE_OFFLINE' });
    expect(manager.printer.failedJobs().map((j) => j.id)).toEqual([failed.jobId]);

    await printer.start(); // same port
    await eventually(() => state('printer') === 'online', 3000, 'printer back online');
    expect(await manager.printer.reprint(failed.jobId)).toEqual({ jobId: failed.jobId, state: 'printed' });
    const [job] = await printer.waitForJobs(1);
    expect(job!.qr).toEqual([mixedReceipt.transactionId]);
    expect(manager.printer.failedJobs()).toEqual([]);
    await expect(manager.printer.reprint(failed.jobId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shows the pump controller offline when unplugged and online when replugged, same manager', async () => {
    seen.status.length = 0;
    await pumpEmulator.stop();
    await pumpPty.stop();
    await eventually(() => state('pump') === 'offline', 3000, 'pump offline');
    await pumpPty.start();
    await pumpEmulator.start();
    await eventually(() => state('pump') === 'online', 3000, 'pump online');
    const pumpStates = seen.status.filter((s) => s.device === 'pump').map((s) => s.state);
    expect(pumpStates.indexOf('offline')).toBeLessThan(pumpStates.lastIndexOf('online'));
  });

  it('restarts only the device whose settings changed and keeps subscribers', async () => {
    const opensBefore = card.opens;
    await manager.reconfigure({ ...manager.settings(), scanner: { ...manager.settings().scanner, terminator: 'LF' } });
    await eventually(() => state('scanner') === 'online', 3000, 'scanner online after reconfigure');
    expect(card.opens).toBe(opensBefore);
    const presenter = new ScannerPresenter(scannerPty.devicePath, 'LF');
    await presenter.scan('AFTER-RECONFIGURE');
    await eventually(() => seen.scan.find((s) => s.code === 'AFTER-RECONFIGURE'), 3000, 'scan after reconfigure');
    await presenter.stop();

    await manager.reconfigure({ ...manager.settings(), cardReader: { ...manager.settings().cardReader, enabled: false } });
    expect(state('cardReader')).toBe('disabled');
    expect(Array.isArray(await manager.listSerialPorts())).toBe(true);
    expect(Array.isArray(await manager.listHidDevices())).toBe(true);
  });
});
