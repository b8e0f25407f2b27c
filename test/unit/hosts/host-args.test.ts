import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseHostArgs } from '../../../src-main/hosts/shared/data-dir';

describe('host arguments', () => {
  it('takes --data-dir, --port and --demo', () => {
    expect(parseHostArgs(['--data-dir', '/srv/pos', '--port', '0', '--demo'], {})).toEqual({ dataDir: '/srv/pos', port: 0, demo: true, emulators: true });
    expect(parseHostArgs(['--data-dir=/srv/pos', '--port=8080'], {})).toMatchObject({ dataDir: '/srv/pos', port: 8080, demo: false });
  });

  it('understands `npm start --demo`, which npm passes as npm_config_demo', () => {
    expect(parseHostArgs([], { npm_config_demo: 'true' })).toMatchObject({ demo: true, dataDir: path.join(defaultDataDir(), 'demo') });
  });

  it('keeps the demo away from real data and can run without emulators', () => {
    expect(parseHostArgs([], {}).dataDir).toBe(defaultDataDir());
    expect(parseHostArgs(['--demo', '--no-emulators'], {})).toMatchObject({ demo: true, emulators: false });
  });

  it('refuses a port that is not one', () => {
    expect(() => parseHostArgs(['--port', '70000'], {})).toThrow(/--port/);
    expect(() => parseHostArgs(['--port', 'abc'], {})).toThrow(/--port/);
  });
});
