import fs from 'node:fs';

/** Error codes that mean "no room left": SQLite's own, and the OS's (a full disk, a user quota). */
const FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);

/**
 * Whether an error (or what it wraps: TypeORM's `driverError`, an `Error.cause`) says the disk is
 * full. SQLite reports SQLITE_FULL when a write fails with ENOSPC; Node streams report ENOSPC.
 */
export function isDiskFullError(e: unknown): boolean {
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && FULL_CODES.has(code)) return true;
    const inner = (e as { driverError?: unknown; cause?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
    if (inner === e) break;
    e = inner;
  }
  return false;
}

/** Bytes free for this process on the file system that holds `dir`, or null where it cannot be told. */
export function freeBytes(dir: string): number | null {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}
