import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PrinterSettingsSchema } from '../../../src-main/devices/settings';
import { openTerminal, setUpStore, type TestTerminal } from '../../support/services';

let t: TestTerminal | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const accepted = (address: string) => PrinterSettingsSchema.safeParse({ address }).success;

describe('printer addresses a manager may set (issue 11, item 8)', () => {
  it.each(['tcp://192.168.1.100:9100', 'tcp://printer.local', 'printer:EPSON_TM_T20', '/dev/usb/lp0', '/dev/lp1', '/dev/ttyUSB0', '/dev/ttyACM2', '/dev/rfcomm0', '/dev/serial/by-id/usb-EPSON_TM-T20II-if00', 'COM3', '\\\\.\\COM12', 'LPT1'])(
    'accepts %s',
    (address) => expect(accepted(address)).toBe(true),
  );

  it.each(['/tmp/receipt.txt', '/home/pos/.config/counter-pos/counter-pos.sqlite', '/etc/passwd', '/dev/sda', '/dev/shm/x', '/dev/usb/../../etc/passwd', '/dev/stdout', 'C:\\Windows\\win.ini', '\\\\server\\share\\file', 'file:///etc/passwd', 'printer:../x', 'tcp://host/../../x', 'relative/path'])(
    'refuses %s',
    (address) => expect(accepted(address)).toBe(false),
  );

  it('refuses a file path through the API and writes nothing there', async () => {
    t = await openTerminal();
    await setUpStore(t);
    const target = path.join(t.dataDir, 'victim.txt');
    fs.writeFileSync(target, 'untouched');
    const r = await t.call('devices.configure', { printer: { enabled: true, address: target } });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(r)).toContain('printer port');
    expect(await t.call('devices.testPrint', {})).toMatchObject({ ok: false });
    expect(fs.readFileSync(target, 'utf8')).toBe('untouched');
  });
});
