import { createHash } from 'node:crypto';

/**
 * Which terminals get a release: those of the listed stores, and a stable share of all others.
 * A terminal's bucket (0–99) comes from a hash of its id, so raising the percentage only adds
 * terminals (one that had the release keeps it) and each terminal always lands in the same bucket.
 */
export interface Rollout {
  percent: number;
  stores: string[];
}

export function rolloutBucket(terminalId: string): number {
  return createHash('sha256').update(`counter-pos.rollout:${terminalId}`, 'utf8').digest().readUInt32BE(0) % 100;
}

export function receivesRelease(rollout: Rollout, terminal: { id: string; storeId: string }): boolean {
  return rollout.stores.includes(terminal.storeId) || rolloutBucket(terminal.id) < rollout.percent;
}

/** Orders versions like 1.10.0 > 1.9.3 (numeric parts; a pre-release sorts before its release). */
export function compareVersions(a: string, b: string): number {
  const split = (v: string) => {
    const [core, pre] = v.split('-', 2) as [string, string | undefined];
    return { parts: core.split('.').map((n) => Number(n) || 0), pre };
  };
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < Math.max(x.parts.length, y.parts.length); i++) {
    const d = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}
