import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { COUPON_DISPLAYS_STREAM, COUPON_RULES_STREAM, couponRuleRecord, type ClaimRequest } from '../../../src-main/domain/coupons/protocol';
import { pullResponse, STREAM_SCHEMAS } from '../../../src-main/domain/sync/reference';
import { openServerDb, type ServerDb } from '../../../src-server/db';
import { claimCoupon } from '../../../src-server/coupons/claims';
import { saveCoupon, saveDisplay, withdrawCoupon, type CouponInput } from '../../../src-server/coupons/coupon-book';
import { CouponError } from '../../../src-server/coupons/http';
import { createMember } from '../../../src-server/members/members';
import { pullRecords } from '../../../src-server/reference/reference-store';
import { databaseKinds } from '../sync/support/databases';
import type { ServerTarget } from '../sync/support/server-process';

/**
 * The coupon book and claim rules against the server's database (both kinds), with the clock in
 * the test's hand: the validity window at its exact boundaries, the limits, bad input refused with
 * nothing changed, and what is published passing the terminal's own stream schema.
 */

const T0 = new Date('2026-12-04T04:00:00.000Z');
const TERMINAL = { id: 'terminal-1', storeId: 'store-1' };

const coupon = (over: Partial<CouponInput> = {}): CouponInput => ({
  id: 'c-100-20',
  titleZh: '满100减20',
  titleEn: '20 off 100',
  offer: { kind: 'amountOff', threshold: 10_000, off: 2_000 },
  scope: { kind: 'all' },
  perMemberLimit: 1,
  totalLimit: 100,
  ...over,
});

/** The refusal code a promise ends with (fails the test when it resolves). */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CouponError) return e.body.code;
    throw e;
  }
  throw new Error('expected a refusal');
}

async function counts(db: ServerDb) {
  const n = async (q: string) => Number((await db.one<{ n: number | string }>(q))!.n);
  return {
    coupons: await n(`SELECT COUNT(*) AS n FROM coupon`),
    claims: await n(`SELECT COUNT(*) AS n FROM coupon_claim`),
    records: await n(`SELECT COUNT(*) AS n FROM reference_record WHERE stream LIKE 'coupons.%'`),
  };
}

