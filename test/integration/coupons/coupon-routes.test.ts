import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { COUPON_DISPLAYS_STREAM, COUPON_RULES_STREAM, claimResponse, memberClaimsResponse, offlineRedemptionResponse, redemptionResponse } from '../../../src-main/domain/coupons/protocol';
import { pullResponse, STREAM_SCHEMAS } from '../../../src-main/domain/sync/reference';
import { openServerDb } from '../../../src-server/db';
import { databaseKinds } from '../sync/support/databases';
import { get, post } from '../sync/support/entries';
import { Admin, startServer, type Json, type ServerProcess, type ServerTarget } from '../sync/support/server-process';
import { enrollRaw, member, type EnrolledTerminal } from '../value/support/value-server';

/**
 * The coupon routes against real server processes on each database. The races run through TWO
 * server processes sharing one database (as behind a load balancer), so the limits and the
 * exactly-once redemption are held by the database, not by one process's event loop.
 */

const COUPON = {
  titleZh: '满100减20',
  titleEn: '20 off 100',
  offer: { kind: 'amountOff', threshold: 10_000, off: 2_000 },
  scope: { kind: 'all' },
  perMemberLimit: 1,
  totalLimit: null,
};

async function makeCoupon(admin: Admin, id: string, over: Record<string, unknown> = {}): Promise<Json> {
  const r = await admin.request('POST', '/admin/api/coupons', { id, ...COUPON, ...over });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json;
}

async function issuedAndClaims(target: ServerTarget, couponId: string): Promise<{ issued: number; claims: number }> {
  const db = await openServerDb(target);
  try {
    const c = await db.one<{ issued: number | string }>(`SELECT issued FROM coupon WHERE id = ?`, [couponId]);
    const n = await db.one<{ n: number | string }>(`SELECT COUNT(*) AS n FROM coupon_claim WHERE coupon_id = ?`, [couponId]);
    return { issued: Number(c?.issued ?? 0), claims: Number(n!.n) };
  } finally {
    await db.close();
  }
}

const codes = (rs: { status: number; json: Json }[]) => rs.map((r) => (r.status < 300 ? 'ok' : r.json.error.code)).sort();
const count = (xs: string[], x: string) => xs.filter((y) => y === x).length;

