import { PosError } from '../domain/errors';
import { isDiskFullError } from '../ops/disk-space';

/**
 * A full disk (SQLite's SQLITE_FULL, the OS's ENOSPC) becomes DISK_FULL, whose message says
 * what to do, instead of INTERNAL. The write was rolled back, so nothing half-saved remains,
 * and the next write succeeds by itself once there is room: nothing to restart.
 */
export function fromStorageError(e: unknown): PosError | null {
  return isDiskFullError(e) ? new PosError('DISK_FULL') : null;
}
