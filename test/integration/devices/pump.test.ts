// The serial pump adapter talking to the pump emulator over a socat pty pair.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../src-main/devices/common';
import type { PumpState } from '../../../src-main/devices/pump/pump';
import { SerialPumpController } from '../../../src-main/devices/pump/serial-pump-controller';
import { PumpSettingsSchema } from '../../../src-main/devices/settings';
import { PumpEmulator } from '../../emulators/pump-emulator';
import { startPtyPair, type PtyPair } from '../../emulators/pty-pair';
import { eventually, fastTiming, memoryLogger } from './fixtures';


describe('serial pump controller (jsonPTS dialect)', () => {
  let pty: PtyPair;
  let emulator: PumpEmulator;
  let pumps: SerialPumpController;
  const logger = memoryLogger();
  const events: PumpState[] = [];
  const statuses: DeviceStatus[] = [];

  beforeAll(async () => {
    pty = await startPtyPair('pump');
    emulator = new PumpEmulator({ devicePath: pty.devicePath, pumps: [1, 2], centilitresPerSecond: 2000, tickMs: 20, nozzleLiftMs: 40 });
    await emulator.start();
    pumps = new SerialPumpController(PumpSettingsSchema.parse({ enabled: true, path: pty.appPath, pumps: [1, 2] }), logger, fastTiming);
    pumps.on('pump', (s) => events.push(s));
    pumps.on('status', (s) => statuses.push(s));
    pumps.start();
    await eventually(() => pumps.pumps().every((p) => p.phase === 'idle'), 3000, 'pumps idle');
  });
  afterAll(async () => {
    await pumps.stop();
    await emulator.stop();
    await pty.dispose();
  });

  it('runs the forecourt cycle: authorize, fill to the prepaid amount, refuse re-authorize, close, totals', async () => {
    // ¥20.00 prepaid at ¥7.50/L: 2.66 L, charged exactly the dose.
    await pumps.authorize({ pump: 1, nozzle: 2, type: 'Amount', dose: 2000, price: 750 });
    expect(pumps.pumps().find((p) => p.pump === 1)!.phase).toBe('authorized');
    await expect(pumps.authorize({ pump: 1, nozzle: 2, type: 'Amount', dose: 2000, price: 750 })).rejects.toMatchObject({ code: 'DEVICE_REFUSED' });

    const done = await eventually(() => pumps.pumps().find((p) => p.pump === 1 && p.phase === 'end-of-transaction'), 5000, 'end of transaction');
    expect(done).toMatchObject({ nozzle: 2, volume: 266, amount: 2000, price: 750 });
    expect(events.some((e) => e.pump === 1 && e.phase === 'filling')).toBe(true);

    // A finished transaction must be closed before the pump can be released again.
    await expect(pumps.authorize({ pump: 1, nozzle: 2, type: 'Volume', dose: 100, price: 750 })).rejects.toThrow(/close first/);
    await expect(pumps.closeTransaction(1, done.transaction! + 1)).rejects.toMatchObject({ code: 'DEVICE_REFUSED' });
    await pumps.closeTransaction(1, done.transaction!);
    expect(pumps.pumps().find((p) => p.pump === 1)!.phase).toBe('idle');

    // By volume: 10.00 L at ¥7.50 = ¥75.00.
    await pumps.authorize({ pump: 1, nozzle: 2, type: 'Volume', dose: 1000, price: 750 });
    const second = await eventually(() => pumps.pumps().find((p) => p.pump === 1 && p.phase === 'end-of-transaction'), 5000, 'second fill');
    expect(second).toMatchObject({ volume: 1000, amount: 7500 });
    await pumps.closeTransaction(1, second.transaction!);

    expect(await pumps.totals(1, 2)).toEqual({ pump: 1, nozzle: 2, volume: 1266, amount: 9500, transactions: 2 });
    await expect(pumps.authorize({ pump: 3, nozzle: 1, type: 'Amount', dose: 100, price: 750 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(pumps.authorize({ pump: 1, nozzle: 1, type: 'Amount', dose: 12.5, price: 750 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('stops a fill on request and ends the transaction where it is', async () => {
    await pumps.authorize({ pump: 2, nozzle: 1, type: 'Volume', dose: 1_000_000, price: 800 });
    await eventually(() => pumps.pumps().find((p) => p.pump === 2 && p.phase === 'filling' && p.volume > 0), 3000, 'filling');
    await expect(pumps.authorize({ pump: 2, nozzle: 1, type: 'Volume', dose: 100, price: 800 })).rejects.toThrow(/filling/);
    await pumps.stopPump(2);
    const stopped = pumps.pumps().find((p) => p.pump === 2)!;
    expect(stopped.phase).toBe('end-of-transaction');
    expect(stopped.volume).toBeLessThan(1_000_000);
    await pumps.closeTransaction(2, stopped.transaction!);
  });

  it('reports an authorization the customer has not used yet, and a stop before the lift frees the pump', async () => {
    emulator.holdNozzle(2, true);
    try {
      await pumps.authorize({ pump: 2, nozzle: 1, type: 'Amount', dose: 5000, price: 800 });
      // The controller itself says "authorized, preset ¥50.00", not idle: a counter that restarts now still sees it.
      const waiting = await pumps.refresh(2);
      expect(waiting).toMatchObject({ phase: 'authorized', nozzle: 1, price: 800, preset: { type: 'Amount', dose: 5000 } });
      expect(waiting.transaction).toBeGreaterThan(0);

      await pumps.stopPump(2);
      // The authorization ends as a transaction of nothing dispensed, to be closed like any other.
      const stopped = pumps.pumps().find((p) => p.pump === 2)!;
      expect(stopped).toMatchObject({ phase: 'end-of-transaction', volume: 0, amount: 0, transaction: waiting.transaction });
      await pumps.closeTransaction(2, stopped.transaction!);
      expect((await pumps.refresh(2)).phase).toBe('idle');

      // Not blocked: the next customer's preset is accepted, and no litre was counted for the stopped one.
      const before = await pumps.totals(2, 1);
      await pumps.authorize({ pump: 2, nozzle: 1, type: 'Volume', dose: 100, price: 800 });
      expect((await pumps.refresh(2)).phase).toBe('authorized');
      emulator.holdNozzle(2, false);
      const done = await eventually(() => pumps.pumps().find((p) => p.pump === 2 && p.phase === 'end-of-transaction'), 3000, 'next fill');
      expect(done.volume).toBe(100);
      await pumps.closeTransaction(2, done.transaction!);
      expect((await pumps.totals(2, 1)).transactions).toBe(before.transactions + 1);
    } finally {
      emulator.holdNozzle(2, false);
    }
  });

  it('logs and ignores a malformed frame, then keeps working', async () => {
    await emulator.sendRaw('{"Protocol":"jsonPTS","Packets":[{"Id":"x"\n');
    await emulator.sendRaw('\u0000\u00ff garbage\n');
    await eventually(() => logger.entries.filter((e) => e.msg === 'malformed pump frame ignored').length >= 2, 2000, 'malformed frames logged');
    expect((await pumps.refresh(1)).phase).toBe('idle');
    expect(pumps.status().state).toBe('online');
  });

  it('goes offline when unplugged or silent and comes back without being recreated', async () => {
    statuses.length = 0;
    emulator.mute(true);
    await eventually(() => pumps.status().reason === 'pump controller does not answer', 3000, 'silent controller offline');
    expect(pumps.pumps().every((p) => p.phase === 'offline')).toBe(true);
    emulator.mute(false);
    await eventually(() => pumps.status().state === 'online' && pumps.pumps().every((p) => p.phase === 'idle'), 3000, 'back after silence');

    await emulator.stop();
    await pty.stop();
    await eventually(() => pumps.status().state === 'offline', 3000, 'unplugged offline');
    await expect(pumps.refresh(1)).rejects.toMatchObject({ code: 'DEVICE_OFFLINE' });
    await pty.start();
    await emulator.start();
    await eventually(() => pumps.status().state === 'online' && pumps.pumps().every((p) => p.phase === 'idle'), 3000, 'replugged online');
    expect(statuses.map((s) => s.state)).toEqual(expect.arrayContaining(['offline', 'online']));
  });
});
