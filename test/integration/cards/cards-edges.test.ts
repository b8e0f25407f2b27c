import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { MEMBER_CODE_CLOCK_SKEW_MS, MEMBER_CODE_LIFETIME_MS } from '../../../src-main/domain/members/member-code';
import { MemberCodes } from '../../../src-server/cards/member-code-key';
import { post } from '../sync/support/entries';
import { databaseKinds } from '../sync/support/databases';
import { Admin, startServer, type ServerProcess } from '../sync/support/server-process';
import { approvedMerchant, cardOf, inProcessServer, memberWithCard, recharge } from './support/cards-server';

/** Concurrency on one card, and the time edges (member code, reversal window, punch expiry) on each database. */
describe('member cards: concurrency and time edges', () => {
  const kinds = databaseKinds();
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((c) => c()));
  });

  for (const kind of kinds) {
    describe.skipIf(!kind.available)(`on ${kind.name}`, () => {
      it('100 concurrent redemptions on one card from three terminals never overdraw; each succeeds or fails exactly once', async () => {
        const s: ServerProcess = await startServer(await kind.target());
        cleanups.push(async () => void (await s.stop()));
        const admin = await Admin.signIn(s.url);
        const { merchant, stored, terminals } = await approvedMerchant(s.url, admin, 3);
        const { card } = await memberWithCard(s.url, terminals[0]!, merchant.id, stored.id, '13900000020');
        await recharge(s.url, terminals[0]!, card.id, 10_000); // 10,000 paid + 2,000 bonus = 80 holds of 150

        const holds = Array.from({ length: 100 }, (_, i) => ({ t: terminals[i % 3]!, body: { commandId: uuidv7(), cardId: card.id, amount: 150 } }));
        const first = await Promise.all(holds.map((h) => post(s.url, '/api/v1/cards/holds', h.body, h.t.credential)));
        const held = first.filter((r) => r.status === 200);
        const refused = first.filter((r) => r.status !== 200);
        expect(held.length).toBe(80);
        for (const r of refused) expect(r.json.error.code).toBe('INSUFFICIENT_VALUE');
        expect(await cardOf(s.url, terminals[1]!, card.id)).toMatchObject({ paid: 0, bonus: 0 });
        // Paid and bonus taken add up exactly to what was held.
        expect(held.reduce((n, r) => n + r.json.paidPart, 0)).toBe(10_000);
        expect(held.reduce((n, r) => n + r.json.bonusPart, 0)).toBe(2_000);

        // Every retry (from another terminal of the store, too) gets its first answer: nothing is taken twice.
        const again = await Promise.all(holds.map((h, i) => post(s.url, '/api/v1/cards/holds', h.body, terminals[(i + 1) % 3]!.credential)));
        again.forEach((r, i) => expect([r.status, r.json.error?.code ?? r.json.paidPart]).toEqual([first[i]!.status, first[i]!.json.error?.code ?? first[i]!.json.paidPart]));

        // Captures race with voids of the same holds: each hold ends exactly one way.
        const ids = holds.filter((_, i) => first[i]!.status === 200).map((h) => h.body.commandId);
        const steps = await Promise.all(ids.flatMap((id, i) => [post(s.url, `/api/v1/cards/holds/${id}/capture`, {}, terminals[i % 3]!.credential), post(s.url, `/api/v1/cards/holds/${id}/void`, {}, terminals[(i + 1) % 3]!.credential)]));
        let voided = 0;
        for (let i = 0; i < ids.length; i++) {
          const [c, v] = [steps[2 * i]!, steps[2 * i + 1]!];
          expect([c.status, v.status].filter((x) => x === 200)).toHaveLength(1);
          expect((c.status === 200 ? v : c).json.error.code).toBe('HOLD_NOT_OPEN');
          if (v.status === 200) voided++;
        }
        const after = await cardOf(s.url, terminals[2]!, card.id);
        expect(after.paid + after.bonus).toBe(voided * 150);
      });

      it('time edges: a member code expires after its minute (plus skew), a reversal only within the window, a punch card at its expiry', async () => {
        // Near the real time: the value ledger checks hold expiry against its own clock.
        const clock = { now: Date.now() };
        const srv = await inProcessServer(await kind.target(), clock);
        cleanups.push(() => srv.close());
        const admin = await Admin.signIn(srv.url);
        const { merchant, stored, punch, terminals } = await approvedMerchant(srv.url, admin);
        const t = terminals[0]!;
        const { member, card } = await memberWithCard(srv.url, t, merchant.id, stored.id, '13900000021');
        await recharge(srv.url, t, card.id, 10_000);

        const code = await new MemberCodes(srv.db).issue(member.id, new Date(clock.now));
        const identify = () => post(srv.url, '/api/v1/cards/identify', { by: 'code', merchantId: merchant.id, code }, t.credential);
        const start = clock.now;
        clock.now = start + MEMBER_CODE_LIFETIME_MS + MEMBER_CODE_CLOCK_SKEW_MS - 1;
        expect((await identify()).json.member.id).toBe(member.id);
        clock.now = start + MEMBER_CODE_LIFETIME_MS + MEMBER_CODE_CLOCK_SKEW_MS;
        expect((await identify()).json.error.code).toBe('CODE_EXPIRED');
        expect((await post(srv.url, '/api/v1/cards/identify', { by: 'code', merchantId: merchant.id, code: code.slice(0, -4) + 'AAAA' }, t.credential)).json.error.code).toBe('CODE_INVALID');

        // Two payments of ¥10 (833 paid + 167 bonus each) captured now; the window is 10 minutes, its last millisecond included.
        const pay = async () => {
          const id = uuidv7();
          await post(srv.url, '/api/v1/cards/holds', { commandId: id, cardId: card.id, amount: 1_000 }, t.credential);
          expect((await post(srv.url, `/api/v1/cards/holds/${id}/capture`, {}, t.credential)).status).toBe(200);
          return id;
        };
        const [a, b] = [await pay(), await pay()];
        const captured = clock.now;
        clock.now = captured + 10 * 60_000;
        const rev = { commandId: uuidv7(), reason: '顾客取消 customer cancelled' };
        const reversed = await post(srv.url, `/api/v1/cards/payments/${a}/reverse`, rev, t.credential);
        expect(reversed.json).toMatchObject({ state: 'reversed', card: { paid: 9_167, bonus: 1_833 } });
        expect((await post(srv.url, `/api/v1/cards/payments/${a}/reverse`, rev, t.credential)).json).toEqual(reversed.json);
        expect((await post(srv.url, `/api/v1/cards/payments/${a}/reverse`, { commandId: uuidv7() }, t.credential)).json.error.code).toBe('NOT_REVERSIBLE');
        clock.now = captured + 10 * 60_000 + 1;
        expect((await post(srv.url, `/api/v1/cards/payments/${b}/reverse`, { commandId: uuidv7() }, t.credential)).json.error.code).toBe('REVERSAL_WINDOW_OVER');
        expect(await cardOf(srv.url, t, card.id)).toMatchObject({ paid: 9_167, bonus: 1_833 });

        // A punch card valid 365 days: usable on its last millisecond, expired from then on.
        const opened = await post(srv.url, '/api/v1/cards/cards', { commandId: uuidv7(), merchantId: merchant.id, memberId: member.id, productId: punch.id, tender: 'cash' }, t.credential);
        const expiresAt = Date.parse(opened.json.card.expiresAt);
        expect(expiresAt - clock.now).toBe(365 * 86_400_000);
        clock.now = expiresAt - 1;
        expect((await post(srv.url, '/api/v1/cards/holds', { commandId: uuidv7(), cardId: opened.json.card.id, amount: 1 }, t.credential)).status).toBe(200);
        clock.now = expiresAt;
        expect((await post(srv.url, '/api/v1/cards/holds', { commandId: uuidv7(), cardId: opened.json.card.id, amount: 1 }, t.credential)).json.error.code).toBe('CARD_EXPIRED');
      });
    });
  }
});
