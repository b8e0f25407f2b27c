import { describe, expect, it } from 'vitest';
import { compareVersions, receivesRelease, rolloutBucket } from '../../../src-server/updates/rollout';
import { readLatestYml } from '../../../src-server/updates/update-store';

const ids = Array.from({ length: 2000 }, (_, i) => `0193a1b2-0000-7000-8000-${String(i).padStart(12, '0')}`);

describe('update rollout', () => {
  it('puts each terminal in one stable bucket 0–99', () => {
    for (const id of ids.slice(0, 50)) {
      const b = rolloutBucket(id);
      expect(b).toBe(rolloutBucket(id));
      expect(b).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThan(100);
    }
  });

  it('0 % reaches nobody but the listed stores, 100 % everybody; the share of terminals follows the percentage', () => {
    const t = (id: string, storeId = 'store-a') => ({ id, storeId });
    expect(ids.some((id) => receivesRelease({ percent: 0, stores: [] }, t(id)))).toBe(false);
    expect(ids.every((id) => receivesRelease({ percent: 100, stores: [] }, t(id)))).toBe(true);
    expect(ids.every((id) => receivesRelease({ percent: 0, stores: ['store-a'] }, t(id)))).toBe(true);
    expect(ids.some((id) => receivesRelease({ percent: 0, stores: ['store-b'] }, t(id)))).toBe(false);
    const share = ids.filter((id) => receivesRelease({ percent: 25, stores: [] }, t(id))).length / ids.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.3);
  });

  it('raising the percentage only adds terminals: one that had the release keeps it', () => {
    let before = new Set<string>();
    for (const percent of [0, 1, 10, 50, 99, 100]) {
      const now = new Set(ids.filter((id) => receivesRelease({ percent, stores: [] }, { id, storeId: 's' })));
      for (const id of before) expect(now.has(id)).toBe(true);
      before = now;
    }
  });

  it('a terminal in bucket b is in at b + 1 percent and out at b', () => {
    const id = ids[7]!;
    const b = rolloutBucket(id);
    expect(receivesRelease({ percent: b + 1, stores: [] }, { id, storeId: 's' })).toBe(true);
    expect(receivesRelease({ percent: b, stores: [] }, { id, storeId: 's' })).toBe(false);
  });

  it('orders versions numerically, a pre-release before its release', () => {
    expect(compareVersions('1.10.0', '1.9.3')).toBe(1);
    expect(compareVersions('1.2.0', '1.2.0')).toBe(0);
    expect(compareVersions('1.2.0-beta.1', '1.2.0')).toBe(-1);
    expect(compareVersions('2.0.0', '10.0.0')).toBe(-1);
  });

  it("reads latest.yml's version and files, and refuses one without them or with paths", () => {
    const yml = 'version: 1.1.0\nfiles:\n  - url: Counter-POS-Setup-1.1.0.exe\n    sha512: abc==\n    size: 3\npath: Counter-POS-Setup-1.1.0.exe\nsha512: abc==\nreleaseDate: 2026-12-04T00:00:00.000Z\n';
    expect(readLatestYml(yml)).toEqual({ version: '1.1.0', files: ['Counter-POS-Setup-1.1.0.exe'] });
    expect(() => readLatestYml('files:\n  - url: a.exe\n')).toThrow(/no version/);
    expect(() => readLatestYml('version: 1.0.0\n')).toThrow(/names no installer/);
    expect(() => readLatestYml('version: 1.0.0\npath: ../etc/passwd\n')).toThrow(/plain file name/);
  });
});
