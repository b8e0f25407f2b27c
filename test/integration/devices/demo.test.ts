// The emulator bundle that `npm start --demo` and the e2e tests use.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DeviceManager } from '../../../src-main/devices';
import { startDemoDevices } from '../../emulators';
import { eventually, fastTiming } from './fixtures';

function socatPids(): string[] {
  try {
    return execFileSync('pgrep', ['-x', 'socat'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

describe('demo devices', () => {
  it('bring every device online and clean up their socat processes', async () => {
    const before = socatPids();
    const demo = await startDemoDevices({ centilitresPerSecond: 5000, nozzleLiftMs: 0 });
    const manager = new DeviceManager({ settings: demo.settings, openHidDevice: demo.openHidDevice, timing: fastTiming });
    try {
      await manager.start();
      await eventually(() => manager.status().every((s) => s.state === 'online'), 5000, 'all online');
      await manager.printer.testPrint();
      expect((await demo.printer.waitForJobs(1))[0]!.qr).toEqual(['TEST-PRINT']);
      const scans: string[] = [];
      manager.on('scan', (s) => scans.push(s.code));
      await demo.scanner.scan('DEMO-1');
      await eventually(() => scans.includes('DEMO-1'), 3000, 'demo scan');
    } finally {
      await manager.stop();
      await demo.stop();
    }
    expect(socatPids().filter((p) => !before.includes(p))).toEqual([]);
  });
});
