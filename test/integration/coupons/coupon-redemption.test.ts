import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { RESERVATION_MINUTES } from '../../../src-main/domain/coupons/protocol';
import { claimCoupon } from '../../../src-server/coupons/claims';
import { saveCoupon } from '../../../src-server/coupons/coupon-book';
import { CouponError } from '../../../src-server/coupons/http';
import { CouponRedemptions } from '../../../src-server/coupons/redemptions';
import { openServerDb, type ServerDb } from '../../../src-server/db';
import { createMember } from '../../../src-server/members/members';
import { databaseKinds } from '../sync/support/databases';

/**
 * Redemption steps against the server's database (both kinds) with the clock in the test's hand:
 * a reservation left by a counter that never came back, a coupon that ended while claimed, and a
 * lost confirm answer finished by the offline report.
 */

const T0 = new Date('2026-12-04T04:00:00.000Z');
const A = { id: 'terminal-a', storeId: 'store-1' };
const B = { id: 'terminal-b', storeId: 'store-1' };
const later = (min: number) => new Date(T0.getTime() + min * 60_000);

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CouponError) return e.body.code;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('coupon redemption over time (server database)', () => {
  const kinds = databaseKinds();
  const open: ServerDb[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((d) => d.close()));
  });

  async function setUp(target: Parameters<typeof openServerDb>[0]) {
    const db = await openServerDb(target);
    open.push(db);
    const m = await createMember(db, { number: 'CA88001234', name: '张三' }, T0);
    await saveCoupon(db, { id: 'c1', titleZh: '满100减20', offer: { kind: 'amountOff', threshold: 10_000, off: 2_000 }, scope: { kind: 'all' }, perMemberLimit: 5, validTo: later(24 * 60).toISOString() }, 'admin', T0);
    const claim = async () => (await claimCoupon(db, A, { commandId: uuidv7(), memberId: m.id, couponId: 'c1' }, T0)).response.claim.claimId;
    return { db, r: new CouponRedemptions(db), claim };
  }

  for (const kind of kinds) {
    describe.skipIf(!kind.available)(`on ${kind.name}`, () => {
      it('a reservation held past its time is taken by the next sale; the first sale can no longer confirm', async () => {
        const { r, claim } = await setUp(await kind.target());
        const id = await claim();
        const [s1, s2] = [uuidv7(), uuidv7()];
        await r.reserve(A, id, s1, T0);
        // One millisecond before the reservation ends it still holds the claim.
        expect(await refusal(r.reserve(B, id, s2, new Date(later(RESERVATION_MINUTES).getTime() - 1)))).toBe('ALREADY_REDEEMED');
        const taken = await r.reserve(B, id, s2, later(RESERVATION_MINUTES));
        expect(taken).toMatchObject({ state: 'reserved', claim: { saleCommandId: s2, state: 'reserved' } });
        expect(await refusal(r.confirm(A, id, s1, later(RESERVATION_MINUTES + 1)))).toBe('NOT_RESERVED');
        expect((await r.confirm(B, id, s2, later(RESERVATION_MINUTES + 1))).claim).toMatchObject({ state: 'redeemed', saleCommandId: s2 });
        // The first sale did go through at its counter: reported, it becomes the exception.
        const late = await r.offline(A, id, { saleCommandId: s1, redeemedAt: T0.toISOString() }, later(RESERVATION_MINUTES + 2));
        expect(late).toMatchObject({ outcome: 'exception', exception: { saleCommandId: s1, firstSaleCommandId: s2, firstTerminalId: B.id } });
        expect(await r.exceptions('store-1')).toHaveLength(1);
        expect(await r.exceptions('store-2')).toEqual([]);
      });

      it('the sweep gives a reservation past its time back to the member; the late confirm is then an accepted offline use', async () => {
        const { r, claim } = await setUp(await kind.target());
        const id = await claim();
        const sale = uuidv7();
        await r.reserve(A, id, sale, T0);
        expect(await r.releaseExpired(new Date(later(RESERVATION_MINUTES).getTime() - 1))).toBe(0);
        expect(await r.releaseExpired(later(RESERVATION_MINUTES))).toBe(1);
        expect(await r.releaseExpired(later(RESERVATION_MINUTES))).toBe(0);
        expect(await refusal(r.confirm(A, id, sale, later(RESERVATION_MINUTES + 1)))).toBe('NOT_RESERVED');
        const reported = await r.offline(A, id, { saleCommandId: sale, redeemedAt: T0.toISOString() }, later(RESERVATION_MINUTES + 1));
        expect(reported).toMatchObject({ outcome: 'accepted', claim: { state: 'redeemed', saleCommandId: sale } });
      });

      it('an offline use reported while another sale holds the claim is an exception until that sale gives the claim back; then it is the use', async () => {
        const { r, claim } = await setUp(await kind.target());
        const id = await claim();
        const [online, offline] = [uuidv7(), uuidv7()];
        await r.reserve(A, id, online, later(1));
        const reported = await r.offline(B, id, { saleCommandId: offline, redeemedAt: later(1).toISOString() }, later(2));
        expect(reported).toMatchObject({ outcome: 'exception', exception: { firstSaleCommandId: online } });
        expect(await r.exceptions('store-1')).toHaveLength(1);
        const released = await r.release(A, id, online, later(3));
        expect(released).toMatchObject({ state: 'released', claim: { state: 'redeemed', saleCommandId: offline, redeemedAt: later(1).toISOString() } });
        expect(await r.exceptions('store-1')).toEqual([]);
        expect(await r.offline(B, id, { saleCommandId: offline, redeemedAt: later(1).toISOString() }, later(4))).toMatchObject({ outcome: 'accepted' });
        expect(await refusal(r.reserve(A, id, uuidv7(), later(5)))).toBe('ALREADY_REDEEMED');
      });

      it('a coupon that ended while claimed cannot be reserved; a lost confirm answer is finished by the offline report', async () => {
        const { r, claim } = await setUp(await kind.target());
        const id = await claim();
        expect(await refusal(r.reserve(A, id, uuidv7(), later(24 * 60)))).toBe('COUPON_EXPIRED');
        const sale = uuidv7();
        await r.reserve(A, id, sale, later(1));
        const finished = await r.offline(A, id, { saleCommandId: sale, redeemedAt: later(1).toISOString() }, later(2));
        expect(finished).toMatchObject({ outcome: 'accepted', claim: { state: 'redeemed', saleCommandId: sale } });
        expect((await r.confirm(A, id, sale, later(3))).state).toBe('redeemed');
        expect(await refusal(r.release(A, id, sale, later(3)))).toBe('ALREADY_REDEEMED');
        expect(await r.exceptions('store-1')).toEqual([]);
        expect(await refusal(r.reserve(A, 'no-such-claim', uuidv7(), later(3)))).toBe('CLAIM_NOT_FOUND');
        expect(await refusal(r.release(A, id, uuidv7(), later(3)))).toBe('NOT_RESERVED');
      });
    });
  }
});
