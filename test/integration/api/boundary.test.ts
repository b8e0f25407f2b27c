import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contract } from '../../../src-main/api/contract';
import { openTerminal, setUpStore, snapshot, tempDir, type TestTerminal } from '../../support/services';
import { createServices } from '../../../src-main/services';
import { SettingsFileError } from '../../../src-main/ops/settings-file';
import { AlreadyRunningError } from '../../../src-main/ops/instance-lock';

let t: TestTerminal | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Inputs no method accepts: not an object, an unknown field, a wrong type in a known one. */
const MALFORMED: unknown[] = [null, undefined, 42, 'x', [], { bogus: 1 }, { pin: 1234, staffId: 7, name: {}, limit: 'all', storeName: 5 }];

describe('API boundary', () => {
  it.each(Object.keys(contract))('%s refuses malformed input with INVALID_INPUT and changes nothing', async (method) => {
    t = await openTerminal();
    await setUpStore(t); // signed in as manager, so access checks pass and only validation speaks
    const before = snapshot(t.services);
    const settingsBefore = fs.readFileSync(path.join(t.dataDir, 'settings.json'), 'utf8');
    for (const input of MALFORMED) {
      const r = await t.call(method, input);
      expect(r.ok, `${method}(${JSON.stringify(input)})`).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('INVALID_INPUT');
        expect(r.error.message['zh-CN']).toBeTruthy();
        expect(r.error.fields?.length).toBeGreaterThan(0);
      }
    }
    expect(snapshot(t.services)).toBe(before);
    expect(fs.readFileSync(path.join(t.dataDir, 'settings.json'), 'utf8')).toBe(settingsBefore);
  });

  it('names the offending field in both languages', async () => {
    t = await openTerminal();
    const r = await t.call('staff.setup', { storeName: 'Spa', managerName: 'Wang', pin: '12ab' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'pin', message: { en: 'A PIN is 4 to 8 digits.', 'zh-CN': '密码为 4 到 8 位数字。' } }] },
    });
  });

  it('refuses a misspelt device setting instead of silently dropping it, and applies nothing', async () => {
    t = await openTerminal();
    await setUpStore(t);
    const before = fs.readFileSync(path.join(t.dataDir, 'settings.json'), 'utf8');
    const r = await t.call('devices.configure', { printer: { enabled: true, adress: 'tcp://127.0.0.1:9100' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'printer' }] } });
    expect(JSON.stringify(r)).toContain('adress');
    expect(fs.readFileSync(path.join(t.dataDir, 'settings.json'), 'utf8')).toBe(before);
    expect(t.services.devices.settings().printer.enabled).toBe(false);
  });

  it('refuses an unknown method without a stack trace', async () => {
    t = await openTerminal();
    const r = await t.call('ledger.dropAllTables', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(JSON.stringify(r)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('turns an unexpected failure into INTERNAL, logged, with no internals in the reply', async () => {
    t = await openTerminal();
    await t.services.db.close(); // the database goes away under the handler
    const r = await t.call('staff.list');
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(r)).not.toMatch(/sqlite|TypeORM|Error:/i);
    t.services.close = async () => {}; // already closed
  });
});

describe('start-up guards', () => {
  it('refuses a second process on the same data dir and touches nothing', async () => {
    t = await openTerminal();
    await setUpStore(t);
    const before = snapshot(t.services);
    await expect(createServices({ dataDir: t.dataDir, host: 'browser', version: 'test', logger: 'silent' })).rejects.toBeInstanceOf(AlreadyRunningError);
    expect(snapshot(t.services)).toBe(before);
  });

  it('stops with a clear message naming the field when the settings file was hand-edited badly', async () => {
    const dataDir = tempDir();
    const first = await createServices({ dataDir, host: 'browser', version: 'test', logger: 'silent' });
    await first.close();
    const file = path.join(dataDir, 'settings.json');
    const settings = JSON.parse(fs.readFileSync(file, 'utf8'));
    settings.store.currency = 'yuan';
    fs.writeFileSync(file, JSON.stringify(settings));
    const err = await createServices({ dataDir, host: 'browser', version: 'test', logger: 'silent' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SettingsFileError);
    expect((err as Error).message).toContain('store.currency');
    expect(fs.readFileSync(file, 'utf8')).toBe(JSON.stringify(settings)); // not overwritten
    fs.writeFileSync(file, '{ not json');
    await expect(createServices({ dataDir, host: 'browser', version: 'test', logger: 'silent' })).rejects.toThrow(/not valid JSON/);
    // The lock is released after a refused start, so a fixed file starts normally.
    fs.writeFileSync(file, JSON.stringify({ ...settings, store: { ...settings.store, currency: 'CNY' } }));
    const fixed = await createServices({ dataDir, host: 'browser', version: 'test', logger: 'silent' });
    await fixed.close();
  });

  it('names the device field when the devices part of the settings file is bad, and opens nothing', async () => {
    const dataDir = tempDir();
    const first = await createServices({ dataDir, host: 'browser', version: 'test', logger: 'silent' });
    await first.close();
    const file = path.join(dataDir, 'settings.json');
    const settings = JSON.parse(fs.readFileSync(file, 'utf8'));
    settings.devices = { printer: { enabled: true, paperMm: 70 } };
    fs.writeFileSync(file, JSON.stringify(settings));
    const err = await createServices({ dataDir, host: 'browser', version: 'test', logger: 'silent' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SettingsFileError);
    expect((err as Error).message).toContain('devices.printer.paperMm');
  });

  it('refuses a database written by a newer version', async () => {
    t = await openTerminal();
    t.services.db.sqlite.prepare(`INSERT INTO migrations (timestamp, name) VALUES (9999999999999, 'Future9999999999999')`).run();
    const dataDir = t.dataDir;
    await t.close();
    t = undefined;
    await expect(createServices({ dataDir, host: 'browser', version: 'test', logger: 'silent' })).rejects.toThrow(/newer Counter POS/);
  });
});