describe('coupon routes', () => {
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
  /** Two server processes on one database, a store with a terminal on each. */
  async function twoServers(target: ServerTarget) {
    const a = await serve(target);
    const b = await serve(target);
    const admin = await Admin.signIn(a.url);
    const t1 = await enrollRaw(a.url, admin);
    const t2 = await enrollRaw(b.url, admin, t1.storeId);
    return { a, b, admin, t1, t2 };
  }
  const claimOn = (url: string, t: EnrolledTerminal, memberId: string, couponId: string, commandId = uuidv7()) => post(url, '/api/v1/coupons/claims', { commandId, memberId, couponId }, t.credential);

  for (const kind of kinds) {
    describe.skipIf(!kind.available)(`on ${kind.name}`, () => {
      it('hands out exactly the total limit under 50 concurrent claims, and one member exactly their limit under 20', async () => {
        const target = await kind.target();
        const { a, b, admin, t1, t2 } = await twoServers(target);
        await makeCoupon(admin, 'c-ten', { totalLimit: 10 });
        await makeCoupon(admin, 'c-once', { perMemberLimit: 1 });
        const members: Json[] = [];
        for (let i = 0; i < 50; i++) members.push(await member(admin, `CA7${String(i).padStart(7, '0')}`, `1390000${String(i).padStart(4, '0')}`, `M${i}`, 0));

        const all = await Promise.all(members.map((m, i) => (i % 2 ? claimOn(a.url, t1, m.id, 'c-ten') : claimOn(b.url, t2, m.id, 'c-ten'))));
        const got = codes(all);
        expect(count(got, 'ok')).toBe(10);
        expect(count(got, 'COUPON_SOLD_OUT')).toBe(40);
        for (const r of all.filter((x) => x.status === 201)) expect(claimResponse.safeParse(r.json).success).toBe(true);
        expect(await issuedAndClaims(target, 'c-ten')).toEqual({ issued: 10, claims: 10 });

        const one = members[0]!;
        const mine = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? claimOn(a.url, t1, one.id, 'c-once') : claimOn(b.url, t2, one.id, 'c-once'))));
        const mineCodes = codes(mine);
        expect(count(mineCodes, 'ok')).toBe(1);
        expect(count(mineCodes, 'CLAIM_LIMIT_REACHED')).toBe(19);
        expect(mine.find((r) => r.status === 409)!.json.error.limit).toBe(1);
        expect(await issuedAndClaims(target, 'c-once')).toEqual({ issued: 1, claims: 1 });
      });

      it('replays a claim sent again with its command id, even at the same moment on both processes', async () => {
        const target = await kind.target();
        const { a, b, admin, t1, t2 } = await twoServers(target);
        await makeCoupon(admin, 'c-three', { perMemberLimit: 3 });
        const m = await member(admin, 'CA88001234', '13800001234', '张三', 0);
        const commandId = uuidv7();
        const same = await Promise.all(Array.from({ length: 6 }, (_, i) => claimOn(i % 2 ? a.url : b.url, i % 2 ? t1 : t2, m.id, 'c-three', commandId)));
        expect(same.every((r) => r.status === 200 || r.status === 201)).toBe(true);
        expect(new Set(same.map((r) => r.json.claim.claimId)).size).toBe(1);
        expect(await issuedAndClaims(target, 'c-three')).toEqual({ issued: 1, claims: 1 });
        expect((await claimOn(a.url, t1, m.id, 'c-ten-not-here', commandId)).json.error.code).toBe('COMMAND_REUSED');

        const list = await get(a.url, `/api/v1/coupons/members/${m.id}/claims`, t1.credential);
        expect(list.status).toBe(200);
        expect(memberClaimsResponse.parse(list.json).claims).toEqual([expect.objectContaining({ claim: expect.objectContaining({ couponId: 'c-three', state: 'claimed' }), coupon: expect.objectContaining({ id: 'c-three' }) })]);
      });

      it('redeems a claimed coupon exactly once when two terminals reserve it at the same moment; steps are idempotent', async () => {
        const target = await kind.target();
        const { a, b, admin, t1, t2 } = await twoServers(target);
        await makeCoupon(admin, 'c-many', { perMemberLimit: 10 });
        const m = await member(admin, 'CA88005678', '13800005678', '李四', 0);
        for (let round = 0; round < 5; round++) {
          const claimId = (await claimOn(a.url, t1, m.id, 'c-many')).json.claim.claimId as string;
          const [s1, s2] = [uuidv7(), uuidv7()];
          const both = await Promise.all([post(a.url, `/api/v1/coupons/claims/${claimId}/reserve`, { saleCommandId: s1 }, t1.credential), post(b.url, `/api/v1/coupons/claims/${claimId}/reserve`, { saleCommandId: s2 }, t2.credential)]);
          expect(codes(both)).toEqual(['ALREADY_REDEEMED', 'ok']);
          const winner = both[0]!.status === 200 ? { url: a.url, t: t1, sale: s1 } : { url: b.url, t: t2, sale: s2 };
          const loser = winner.sale === s1 ? { url: b.url, t: t2, sale: s2 } : { url: a.url, t: t1, sale: s1 };
          const step = (who: typeof winner, s: string) => post(who.url, `/api/v1/coupons/claims/${claimId}/${s}`, { saleCommandId: who.sale }, who.t.credential);
          expect(redemptionResponse.parse((await step(winner, 'reserve')).json).state).toBe('reserved');
          expect((await step(loser, 'confirm')).json.error.code).toBe('NOT_RESERVED');
          const confirmed = await step(winner, 'confirm');
          expect(redemptionResponse.parse(confirmed.json)).toMatchObject({ state: 'redeemed', claim: { state: 'redeemed', saleCommandId: winner.sale } });
          expect((await step(winner, 'confirm')).json).toEqual(confirmed.json);
          expect((await step(loser, 'reserve')).json.error).toMatchObject({ code: 'ALREADY_REDEEMED', state: 'redeemed' });
          expect((await step(winner, 'release')).json.error.code).toBe('ALREADY_REDEEMED');
        }
        // Released by a failed sale, the claim is the member's again for the next sale.
        const claimId = (await claimOn(a.url, t1, m.id, 'c-many')).json.claim.claimId as string;
        const failed = uuidv7();
        await post(a.url, `/api/v1/coupons/claims/${claimId}/reserve`, { saleCommandId: failed }, t1.credential);
        const released = await post(a.url, `/api/v1/coupons/claims/${claimId}/release`, { saleCommandId: failed }, t1.credential);
        expect(released.json).toMatchObject({ state: 'released', claim: { state: 'claimed', saleCommandId: null } });
        expect((await post(a.url, `/api/v1/coupons/claims/${claimId}/release`, { saleCommandId: failed }, t1.credential)).json).toEqual(released.json);
        expect((await post(b.url, `/api/v1/coupons/claims/${claimId}/reserve`, { saleCommandId: uuidv7() }, t2.credential)).json.state).toBe('reserved');
        // The member's list: the five used coupons only with ?all=1.
        const usable = memberClaimsResponse.parse((await get(a.url, `/api/v1/coupons/members/${m.id}/claims`, t1.credential)).json);
        expect(usable.claims.map((c) => c.claim.state)).toEqual(['reserved']);
        const everything = memberClaimsResponse.parse((await get(a.url, `/api/v1/coupons/members/${m.id}/claims?all=1`, t1.credential)).json);
        expect(everything.claims.filter((c) => c.claim.state === 'redeemed')).toHaveLength(5);
      });

      it('accepts an offline use once; a second sale using the same claim is recorded as an exception for the store', async () => {
        const target = await kind.target();
        const { a, b, admin, t1, t2 } = await twoServers(target);
        await makeCoupon(admin, 'c-off', { perMemberLimit: 5 });
        const m = await member(admin, 'CA88001234', '13800001234', '张三', 0);
        const claimId = (await claimOn(a.url, t1, m.id, 'c-off')).json.claim.claimId as string;
        const [s1, s2] = [uuidv7(), uuidv7()];
        const first = await post(a.url, `/api/v1/coupons/claims/${claimId}/offline`, { saleCommandId: s1, redeemedAt: '2026-12-04T03:00:00.000Z' }, t1.credential);
        expect(offlineRedemptionResponse.parse(first.json)).toMatchObject({ outcome: 'accepted', claim: { state: 'redeemed', saleCommandId: s1 } });
        expect((await post(a.url, `/api/v1/coupons/claims/${claimId}/offline`, { saleCommandId: s1, redeemedAt: '2026-12-04T03:00:00.000Z' }, t1.credential)).json).toEqual(first.json);
        const second = await post(b.url, `/api/v1/coupons/claims/${claimId}/offline`, { saleCommandId: s2, redeemedAt: '2026-12-04T03:05:00.000Z' }, t2.credential);
        expect(offlineRedemptionResponse.parse(second.json)).toMatchObject({ outcome: 'exception', exception: { saleCommandId: s2, terminalId: t2.terminalId, firstSaleCommandId: s1, firstTerminalId: t1.terminalId } });
        expect((await post(b.url, `/api/v1/coupons/claims/${claimId}/offline`, { saleCommandId: s2, redeemedAt: '2026-12-04T03:05:00.000Z' }, t2.credential)).json).toEqual(second.json);
        const report = await get(a.url, '/api/v1/coupons/exceptions', t1.credential);
        expect(report.json.exceptions).toEqual([expect.objectContaining({ claimId, saleCommandId: s2 })]);
      });

      it('refuses bad input and strangers with typed errors and changes nothing; the published streams pass the terminal schema', async () => {
        const target = await kind.target();
        const s = await serve(target);
        const admin = await Admin.signIn(s.url);
        const t = await enrollRaw(s.url, admin);
        const m = await member(admin, 'CA88001234', '13800001234', '张三', 0);
        await makeCoupon(admin, 'c-ok', { totalLimit: 5 });
        const bad = [
          { commandId: 'not-a-uuid', memberId: m.id, couponId: 'c-ok' },
          { commandId: uuidv7(), memberId: m.id, couponId: 'bad id!' },
          { commandId: uuidv7(), memberId: m.id, couponId: 'c-ok', extra: 1 },
          {},
        ];
        for (const body of bad) expect(await post(s.url, '/api/v1/coupons/claims', body, t.credential)).toMatchObject({ status: 400, json: { error: { code: 'INVALID_INPUT' } } });
        expect((await post(s.url, '/api/v1/coupons/claims', { commandId: uuidv7(), memberId: m.id, couponId: 'c-ok' })).json.error.code).toBe('UNAUTHENTICATED');
        expect((await post(s.url, '/api/v1/coupons/claims', { commandId: uuidv7(), memberId: 'nobody', couponId: 'c-ok' }, t.credential)).json.error.code).toBe('MEMBER_NOT_FOUND');
        expect((await post(s.url, '/api/v1/coupons/claims/nope/reserve', { saleCommandId: uuidv7() }, t.credential)).json.error.code).toBe('CLAIM_NOT_FOUND');
        expect((await admin.request('POST', '/admin/api/coupons', { id: 'c-bad', ...COUPON, offer: { kind: 'amountOff', threshold: 100, off: 0 } })).json.error.code).toBe('INVALID_INPUT');
        expect((await admin.request('POST', '/admin/api/coupons', { id: 'c-x', ...COUPON }, { csrf: null })).status).toBe(403);
        expect((await post(s.url, '/admin/api/coupons', { id: 'c-y', ...COUPON })).status).toBe(401);
        expect(await issuedAndClaims(target, 'c-ok')).toEqual({ issued: 0, claims: 0 });
        expect((await admin.request('GET', '/admin/api/coupons')).json.coupons.map((c: Json) => c.id)).toEqual(['c-ok']);

        await admin.request('POST', '/admin/api/coupon-displays', { id: 'd-1', titleZh: '新品', titleEn: 'New', itemIds: ['item-1'], textZh: '限时', textEn: 'Limited', imageUrl: null, sort: 0 });
        for (const stream of [COUPON_RULES_STREAM, COUPON_DISPLAYS_STREAM]) {
          const pulled = pullResponse.parse((await get(s.url, `/api/v1/reference/${stream}?after=0`, t.credential)).json);
          expect(pulled.records).toHaveLength(1);
          for (const r of pulled.records) expect(STREAM_SCHEMAS[stream]!.safeParse(r.body).success).toBe(true);
        }
      });
    });
  }
});
