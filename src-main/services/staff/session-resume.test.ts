import { describe, expect, it } from 'vitest';
import { RESUME_TTL_MS, SessionResume } from './session-resume';

const lina = { id: '0196a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', name: '李娜 Li Na', role: 'cashier' as const };

describe('session resume tokens', () => {
  it('sign the same cashier in once, then never again', () => {
    const resume = new SessionResume(() => new Date());
    const { token } = resume.issue(lina);
    expect(token).not.toContain(lina.id);
    expect(resume.take(token)).toEqual(lina);
    expect(resume.take(token)).toBeNull();
  });

  it('expire after the TTL', () => {
    let t = Date.parse('2026-11-22T01:00:00Z');
    const resume = new SessionResume(() => new Date(t));
    const { token, expiresAt } = resume.issue(lina);
    expect(Date.parse(expiresAt) - t).toBe(RESUME_TTL_MS);
    t += RESUME_TTL_MS;
    expect(resume.take(token)).toBeNull();
  });

  it('are refused once revoked (sign-out), and a made-up token signs nobody in', () => {
    const resume = new SessionResume(() => new Date());
    const { token } = resume.issue(lina);
    resume.revoke(token);
    expect(resume.take(token)).toBeNull();
    expect(resume.take('x'.repeat(43))).toBeNull();
  });
});
