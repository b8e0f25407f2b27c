import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * The member's dynamic code: what the member's phone shows (as a QR code) for the cashier to scan.
 * The central server issues it, signed with its Ed25519 key, and the phone page refreshes it; a
 * counter checks it with the server's public key (known since enrollment), so a screenshot stops
 * working within a minute and nobody can make one for another member.
 *
 * Text: `CPM1.<payload>.<signature>`, both base64url; payload = {"m": member id, "t": issued at (ms)}.
 * The prefix also tells the scanner's reading apart from a product barcode.
 */
export const MEMBER_CODE_PREFIX = 'CPM1.';
/** A code is good for one minute after it was issued. */
export const MEMBER_CODE_LIFETIME_MS = 60_000;
/** Clocks of phone, server and counter may disagree this much. */
export const MEMBER_CODE_CLOCK_SKEW_MS = 30_000;

export type MemberCodeResult = { ok: true; memberId: string; issuedAt: number } | { ok: false; reason: 'notMemberCode' | 'malformed' | 'badSignature' | 'expired' | 'notYetValid' };

function message(payload: string): Buffer {
  return Buffer.from(`counter-pos.member-code.v1:${payload}`, 'utf8');
}

/** Server side: a fresh code for a member. */
export function issueMemberCode(memberId: string, issuedAt: number, privateKey: KeyObject): string {
  const payload = Buffer.from(JSON.stringify({ m: memberId, t: issuedAt }), 'utf8').toString('base64url');
  return `${MEMBER_CODE_PREFIX}${payload}.${sign(null, message(payload), privateKey).toString('base64url')}`;
}

/** Whether a scanned text looks like a member code (before checking it). */
export function isMemberCode(text: string): boolean {
  return text.startsWith(MEMBER_CODE_PREFIX);
}

const KEYS = new Map<string, KeyObject>();
function publicKey(serverKey: string): KeyObject {
  let key = KEYS.get(serverKey);
  if (!key) {
    key = createPublicKey({ key: Buffer.from(serverKey, 'base64'), format: 'der', type: 'spki' });
    if (KEYS.size < 16) KEYS.set(serverKey, key);
  }
  return key;
}

/** Counter side: the member a scanned code names, if the server signed it and it is still fresh at `now`. */
export function readMemberCode(text: string, serverKey: string, now: number): MemberCodeResult {
  if (!isMemberCode(text)) return { ok: false, reason: 'notMemberCode' };
  const parts = text.trim().slice(MEMBER_CODE_PREFIX.length).split('.');
  if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]!) || !/^[A-Za-z0-9_-]+$/.test(parts[1]!) || parts[0]!.length > 512) return { ok: false, reason: 'malformed' };
  const [payload, signature] = parts as [string, string];
  let good = false;
  try {
    good = verify(null, message(payload), publicKey(serverKey), Buffer.from(signature, 'base64url'));
  } catch {
    good = false;
  }
  if (!good) return { ok: false, reason: 'badSignature' };
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const { m, t } = (body ?? {}) as { m?: unknown; t?: unknown };
  if (typeof m !== 'string' || !m || typeof t !== 'number' || !Number.isSafeInteger(t)) return { ok: false, reason: 'malformed' };
  if (t > now + MEMBER_CODE_CLOCK_SKEW_MS) return { ok: false, reason: 'notYetValid' };
  if (now >= t + MEMBER_CODE_LIFETIME_MS + MEMBER_CODE_CLOCK_SKEW_MS) return { ok: false, reason: 'expired' };
  return { ok: true, memberId: m, issuedAt: t };
}
