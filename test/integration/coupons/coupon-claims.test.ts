import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { claimResponse, memberClaimsResponse } from '../../../src-main/domain/coupons/protocol';
import { databaseKinds } from '../sync/support/databases';
import { get, post } from '../sync/support/entries';
import { Admin, startServer, type ServerProcess, type ServerTarget } from '../sync/support/server-process';
import { enrollRaw } from '../value/support/value-server';
import { createCoupon, newMember } from './support/coupon-server';

/** Claiming coupons on the central server (/api/v1/coupons/claims), against a real server process on each database. */
describe('coupon claims', () => {
  const kinds = databaseKinds();
  const running: ServerProcess[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  });
  async function serve(target: ServerTarget) {
    const s = await startServer(target);
    running.push(s);
    return s;
  }
  const claim = (url: string, credential: string, memberId: string, couponId: string, commandId = uuidv7()) => post(url, '/api/v1/coupons/claims', { commandId, memberId, couponId }, credential);

  for (const kind of kinds) {
    describe.skipIf(!kind.available)(`on ${kind.name}`, () => {
      it('50 concurrent claims against a total issue limit of 10: exactly 10 are issued, the rest hear COUPON_SOLD_OUT', async () => {
        const s = await serve(await kind.target());
        const admin = await Admin.signIn(s.url);
        const [t1, t2] = [await enrollRaw(s.url, admin), await enrollRaw(s.url, admin)];
        await createCoupon(admin, 'ten-only', { perMemberLimit: 50, totalLimit: 10 });
        const members = [await newMember(admin), await newMember(admin), await newMember(admin), await newMember(admin), await newMember(admin)];
        const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => claim(s.url, (i % 2 ? t1 : t2).credential, members[i % 5]!.id, 'ten-only')));
        expect(answers.filter((a) => a.status === 201)).toHaveLength(10);
        expect(answers.filter((a) => a.status !== 201).map((a) => a.json.error.code)).toEqual(Array(40).fill('COUPON_SOLD_OUT'));
        for (const a of answers.filter((x) => x.status === 201)) expect(claimResponse.safeParse(a.json).success).toBe(true);
        const book = await admin.request('GET', '/admin/api/coupons');
        expect(book.json.coupons.find((c: { id: string }) => c.id === 'ten-only').issued).toBe(10);
        let listed = 0;
        for (const m of members) listed += (await get(s.url, `/api/v1/coupons/members/${m.id}/claims`, t1.credential)).json.claims.length;
        expect(listed).toBe(10);
      });

      it('20 concurrent claims by one member against a per-member limit of 1: exactly one claim, the rest CLAIM_LIMIT_REACHED', async () => {
        const s = await serve(await kind.target());
        const admin = await Admin.signIn(s.url);
        const t = await enrollRaw(s.url, admin);
        await createCoupon(admin, 'once-each', { perMemberLimit: 1, totalLimit: 1000 });
        const m = await newMember(admin);
        const answers = await Promise.all(Array.from({ length: 20 }, () => claim(s.url, t.credential, m.id, 'once-each')));
        expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
        expect(answers.filter((a) => a.status !== 201).map((a) => a.json.error)).toEqual(Array(19).fill({ code: 'CLAIM_LIMIT_REACHED', message: expect.any(String), limit: 1 }));
        const list = await get(s.url, `/api/v1/coupons/members/${m.id}/claims`, t.credential);
        expect(memberClaimsResponse.parse(list.json).claims).toEqual([
          expect.objectContaining({ claim: expect.objectContaining({ couponId: 'once-each', state: 'claimed', terminalId: t.terminalId }), coupon: expect.objectContaining({ id: 'once-each' }) }),
        ]);
        // Another member still gets one; the counter counts both.
        expect((await claim(s.url, t.credential, (await newMember(admin)).id, 'once-each')).status).toBe(201);
        expect((await admin.request('GET', '/admin/api/coupons')).json.coupons[0].issued).toBe(2);
      });

      it('a claim is idempotent by command id, also sent ten times at once; the same id for another claim is refused', async () => {
        const s = await serve(await kind.target());
        const admin = await Admin.signIn(s.url);
        const t = await enrollRaw(s.url, admin);
        await createCoupon(admin, 'c1', { perMemberLimit: 5 });
        await createCoupon(admin, 'c2', { perMemberLimit: 5 });
        const m = await newMember(admin);
        const id = uuidv7();
        const answers = await Promise.all(Array.from({ length: 10 }, () => claim(s.url, t.credential, m.id, 'c1', id)));
        expect(answers.every((a) => a.status === 200 || a.status === 201)).toBe(true);
        expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
        expect(new Set(answers.map((a) => a.json.claim.claimId)).size).toBe(1);
        expect((await claim(s.url, t.credential, m.id, 'c2', id)).json.error.code).toBe('COMMAND_REUSED');
        expect((await get(s.url, `/api/v1/coupons/members/${m.id}/claims`, t.credential)).json.claims).toHaveLength(1);
        expect((await admin.request('GET', '/admin/api/coupons')).json.coupons.map((c: { issued: number }) => c.issued)).toEqual([1, 0]);
      });

      it('refuses with a typed error and changes nothing: unknown member or coupon, not started, ended, withdrawn, bad input, no credential', async () => {
        const s = await serve(await kind.target());
        const admin = await Admin.signIn(s.url);
        const t = await enrollRaw(s.url, admin);
        const m = await newMember(admin);
        const hour = 3600_000;
        await createCoupon(admin, 'later', { validFrom: new Date(Date.now() + hour).toISOString() });
        await createCoupon(admin, 'over', { validFrom: new Date(Date.now() - 2 * hour).toISOString(), validTo: new Date(Date.now() - hour).toISOString() });
        await createCoupon(admin, 'gone');
        expect((await admin.request('POST', '/admin/api/coupons/gone/withdraw', {})).status).toBe(200);
        await createCoupon(admin, 'ok');
        const code = async (body: Record<string, unknown>, credential: string | null = t.credential) => {
          const r = await post(s.url, '/api/v1/coupons/claims', { commandId: uuidv7(), memberId: m.id, couponId: 'ok', ...body }, credential ?? undefined);
          return r.json.error?.code ?? r.status;
        };
        expect(await code({ memberId: 'nobody' })).toBe('MEMBER_NOT_FOUND');
        expect(await code({ couponId: 'nope' })).toBe('COUPON_NOT_FOUND');
        expect(await code({ couponId: 'later' })).toBe('COUPON_NOT_STARTED');
        expect(await code({ couponId: 'over' })).toBe('COUPON_EXPIRED');
        expect(await code({ couponId: 'gone' })).toBe('COUPON_WITHDRAWN');
        expect(await code({ commandId: 'not-a-uuid' })).toBe('INVALID_INPUT');
        expect(await code({ extra: 1 })).toBe('INVALID_INPUT');
        expect(await code({}, null)).toBe('UNAUTHENTICATED');
        expect((await get(s.url, `/api/v1/coupons/members/nobody/claims`, t.credential)).json.error.code).toBe('MEMBER_NOT_FOUND');
        expect((await get(s.url, `/api/v1/coupons/members/${m.id}/claims`, t.credential)).json.claims).toEqual([]);
        expect((await admin.request('GET', '/admin/api/coupons')).json.coupons.every((c: { issued: number }) => c.issued === 0)).toBe(true);
        // The good one still works afterwards.
        expect(await code({})).toBe(201);
      });
    });
  }
});
