import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { issueMemberCode, MEMBER_CODE_CLOCK_SKEW_MS, MEMBER_CODE_LIFETIME_MS, readMemberCode } from '../../../src-main/domain/members';

const server = generateKeyPairSync('ed25519');
const serverKey = server.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
const t = Date.UTC(2026, 10, 22, 10, 0, 0);

describe('member dynamic code', () => {
  const code = issueMemberCode('mem_42', t, server.privateKey);

  it('names the member while fresh', () => {
    expect(readMemberCode(code, serverKey, t + 1000)).toEqual({ ok: true, memberId: 'mem_42', issuedAt: t });
  });
  it('expires one minute after issue (plus the allowed clock skew), to the millisecond', () => {
    const end = t + MEMBER_CODE_LIFETIME_MS + MEMBER_CODE_CLOCK_SKEW_MS;
    expect(readMemberCode(code, serverKey, end - 1).ok).toBe(true);
    expect(readMemberCode(code, serverKey, end)).toEqual({ ok: false, reason: 'expired' });
  });
  it('a code from the future beyond the skew is refused (a phone clock set ahead)', () => {
    expect(readMemberCode(code, serverKey, t - MEMBER_CODE_CLOCK_SKEW_MS - 1)).toEqual({ ok: false, reason: 'notYetValid' });
  });
  it('a code signed by another key, or edited to name another member, is refused', () => {
    const other = generateKeyPairSync('ed25519');
    expect(readMemberCode(issueMemberCode('mem_42', t, other.privateKey), serverKey, t)).toEqual({ ok: false, reason: 'badSignature' });
    const [prefix, , sig] = code.split('.');
    const forged = `${prefix}.${Buffer.from(JSON.stringify({ m: 'mem_1', t })).toString('base64url')}.${sig}`;
    expect(readMemberCode(forged, serverKey, t)).toEqual({ ok: false, reason: 'badSignature' });
  });
  it.each([
    ['a product barcode', '6901234567892', 'notMemberCode'],
    ['no signature', 'CPM1.abc', 'malformed'],
    ['extra part', `${code}.x`, 'malformed'],
    ['not base64url', 'CPM1.a+b.c/d', 'malformed'],
  ])('refuses %s', (_what, text, reason) => {
    expect(readMemberCode(text, serverKey, t)).toEqual({ ok: false, reason });
  });
});
