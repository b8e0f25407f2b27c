import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import vm from 'node:vm';
import { WebSocket } from 'ws';
import { cardPaymentPush } from '../../../src-main/domain/member-cards/protocol';
import { post } from '../sync/support/entries';
import { databaseKinds } from '../sync/support/databases';
import { Admin, startServer, type ServerProcess, type ServerTarget } from '../sync/support/server-process';
import { approvedMerchant, cardOf, memberWithCard, recharge } from './support/cards-server';
import { Phone } from './support/phone';

/** The member's phone page (/m/<token>) against a real server process on each database. */
describe('member pays from the phone page', () => {
  const kinds = databaseKinds();
  const running: ServerProcess[] = [];
  const sockets: WebSocket[] = [];
  afterEach(async () => {
    for (const ws of sockets.splice(0)) ws.terminate();
    await Promise.all(running.splice(0).map((s) => s.stop()));
  });
  async function serve(target: ServerTarget) {
    const s = await startServer(target);
    running.push(s);
    return s;
  }

  for (const kind of kinds) {
    describe.skipIf(!kind.available)(`on ${kind.name}`, () => {
      it('signs in by OTP, pays ¥38.50 once (retries are the same payment), the counter is pushed it and the page is live', async () => {
        const s = await serve(await kind.target());
        const admin = await Admin.signIn(s.url);
        const { merchant, stored, terminals } = await approvedMerchant(s.url, admin, 2);
        const [t, other] = terminals as [(typeof terminals)[0], (typeof terminals)[0]];
        const { card } = await memberWithCard(s.url, t, merchant.id, stored.id, '13900000010');
        await recharge(s.url, t, card.id, 10_000); // ¥100 + ¥20 bonus

        // The merchant's other terminal listens on the push channel.
        const pushed: unknown[] = [];
        const ws = new WebSocket(`${s.url.replace(/^http/, 'ws')}/api/v1/events`, { headers: { authorization: `Bearer ${other.credential}` } });
        sockets.push(ws);
        ws.on('message', (d) => pushed.push(JSON.parse(String(d))));
        await expect.poll(() => pushed.length).toBeGreaterThan(0); // hello

        const page = await fetch(new URL(merchant.qrPath, s.url));
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('洗车行 Car Wash');
        new vm.Script(await (await fetch(new URL('/m/app.js', s.url))).text()); // the page's script at least parses

        const phone = new Phone(s.url, merchant.qrPath);
        expect((await phone.api('GET', 'me')).json.error.code).toBe('UNAUTHENTICATED');
        await phone.api('POST', 'otp', { phone: '13900000010' });
        const otp = await phone.lastCode(admin, '13900000010');
        expect((await phone.api('POST', 'sign-in', { phone: '13900000010', otp: otp === '000000' ? '111111' : '000000' })).json.error.code).toBe('OTP_WRONG');
        const signedIn = await phone.api('POST', 'sign-in', { phone: '13900000010', otp });
        expect(signedIn.json.member.name).toBe('张三');
        expect((await phone.api('GET', 'me')).json.cards).toEqual([expect.objectContaining({ id: card.id, paid: 10_000, bonus: 2_000 })]);

        const live = phone.live();
        const pay = { commandId: randomUUID(), cardId: card.id, amount: 3_850 };
        const paid = await phone.api('POST', 'pay', pay);
        expect(paid.json).toMatchObject({ source: 'phone', state: 'captured', amount: 3_850, paidPart: 3_208, bonusPart: 642, card: { paid: 6_792, bonus: 1_358 } });
        // The same tap again (a lost answer) is the same payment; the same id for another amount is refused.
        expect((await phone.api('POST', 'pay', pay)).json).toEqual(paid.json);
        expect((await phone.api('POST', 'pay', { ...pay, amount: 100 })).json.error.code).toBe('COMMAND_REUSED');
        expect((await phone.api('POST', 'pay', { ...pay, commandId: randomUUID(), amount: 38.5 })).json.error.code).toBe('INVALID_INPUT');
        expect((await phone.api('POST', 'pay', { ...pay, commandId: randomUUID(), amount: 8_151 })).json.error).toMatchObject({ code: 'INSUFFICIENT_VALUE', available: 8_150 });
        expect(await cardOf(s.url, t, card.id)).toMatchObject({ paid: 6_792, bonus: 1_358 });

        // The counter got exactly one push, with the balances after.
        await expect.poll(() => pushed.filter((m) => (m as { type: string }).type === 'card.payment').length).toBe(1);
        const push = cardPaymentPush.parse(pushed.find((m) => (m as { type: string }).type === 'card.payment'));
        expect(push).toMatchObject({ merchantId: merchant.id, cardId: card.id, memberName: '张三', unit: 'CNY', amount: 3_850, paidAfter: 6_792, bonusAfter: 1_358, paymentCommandId: pay.commandId });

        // The page's live stream saw the new balance; a counter redemption shows too, without a reload.
        await expect.poll(() => live.last()?.[0]?.paid).toBe(6_792);
        const hold = { commandId: randomUUID(), cardId: card.id, amount: 1_000 };
        expect((await post(s.url, '/api/v1/cards/holds', hold, t.credential)).status).toBe(200);
        await expect.poll(() => live.last()?.[0]?.paid + live.last()?.[0]?.bonus).toBe(7_150);
        live.close();

        const history = (await phone.api('GET', `cards/${card.id}/history`)).json.movements;
        expect(history.map((m: { kind: string; amount: number }) => [m.kind, m.amount])).toEqual([
          ['payment', -3_850],
          ['recharge', 12_000],
          ['open', 0],
        ]);
        const code = (await phone.api('GET', 'code')).json;
        expect(code.svg).toContain('<svg');
        expect((await post(s.url, '/api/v1/cards/identify', { by: 'code', merchantId: merchant.id, code: code.code }, t.credential)).json.member.name).toBe('张三');

        // Suspended: the code page and the payment stop at once.
        await admin.request('POST', `/admin/api/merchants/${merchant.id}/decisions`, { action: 'suspend', reason: 'complaints' });
        const closed = await fetch(new URL(merchant.qrPath, s.url));
        expect(closed.status).toBe(403);
        expect(await closed.text()).toContain('MERCHANT_SUSPENDED');
        expect((await phone.api('POST', 'pay', { ...pay, commandId: randomUUID(), amount: 100 })).json.error.code).toBe('MERCHANT_SUSPENDED');
        expect((await fetch(new URL('/m/AAAAAAAAAAAAAAAAAAAAAA', s.url))).status).toBe(404);
      });
    });
  }
});
