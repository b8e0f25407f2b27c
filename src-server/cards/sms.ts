import { randomInt } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { ServerDb } from '../db';
import { RateLimiter, type Limit } from '../rate-limit';
import { sameText, sha256 } from '../secrets';
import { cardHttpError } from './errors';

/**
 * One-time codes by SMS for a member signing in by phone (at the counter or on the phone page).
 * The sender is an interface: a real provider is an adapter; `ConsoleSmsSender` (development and
 * the demo) writes the text to the log and keeps the last messages so the demo and the tests can
 * read them (`/admin/api/sms-outbox`, which exists only with this sender).
 */
export interface SmsSender {
  send(phone: string, text: string): Promise<void>;
}

export class ConsoleSmsSender implements SmsSender {
  private readonly sent: { phone: string; text: string; at: string }[] = [];
  constructor(private readonly log: FastifyBaseLogger) {}

  async send(phone: string, text: string): Promise<void> {
    this.log.info({ phone, text }, 'sms (console sender)');
    this.sent.unshift({ phone, text, at: new Date().toISOString() });
    this.sent.length = Math.min(this.sent.length, 50);
  }

  outbox(): readonly { phone: string; text: string; at: string }[] {
    return this.sent;
  }
}

/** 6 digits, good for 5 minutes, 5 wrong tries, then a new code must be asked for. */
export const OTP_TTL_MS = 5 * 60_000;
export const OTP_MAX_ATTEMPTS = 5;
/** Codes sent per phone (SMS costs money, and a phone must not be flooded). */
export const OTP_SENDS_PER_PHONE: Limit = { max: 5, windowMs: 15 * 60_000 };
/** Wrong codes per client address, over all phones (guessing across many phones). */
export const OTP_FAILS_PER_ADDRESS: Limit = { max: 20, windowMs: 15 * 60_000 };

const hash = (phone: string, code: string) => sha256(`otp:${phone}:${code}`);

export class Otps {
  private readonly limiter: RateLimiter;
  constructor(
    private readonly db: ServerDb,
    private readonly sms: SmsSender,
    private readonly now: () => Date,
  ) {
    this.limiter = new RateLimiter(db, now);
  }

  /** Sends a fresh code (replacing any earlier one for the phone). */
  async request(phone: string): Promise<{ phoneTail: string; expiresAt: string }> {
    const key = `otp:send:${phone}`;
    await this.limiter.check(key, OTP_SENDS_PER_PHONE);
    await this.limiter.fail(key, OTP_SENDS_PER_PHONE); // every send counts
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const t = this.now();
    const expiresAt = new Date(t.getTime() + OTP_TTL_MS).toISOString();
    await this.db.tx((sql) =>
      sql.run(
        `INSERT INTO sms_otp (phone, code_hash, expires_at, attempts, created_at) VALUES (?, ?, ?, 0, ?)
         ON CONFLICT (phone) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, attempts = 0, created_at = excluded.created_at`,
        [phone, hash(phone, code), expiresAt, t.toISOString()],
      ),
    );
    await this.sms.send(phone, `【Counter POS】您的验证码是 ${code}，5分钟内有效。Your code is ${code} (5 min).`);
    return { phoneTail: phone.slice(-4), expiresAt };
  }

  /** Checks a code; a right one is used up (a code signs in once). */
  async verify(phone: string, code: string, address: string): Promise<void> {
    const addressKey = `otp:address:${address}`;
    await this.limiter.check(addressKey, OTP_FAILS_PER_ADDRESS);
    const t = this.now().toISOString();
    const ok = await this.db.tx(async (sql) => {
      const row = await sql.one<{ code_hash: string; expires_at: string; attempts: number | string }>(`SELECT code_hash, expires_at, attempts FROM sms_otp WHERE phone = ?`, [phone]);
      if (!row || row.expires_at <= t || Number(row.attempts) >= OTP_MAX_ATTEMPTS) return 'expired' as const;
      if (!sameText(row.code_hash, hash(phone, code))) {
        await sql.run(`UPDATE sms_otp SET attempts = attempts + 1 WHERE phone = ?`, [phone]);
        return 'wrong' as const;
      }
      await sql.run(`DELETE FROM sms_otp WHERE phone = ?`, [phone]);
      return 'ok' as const;
    });
    if (ok === 'expired') throw cardHttpError('OTP_EXPIRED', 'The code has expired or was tried too often; ask for a new one.');
    if (ok === 'wrong') {
      await this.limiter.fail(addressKey, OTP_FAILS_PER_ADDRESS);
      throw cardHttpError('OTP_WRONG', 'The code is wrong.');
    }
  }
}
