import { createHash, randomBytes } from 'node:crypto';
import type { StaffInfo } from './staff-service';

/** How long a resume token stays good. The window renews it well before (see the renderer's session-resume). */
export const RESUME_TTL_MS = 10 * 60_000;

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Keeps a cashier signed in across a reload of the same window (or a renderer crash under
 * Electron) without the PIN ever being stored: the window holds a random, single-use token
 * that expires after RESUME_TTL_MS; trading it in signs the new page in and gives a new token.
 * Only a hash of each token is kept, in memory: a restart of main signs everyone out, as a
 * restart should. Sign-out revokes the window's token.
 */
export class SessionResume {
  private readonly tokens = new Map<string, { staff: StaffInfo; expiresAt: number }>();

  constructor(
    private readonly now: () => Date,
    private readonly ttlMs = RESUME_TTL_MS,
  ) {}

  issue(staff: StaffInfo): { token: string; expiresAt: string } {
    this.sweep();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.now().getTime() + this.ttlMs;
    this.tokens.set(digest(token), { staff, expiresAt });
    return { token, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** The staff member the token was issued to, once: a used, revoked or expired token gives null. */
  take(token: string): StaffInfo | null {
    const key = digest(token);
    const entry = this.tokens.get(key);
    this.tokens.delete(key);
    if (!entry || entry.expiresAt <= this.now().getTime()) return null;
    return entry.staff;
  }

  revoke(token: string | undefined): void {
    if (token) this.tokens.delete(digest(token));
  }

  private sweep(): void {
    const now = this.now().getTime();
    for (const [key, entry] of this.tokens) if (entry.expiresAt <= now) this.tokens.delete(key);
  }
}
