import type { ServerDb } from './db';
import { SyncHttpError } from './errors';

export interface Limit {
  /** Failures allowed per window; the next attempt is refused until the window ends. */
  max: number;
  windowMs: number;
}

/** Admin sign-in: per user name (guessing one password) and per client address (trying many names). */
export const SIGN_IN_PER_USER: Limit = { max: 5, windowMs: 15 * 60_000 };
export const SIGN_IN_PER_ADDRESS: Limit = { max: 20, windowMs: 15 * 60_000 };
/** Pairing codes: per client address. */
export const PAIRING_PER_ADDRESS: Limit = { max: 10, windowMs: 15 * 60_000 };

/**
 * Failed attempts counted in the database (table rate_limit), not in memory: server processes
 * are stateless and any number may sit behind a load balancer, so an in-memory limiter
 * (@fastify/rate-limit's default store) would give an attacker N times the attempts, and its
 * shared stores need Redis, which we do not run. One row per key, a fixed window that starts
 * at the first failure; one upsert per failure, one read per attempt.
 */
export class RateLimiter {
  constructor(
    private readonly db: ServerDb,
    private readonly now: () => Date,
  ) {}

  /** Refuses (HTTP 429, RATE_LIMITED) while `key` has used up its failures in the current window. */
  async check(key: string, limit: Limit): Promise<void> {
    const t = this.now();
    const row = await this.db.one<{ window_start: string; count: number | string }>(`SELECT window_start, count FROM rate_limit WHERE key = ?`, [key]);
    if (!row) return;
    const ends = new Date(row.window_start).getTime() + limit.windowMs;
    if (ends > t.getTime() && Number(row.count) >= limit.max) {
      const minutes = Math.max(1, Math.ceil((ends - t.getTime()) / 60_000));
      throw new SyncHttpError(429, { code: 'RATE_LIMITED', message: `Too many failed attempts. Try again in ${minutes} min.` });
    }
  }

  /** Counts one failure of `key` (a new window if the last one ended). */
  async fail(key: string, limit: Limit): Promise<void> {
    const t = this.now();
    const windowOpen = new Date(t.getTime() - limit.windowMs).toISOString();
    await this.db.tx((sql) =>
      sql.run(
        `INSERT INTO rate_limit (key, window_start, count) VALUES (?, ?, 1)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN rate_limit.window_start > ? THEN rate_limit.count + 1 ELSE 1 END,
           window_start = CASE WHEN rate_limit.window_start > ? THEN rate_limit.window_start ELSE excluded.window_start END`,
        [key, t.toISOString(), windowOpen, windowOpen],
      ),
    );
  }

  /** A success forgets the failures of `key` (a manager who finally typed the right password). */
  async clear(key: string): Promise<void> {
    await this.db.tx((sql) => sql.run(`DELETE FROM rate_limit WHERE key = ?`, [key]));
  }
}
