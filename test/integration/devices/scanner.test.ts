// A serial scanner over a socat pty pair, through the real serialport code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SerialScanner, type ScanEvent } from '../../../src-main/devices/scanner/scanner';
import { ScannerSettingsSchema } from '../../../src-main/devices/settings';
import type { DeviceStatus } from '../../../src-main/devices/common';
import { startPtyPair, type PtyPair } from '../../emulators/pty-pair';
import { ScannerPresenter } from '../../emulators/scanner-presenter';
import { eventually, fastTiming, memoryLogger } from './fixtures';


describe('serial barcode scanner', () => {
  let pty: PtyPair;
  beforeAll(async () => {
    pty = await startPtyPair('scanner');
  });
  afterAll(() => pty.dispose());

  it('emits scans, logs and ignores malformed frames, and survives unplug/replug', async () => {
    const logger = memoryLogger();
    const scanner = new SerialScanner(ScannerSettingsSchema.parse({ enabled: true, path: pty.appPath, terminator: 'CRLF' }), logger, fastTiming);
    const scans: ScanEvent[] = [];
    const states: DeviceStatus['state'][] = [];
    scanner.on('scan', (s) => scans.push(s));
    scanner.on('status', (s) => states.push(s.state));
    scanner.start();
    await eventually(() => scanner.status().state === 'online', 3000, 'scanner online');

    const presenter = new ScannerPresenter(pty.devicePath, 'CRLF');
    await presenter.scan('6901234567892');
    await presenter.writeRaw(Buffer.from([0x41, 0x01, 0xff, 0x0d, 0x0a])); // control + invalid UTF-8
    await presenter.scan('COUPON-2025-风');
    await eventually(() => scans.length >= 2, 3000, 'two scans');
    expect(scans.map((s) => s.code)).toEqual(['6901234567892', 'COUPON-2025-风']);
    expect(scans[0]!.source).toBe('serial');
    expect(logger.entries.filter((e) => e.msg === 'malformed scanner frame ignored')).toHaveLength(1);
    // Codes are masked in the log.
    expect(logger.text()).not.toContain('6901234567892');
    await presenter.stop();

    // Unplug: socat goes away, the scanner is offline, not crashed.
    await pty.stop();
    await eventually(() => scanner.status().state === 'offline', 3000, 'scanner offline');
    await pty.start();
    await eventually(() => scanner.status().state === 'online', 3000, 'scanner back online');
    await presenter.scan('AFTER-REPLUG');
    await eventually(() => scans.find((s) => s.code === 'AFTER-REPLUG'), 3000, 'scan after replug');
    expect(states).toContain('offline');

    await presenter.stop();
    await scanner.stop();
    expect(scanner.status().state).toBe('disabled');
  });
});
