import type { DataSource } from 'typeorm';
import type { Logger } from '../../ops/logging';

/** After this many wrong PINs in a row a staff member is locked out. */
export const MAX_WRONG_PINS = 5;
/** The first lockout lasts a minute; each further one in a row doubles it, up to LOCK_MAX_MS. */
export const LOCK_MS = 60_000;
export const LOCK_MAX_MS = 30 * 60_000;

export interface GuardState {
  /** Wrong (or unfinished) attempts since the last success or lockout. */
  failures: number;
  /** Lockouts since the last successful sign-in: each one lasts twice as long. */
  lockouts: number;
  /** Epoch ms; 0 when not locked. */
  lockedUntil: number;
}

export function lockDuration(lockouts: number): number {
  return Math.min(LOCK_MS * 2 ** Math.min(lockouts, 20), LOCK_MAX_MS);
}

/**
 * The wrong-PIN counter of each staff member, in memory and in `staff_sign_in_guard`, so a
 * restart does not clear a lockout. Memory is the truth while the process runs: when the disk
 * is full and the row cannot be written, the lockout still holds (and is written next time).
 */
export class SignInGuards {
  private readonly cache = new Map<string, GuardState>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly log: Logger,
  ) {}

  async read(staffId: string): Promise<GuardState> {
    const cached = this.cache.get(staffId);
    if (cached) return { ...cached };
    const rows = (await this.dataSource.query(
      `SELECT failures, lockouts, locked_until AS lockedUntil FROM staff_sign_in_guard WHERE staff_id = ?`,
      [staffId],
    )) as GuardState[];
    const state = rows[0] ? { failures: rows[0].failures, lockouts: rows[0].lockouts, lockedUntil: Number(rows[0].lockedUntil) } : { failures: 0, lockouts: 0, lockedUntil: 0 };
    this.cache.set(staffId, state);
    return { ...state };
  }

  async write(staffId: string, state: GuardState): Promise<void> {
    this.cache.set(staffId, { ...state });
    try {
      await this.dataSource.query(
        `INSERT INTO staff_sign_in_guard (staff_id, failures, lockouts, locked_until) VALUES (?, ?, ?, ?)
         ON CONFLICT (staff_id) DO UPDATE SET failures = excluded.failures, lockouts = excluded.lockouts, locked_until = excluded.locked_until`,
        [staffId, state.failures, state.lockouts, state.lockedUntil],
      );
    } catch (e) {
      // Kept in memory: the lockout holds for this run even if it cannot be saved (a full disk).
      this.log.warn({ err: e, staffId }, 'sign-in guard not saved');
    }
  }
}
