import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openServerDb } from '../../../src-server/db';
import { databaseKinds } from '../sync/support/databases';
import { get, post } from '../sync/support/entries';
import { Admin, startServer, type ServerProcess, type ServerTarget } from '../sync/support/server-process';
import { enrollRaw, member } from './support/value-server';

/** The terminal routes of customer value (/api/v1/value), against a real server process on each database. */
describe('value routes', () => {
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

  for (const kind of kinds) {
    describe.skipIf(!kind.available)(`on ${kind.name}`, () => {
      it('finds a member by number or phone for an enrolled terminal only, showing the phone by its last digits', async () => {
        const s = await serve(await kind.target());
        const admin = await Admin.signIn(s.url);
        const t = await enrollRaw(s.url, admin);
        await member(admin, 'CA1001', '13900000001', '张三', 12_000);
        const byNumber = await get(s.url, '/api/v1/value/members?number=ca1001', t.credential);
        expect(byNumber.status).toBe(200);
        expect(byNumber.json.member).toMatchObject({ number: 'CA1001', name: '张三', phoneTail: '0001', balances: [{ unit: 'MILES', balance: 12_000, held: 0, available: 12_000 }] });
        expect(JSON.stringify(byNumber.json)).not.toContain('13900000001');
        expect((await get(s.url, '/api/v1/value/members?phone=13900000001', t.credential)).json.member.number).toBe('CA1001');
        const unknown = await get(s.url, '/api/v1/value/members?number=XX9999', t.credential);
        expect(unknown).toMatchObject({ status: 404, json: { error: { code: 'MEMBER_NOT_FOUND' } } });
        expect((await get(s.url, '/api/v1/value/members?number=CA1001')).json.error.code).toBe('UNAUTHENTICATED');
        expect((await get(s.url, '/api/v1/value/members?number=a', t.credential)).json.error.code).toBe('INVALID_INPUT');
        // The back office refuses a member without a session, and a second member with the same number.
        expect((await post(s.url, '/admin/api/members', { number: 'CA2002', name: 'x' })).status).toBe(401);
        expect((await admin.request('POST', '/admin/api/members', { number: 'CA1001', name: 'Again' })).status).toBe(409);
      });

      it('holds, captures and voids idempotently by the terminal command id; history shows what was bought', async () => {
        const s = await serve(await kind.target());
        const admin = await Admin.signIn(s.url);
        const t = await enrollRaw(s.url, admin);
        const m = await member(admin, 'CA1002', '13900000002', 'Li', 10_000);
        const commandId = uuidv7();
        const body = { commandId, memberId: m.id, unit: 'MILES', amount: 3_000, memo: 'extra baggage CA1501 PEK-SHA' };
        const first = await post(s.url, '/api/v1/value/holds', body, t.credential);
        expect(first.status).toBe(200);
        expect(first.json).toMatchObject({ commandId, state: 'held', amount: 3_000, balance: { balance: 10_000, held: 3_000, available: 7_000 } });
        // A retry (lost answer) holds nothing more and answers the same hold.
        const again = await post(s.url, '/api/v1/value/holds', body, t.credential);
        expect(again.json.holdId).toBe(first.json.holdId);
        expect((await post(s.url, '/api/v1/value/holds', { ...body, amount: 3_001 }, t.credential)).json.error.code).toBe('COMMAND_REUSED');
        expect((await get(s.url, '/api/v1/value/holds', t.credential)).json.holds).toEqual([expect.objectContaining({ commandId, amount: 3_000 })]);

        const captured = await post(s.url, `/api/v1/value/holds/${commandId}/capture`, {}, t.credential);
        expect(captured.json).toMatchObject({ state: 'captured', balance: { balance: 7_000, held: 0, available: 7_000 } });
        expect((await post(s.url, `/api/v1/value/holds/${commandId}/capture`, {}, t.credential)).json).toEqual(captured.json);
        expect((await post(s.url, `/api/v1/value/holds/${commandId}/void`, {}, t.credential)).json.error).toMatchObject({ code: 'HOLD_NOT_OPEN', state: 'captured' });
        expect((await get(s.url, '/api/v1/value/holds', t.credential)).json.holds).toEqual([]);

        const voidId = uuidv7();
        await post(s.url, '/api/v1/value/holds', { ...body, commandId: voidId, amount: 500 }, t.credential);
        const voided = await post(s.url, `/api/v1/value/holds/${voidId}/void`, {}, t.credential);
        expect(voided.json).toMatchObject({ state: 'voided', balance: { balance: 7_000, held: 0 } });
        expect((await post(s.url, `/api/v1/value/holds/${voidId}/capture`, {}, t.credential)).json.error.code).toBe('HOLD_NOT_OPEN');
        // The hold repeated after its void answers as the hold is now, not as it was.
        expect((await post(s.url, '/api/v1/value/holds', { ...body, commandId: voidId, amount: 500 }, t.credential)).json).toMatchObject({ state: 'voided', balance: { held: 0 } });

        const history = await get(s.url, `/api/v1/value/members/${m.id}/history?unit=MILES`, t.credential);
        expect(history.json.movements).toEqual([
          expect.objectContaining({ amount: -3_000, kind: 'redemption', memo: 'extra baggage CA1501 PEK-SHA' }),
          expect.objectContaining({ amount: 10_000, kind: 'credit' }),
        ]);
      });

      it('refuses a hold over the available miles with what is available, and remembers the refusal for a retry', async () => {
        const s = await serve(await kind.target());
        const admin = await Admin.signIn(s.url);
        const t = await enrollRaw(s.url, admin);
        const m = await member(admin, 'CA1003', '13900000003', 'Wang', 800);
        const body = { commandId: uuidv7(), memberId: m.id, unit: 'MILES', amount: 801 };
        const refused = await post(s.url, '/api/v1/value/holds', body, t.credential);
        expect(refused).toMatchObject({ status: 409, json: { error: { code: 'INSUFFICIENT_VALUE', available: 800, requested: 801 } } });
        await admin.request('POST', `/admin/api/members/${m.id}/credit`, { commandId: randomUUID(), unit: 'MILES', amount: 1_000 });
        // The same command again: the same refusal, even though the miles are there now (a new sale needs a new id).
        expect((await post(s.url, '/api/v1/value/holds', body, t.credential)).json.error.code).toBe('INSUFFICIENT_VALUE');
        expect((await post(s.url, '/api/v1/value/holds', { ...body, commandId: uuidv7() }, t.credential)).status).toBe(200);
        expect((await post(s.url, '/api/v1/value/holds', { ...body, commandId: uuidv7(), amount: 0 }, t.credential)).json.error.code).toBe('INVALID_INPUT');
        expect((await post(s.url, '/api/v1/value/holds', { ...body, commandId: uuidv7(), memberId: 'nobody' }, t.credential)).json.error.code).toBe('MEMBER_NOT_FOUND');
      });

      it('a terminal acts only for its own store; a void that arrives before its hold makes the late hold fail; a refund returns the miles once', async () => {
        const s = await serve(await kind.target());
        const admin = await Admin.signIn(s.url);
        const t = await enrollRaw(s.url, admin);
        const sameStore = await enrollRaw(s.url, admin, t.storeId);
        const other = await enrollRaw(s.url, admin);
        const m = await member(admin, 'CA1004', '13900000004', 'Zhao', 5_000);
        const commandId = uuidv7();
        await post(s.url, '/api/v1/value/holds', { commandId, memberId: m.id, unit: 'MILES', amount: 2_000 }, t.credential);
        expect((await post(s.url, `/api/v1/value/holds/${commandId}/capture`, {}, other.credential)).json.error.code).toBe('HOLD_NOT_FOUND');
        expect((await post(s.url, `/api/v1/value/holds/${commandId}/void`, {}, other.credential)).json.error.code).toBe('HOLD_NOT_FOUND');
        expect((await get(s.url, '/api/v1/value/holds', other.credential)).json.holds).toEqual([]);
        await post(s.url, `/api/v1/value/holds/${commandId}/capture`, {}, t.credential);

        // A refund from another counter of the same store, once; a retry of it answers the same.
        const refundId = uuidv7();
        expect((await post(s.url, `/api/v1/value/holds/${commandId}/refund`, { commandId: refundId }, other.credential)).json.error.code).toBe('HOLD_NOT_FOUND');
        const refunded = await post(s.url, `/api/v1/value/holds/${commandId}/refund`, { commandId: refundId }, sameStore.credential);
        expect(refunded.json).toMatchObject({ state: 'refunded', balance: { balance: 5_000, available: 5_000 } });
        expect((await post(s.url, `/api/v1/value/holds/${commandId}/refund`, { commandId: refundId }, sameStore.credential)).json).toEqual(refunded.json);
        expect((await post(s.url, `/api/v1/value/holds/${commandId}/refund`, { commandId: uuidv7() }, t.credential)).json.error).toMatchObject({ code: 'NOT_REFUNDABLE', state: 'refunded' });

        const late = uuidv7();
        expect((await post(s.url, `/api/v1/value/holds/${late}/void`, {}, t.credential)).json.error.code).toBe('HOLD_NOT_FOUND');
        expect((await post(s.url, '/api/v1/value/holds', { commandId: late, memberId: m.id, unit: 'MILES', amount: 100 }, t.credential)).json.error.code).toBe('COMMAND_REUSED');
        expect((await get(s.url, `/api/v1/value/members?number=CA1004`, t.credential)).json.member.balances[0]).toMatchObject({ balance: 5_000, held: 0 });
      });

      it('concurrent redemptions on one account from two terminals never overdraw it', async () => {
        const target = await kind.target();
        const s = await serve(target);
        const admin = await Admin.signIn(s.url);
        const a = await enrollRaw(s.url, admin);
        const b = await enrollRaw(s.url, admin, a.storeId);
        const m = await member(admin, 'CA1005', '13900000005', 'Sun', 20_000);
        // 40 redemptions of 1,000 miles at once, each hold then capture: exactly 20 can pass.
        const results = await Promise.all(
          Array.from({ length: 40 }, async (_, i) => {
            const t = i % 2 ? a : b;
            const commandId = uuidv7();
            const held = await post(s.url, '/api/v1/value/holds', { commandId, memberId: m.id, unit: 'MILES', amount: 1_000 }, t.credential);
            if (held.status !== 200) return held.json.error.code as string;
            const captured = await post(s.url, `/api/v1/value/holds/${commandId}/capture`, {}, t.credential);
            return captured.status === 200 ? 'ok' : (captured.json.error.code as string);
          }),
        );
        expect(results.filter((r) => r === 'ok')).toHaveLength(20);
        expect(results.filter((r) => r !== 'ok').every((r) => r === 'INSUFFICIENT_VALUE')).toBe(true);
        const db = await openServerDb(target);
        try {
          const rows = await db.all<{ id: string; balance: number | string; held: number | string }>(`SELECT id, balance, held FROM value_account WHERE unit = 'MILES'`);
          const mine = rows.find((r) => r.id === `member:${m.id}:MILES`)!;
          expect([Number(mine.balance), Number(mine.held)]).toEqual([0, 0]);
          expect(rows.reduce((sum, r) => sum + Number(r.balance), 0)).toBe(0);
        } finally {
          await db.close();
        }
      });
    });
  }
});
