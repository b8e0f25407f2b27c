import { describe, expect, it } from 'vitest';
import { parseHostArgs } from '../../../src-main/hosts/shared/data-dir';

describe('a fresh store on the device emulators', () => {
  it('--emulators runs the emulators without the demo store', () => {
    expect(parseHostArgs(['--data-dir', '/srv/pos', '--emulators'], {})).toMatchObject({ demo: false, emulators: true });
    expect(parseHostArgs(['--data-dir', '/srv/pos'], {})).toMatchObject({ demo: false, emulators: false });
  });
});