describe('coupon book and claim rules (server database)', () => {
  const kinds = databaseKinds();
  const open: ServerDb[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((d) => d.close()));
  });
  async function db(target: ServerTarget) {
    const d = await openServerDb(target);
    open.push(d);
    return d;
  }
  const claim = (d: ServerDb, memberId: string, couponId: string, at: Date, commandId = uuidv7()) => claimCoupon(d, TERMINAL, { commandId, memberId, couponId } satisfies ClaimRequest, at);

  for (const kind of kinds) {
    describe.skipIf(!kind.available)(`on ${kind.name}`, () => {
      it('claims inside the window only: from is inclusive, to is exclusive, to the millisecond; store time becomes an instant', async () => {
        const d = await db(await kind.target());
        const m = await createMember(d, { number: 'CA88001234', name: '张三' }, T0);
        // Entered as store time in Shanghai (UTC+8): 12:00 there is 04:00Z.
        const saved = await saveCoupon(d, coupon({ perMemberLimit: 10, validFrom: '2026-12-04 12:00', validTo: '2026-12-05 12:00', timeZone: 'Asia/Shanghai' }), 'admin', T0);
        expect(saved.rule.validFrom).toBe('2026-12-04T04:00:00.000Z');
        expect(saved.rule.validTo).toBe('2026-12-05T04:00:00.000Z');
        const from = Date.parse(saved.rule.validFrom!);
        const to = Date.parse(saved.rule.validTo!);
        expect(await refusal(claim(d, m.id, 'c-100-20', new Date(from - 1)))).toBe('COUPON_NOT_STARTED');
        expect((await claim(d, m.id, 'c-100-20', new Date(from))).created).toBe(true);
        expect((await claim(d, m.id, 'c-100-20', new Date(to - 1))).created).toBe(true);
        expect(await refusal(claim(d, m.id, 'c-100-20', new Date(to)))).toBe('COUPON_EXPIRED');
        // Refusals hand out nothing: two claims counted, two rows.
        expect((await counts(d)).claims).toBe(2);
        expect(Number((await d.one<{ issued: number | string }>(`SELECT issued FROM coupon WHERE id = 'c-100-20'`))!.issued)).toBe(2);
      });

      it('enforces the per-member and total limits, and replays a command id instead of claiming twice', async () => {
        const d = await db(await kind.target());
        const a = await createMember(d, { number: 'CA88001234', name: '张三' }, T0);
        const b = await createMember(d, { number: 'CA88005678', name: '李四' }, T0);
        const c = await createMember(d, { number: 'CA88009999', name: '王五' }, T0);
        await saveCoupon(d, coupon({ perMemberLimit: 1, totalLimit: 2 }), 'admin', T0);
        const commandId = uuidv7();
        const first = await claim(d, a.id, 'c-100-20', T0, commandId);
        const again = await claim(d, a.id, 'c-100-20', T0, commandId);
        expect(again).toEqual({ created: false, response: first.response });
        expect(await refusal(claim(d, b.id, 'c-100-20', T0, commandId))).toBe('COMMAND_REUSED');
        expect(await refusal(claim(d, a.id, 'c-100-20', T0))).toBe('CLAIM_LIMIT_REACHED');
        await claim(d, b.id, 'c-100-20', T0);
        expect(await refusal(claim(d, c.id, 'c-100-20', T0))).toBe('COUPON_SOLD_OUT');
        expect(await refusal(claim(d, randomUUID(), 'c-100-20', T0))).toBe('MEMBER_NOT_FOUND');
        expect(await refusal(claim(d, a.id, 'no-such-coupon', T0))).toBe('COUPON_NOT_FOUND');
        // The total cannot be lowered below what was handed out; raising it lets 王五 claim.
        expect(await refusal(saveCoupon(d, coupon({ totalLimit: 1 }), 'admin', T0))).toBe('INVALID_INPUT');
        await saveCoupon(d, coupon({ totalLimit: 3 }), 'admin', T0);
        expect((await claim(d, c.id, 'c-100-20', T0)).created).toBe(true);
        expect((await counts(d)).claims).toBe(3);
      });

      it('refuses bad coupons and displays with INVALID_INPUT naming the field, and changes nothing', async () => {
        const d = await db(await kind.target());
        const before = await counts(d);
        const bad: unknown[] = [
          { ...coupon(), offer: { kind: 'amountOff', threshold: 10_000, off: 0 } },
          { ...coupon(), offer: { kind: 'percentOff', percent: 100, cap: null, threshold: 0 } },
          { ...coupon(), offer: { kind: 'amountOff', threshold: 100.5, off: 20 } },
          { ...coupon(), scope: { kind: 'items', itemIds: [] } },
          { ...coupon(), titleZh: '' },
          { ...coupon(), titleZh: 'bad\u001b@title' },
          { ...coupon(), perMemberLimit: 0 },
          { ...coupon(), validFrom: '2026-12-05 00:00', validTo: '2026-12-04 00:00' },
          { ...coupon(), validFrom: 'tomorrow' },
          { ...coupon(), validFrom: '2026-12-04 00:00', timeZone: 'Mars/Olympus' },
          { ...coupon(), validFrom: null, validTo: null, timeZone: 'Mars/Olympus' },
          { ...coupon(), id: 'has space' },
          { ...coupon(), extra: true },
          null,
        ];
        for (const body of bad) expect(await refusal(saveCoupon(d, body, 'admin', T0)), JSON.stringify(body)).toBe('INVALID_INPUT');
        await saveCoupon(d, coupon(), 'admin', T0);
        await withdrawCoupon(d, 'c-100-20', 'admin', T0);
        expect(await refusal(saveDisplay(d, { id: 'd1', titleZh: '', titleEn: '', itemIds: ['x'], textZh: '', textEn: '', imageUrl: null, sort: 0 }, 'admin', T0))).toBe('INVALID_INPUT');
        expect(await refusal(saveDisplay(d, { id: 'd1', titleZh: '新品', titleEn: 'New', itemIds: [], textZh: '', textEn: '', imageUrl: null, sort: 0 }, 'admin', T0))).toBe('INVALID_INPUT');
        expect(await refusal(saveDisplay(d, { id: 'd1', titleZh: '新品', titleEn: 'New', itemIds: ['x'], textZh: '', textEn: '', imageUrl: 'http://plain.example/x.png', sort: 0 }, 'admin', T0))).toBe('INVALID_INPUT');
        expect(await refusal(withdrawCoupon(d, 'never-made', 'admin', T0))).toBe('COUPON_NOT_FOUND');
        // Only the one good coupon (saved, then withdrawn) ever reached the tables and the stream.
        expect(await counts(d)).toEqual({ coupons: before.coupons + 1, claims: 0, records: before.records + 1 });
      });

      it('publishes coupons and displays as records the terminal schema accepts; a withdrawn coupon is a deleted record and cannot be claimed', async () => {
        const d = await db(await kind.target());
        const m = await createMember(d, { number: 'CA88001234', name: '张三' }, T0);
        await saveCoupon(d, coupon({ id: 'c-80', titleZh: '8折 最高减50', offer: { kind: 'percentOff', percent: 20, cap: 5_000, threshold: 0 }, scope: { kind: 'categories', categories: ['drinks'] }, stacks: true }), 'admin', T0);
        await saveCoupon(d, coupon({ id: 'c-b2g1', titleZh: '买二送一', offer: { kind: 'buyNGetOne', buy: 2 }, scope: { kind: 'items', itemIds: ['item-tea'] }, totalLimit: null }), 'admin', T0);
        await saveDisplay(d, { id: 'd-tea', titleZh: '新茶上市', titleEn: 'New tea', itemIds: ['item-tea'], textZh: '买二送一', textEn: 'Buy 2 get 1', imageUrl: null, sort: 1 }, 'admin', T0);
        const rules = pullResponse.parse(await pullRecords(d, COUPON_RULES_STREAM, TERMINAL.storeId, 0));
        expect(rules.records.map((r) => r.id).sort()).toEqual(['c-80', 'c-b2g1']);
        for (const r of rules.records) expect(STREAM_SCHEMAS[COUPON_RULES_STREAM]!.safeParse(r.body).success).toBe(true);
        expect(couponRuleRecord.parse(rules.records.find((r) => r.id === 'c-80')!.body)).toMatchObject({ offer: { kind: 'percentOff', percent: 20, cap: 5_000 }, stacks: true });
        const displays = pullResponse.parse(await pullRecords(d, COUPON_DISPLAYS_STREAM, TERMINAL.storeId, 0));
        expect(displays.records).toHaveLength(1);
        expect(STREAM_SCHEMAS[COUPON_DISPLAYS_STREAM]!.safeParse(displays.records[0]!.body).success).toBe(true);

        await withdrawCoupon(d, 'c-80', 'admin', T0);
        const after = await pullRecords(d, COUPON_RULES_STREAM, TERMINAL.storeId, rules.cursor);
        expect(after.records).toEqual([expect.objectContaining({ id: 'c-80', deleted: true, body: null })]);
        expect(await refusal(claim(d, m.id, 'c-80', T0))).toBe('COUPON_WITHDRAWN');
        // Saving it again brings it back.
        await saveCoupon(d, coupon({ id: 'c-80', offer: { kind: 'percentOff', percent: 20, cap: 5_000, threshold: 0 } }), 'admin', T0);
        expect((await claim(d, m.id, 'c-80', T0)).created).toBe(true);
      });
    });
  }
});
