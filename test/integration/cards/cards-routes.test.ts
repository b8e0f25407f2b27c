import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { get, post } from '../sync/support/entries';
import { databaseKinds } from '../sync/support/databases';
import { Admin, startServer, type ServerProcess, type ServerTarget } from '../sync/support/server-process';
import { enrollRaw } from '../value/support/value-server';
import { approvedMerchant, cardOf, memberWithCard, recharge } from './support/cards-server';

/** The member-cards routes (/api/v1/cards, /admin/api/merchants) against a real server process on each database. */
describe('member cards on the central server', () => {
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
      it('a merchant is approved with an audited decision and a stable QR token; suspended, its cards and code stop at once', async () => {
        const s = await serve(await kind.target());
        const admin = await Admin.signIn(s.url);
        const { merchant, stored, terminals } = await approvedMerchant(s.url, admin);
        const t = terminals[0]!;
        expect(merchant.state).toBe('approved');
        expect(merchant.qrToken).toMatch(/^[A-Za-z0-9_-]{22}$/); // 16 random bytes
        expect(merchant.qrPath).toBe(`/m/${merchant.qrToken}`);
        expect((await get(s.url, '/api/v1/cards/merchants', t.credential)).json.merchants).toEqual([expect.objectContaining({ id: merchant.id, state: 'approved', qrToken: merchant.qrToken, reversalMinutes: 10 })]);
        const { card } = await memberWithCard(s.url, t, merchant.id, stored.id, '13900000001');

        // A reject or suspend without a reason is refused, and nothing changes.
        expect((await admin.request('POST', `/admin/api/merchants/${merchant.id}/decisions`, { action: 'suspend' })).json.error.code).toBe('INVALID_INPUT');
        const suspended = await admin.request('POST', `/admin/api/merchants/${merchant.id}/decisions`, { action: 'suspend', reason: '投诉 complaints' });
        expect(suspended.json.state).toBe('suspended');
        const refused = await post(s.url, '/api/v1/cards/holds', { commandId: uuidv7(), cardId: card.id, amount: 100 }, t.credential);
        expect(refused).toMatchObject({ status: 403, json: { error: { code: 'MERCHANT_SUSPENDED' } } });
        // Reinstated, the same token works again (the poster stays valid).
        const back = await admin.request('POST', `/admin/api/merchants/${merchant.id}/decisions`, { action: 'reinstate', reason: 'resolved' });
        expect(back.json).toMatchObject({ state: 'approved', qrToken: merchant.qrToken });
        const list = (await admin.request('GET', '/admin/api/merchants')).json;
        expect(list[0].audit.map((a: { action: string; username: string; reason: string }) => [a.action, a.username, a.reason])).toEqual([
          ['apply', 'admin', ''],
          ['approve', 'admin', ''],
          ['suspend', 'admin', '投诉 complaints'],
          ['reinstate', 'admin', 'resolved'],
        ]);
        // An unapproved (rejected) merchant gives no code and cannot be used by a terminal.
        const other = await admin.request('POST', '/admin/api/merchants', { storeId: t.storeId, name: 'Other' });
        expect(other.json.qrToken).toBeNull();
        await admin.request('POST', `/admin/api/merchants/${other.json.id}/decisions`, { action: 'reject', reason: '资料不全 incomplete' });
        expect((await get(s.url, `/api/v1/cards/merchants/${other.json.id}/products`, t.credential)).json.error.code).toBe('MERCHANT_NOT_APPROVED');
        // Without a session the back office refuses.
        expect((await post(s.url, '/admin/api/merchants', { storeId: t.storeId, name: 'x' })).status).toBe(401);
        const poster = await fetch(new URL(`/admin/merchants/${merchant.id}/poster`, s.url));
        expect(poster.status).toBe(401);
      });

      it('recharges with the tier bonus kept apart, idempotently; product edits never alter a card sold', async () => {
        const s = await serve(await kind.target());
        const admin = await Admin.signIn(s.url);
        const { merchant, stored, terminals } = await approvedMerchant(s.url, admin);
        const t = terminals[0]!;
        const { card } = await memberWithCard(s.url, t, merchant.id, stored.id, '13900000002');
        // The merchant changes its tiers after the sale: the card keeps ¥100 → +¥20.
        expect((await admin.request('PUT', `/admin/api/card-products/${stored.id}`, { name: 'new', terms: { kind: 'stored', tiers: [{ pay: 10_000, bonus: 5_000 }] }, active: true })).status).toBe(200);
        const body = { commandId: uuidv7(), cardId: card.id, amount: 10_000, tender: 'mobile' };
        const first = await post(s.url, '/api/v1/cards/recharges', body, t.credential);
        expect(first.json).toMatchObject({ paid: 10_000, bonus: 2_000, card: { paid: 10_000, bonus: 2_000, terms: { tiers: [{ pay: 10_000, bonus: 2_000 }, { pay: 20_000, bonus: 5_000 }] } } });
        expect((await post(s.url, '/api/v1/cards/recharges', body, t.credential)).json).toEqual(first.json);
        expect((await post(s.url, '/api/v1/cards/recharges', { ...body, amount: 20_000 }, t.credential)).json.error.code).toBe('COMMAND_REUSED');
        const under = await recharge(s.url, t, card.id, 9_999);
        expect(under).toMatchObject({ paid: 9_999, bonus: 0, card: { paid: 19_999, bonus: 2_000 } });
        // Bad input: typed errors, nothing changed.
        for (const amount of [0, 12.5, -100, '100']) expect((await post(s.url, '/api/v1/cards/recharges', { ...body, commandId: uuidv7(), amount }, t.credential)).json.error.code).toBe('INVALID_INPUT');
        expect((await post(s.url, '/api/v1/cards/recharges', { ...body, commandId: uuidv7(), cardId: 'nope' }, t.credential)).json.error.code).toBe('CARD_NOT_FOUND');
        expect(await cardOf(s.url, t, card.id)).toMatchObject({ paid: 19_999, bonus: 2_000 });
        // Another store's terminal finds no such card.
        const stranger = await enrollRaw(s.url, admin);
        expect((await post(s.url, '/api/v1/cards/recharges', { ...body, commandId: uuidv7() }, stranger.credential)).json.error.code).toBe('CARD_NOT_FOUND');
      });

      it('redeems by hold then capture or void, paid and bonus in proportion; a punch card counts uses; a voucher is used once', async () => {
        const s = await serve(await kind.target());
        const admin = await Admin.signIn(s.url);
        const { merchant, stored, punch, voucher, terminals } = await approvedMerchant(s.url, admin);
        const t = terminals[0]!;
        const { member, card } = await memberWithCard(s.url, t, merchant.id, stored.id, '13900000003');
        await recharge(s.url, t, card.id, 10_000);
        const commandId = uuidv7();
        const held = await post(s.url, '/api/v1/cards/holds', { commandId, cardId: card.id, amount: 3_850, memo: 'wash' }, t.credential);
        expect(held.json).toMatchObject({ state: 'held', paidPart: 3_208, bonusPart: 642, card: { paid: 6_792, bonus: 1_358 } });
        const captured = await post(s.url, `/api/v1/cards/holds/${commandId}/capture`, {}, t.credential);
        expect(captured.json).toMatchObject({ state: 'captured', card: { paid: 6_792, bonus: 1_358 } });
        expect((await post(s.url, `/api/v1/cards/holds/${commandId}/capture`, {}, t.credential)).json).toEqual(captured.json);
        expect((await post(s.url, `/api/v1/cards/holds/${commandId}/void`, {}, t.credential)).json.error.code).toBe('HOLD_NOT_OPEN');
        const voidId = uuidv7();
        await post(s.url, '/api/v1/cards/holds', { commandId: voidId, cardId: card.id, amount: 8_150 }, t.credential);
        expect((await post(s.url, '/api/v1/cards/holds', { commandId: uuidv7(), cardId: card.id, amount: 1 }, t.credential)).json).toMatchObject({ error: { code: 'INSUFFICIENT_VALUE', available: 0, requested: 1 } });
        expect((await post(s.url, `/api/v1/cards/holds/${voidId}/void`, {}, t.credential)).json).toMatchObject({ state: 'voided', card: { paid: 6_792, bonus: 1_358 } });

        const p = await post(s.url, '/api/v1/cards/cards', { commandId: uuidv7(), merchantId: merchant.id, memberId: member.id, productId: punch.id, tender: 'cash' }, t.credential);
        expect(p.json).toMatchObject({ pricePaid: 30_000, card: { usesLeft: 10, state: 'active' } });
        const use = uuidv7();
        await post(s.url, '/api/v1/cards/holds', { commandId: use, cardId: p.json.card.id, amount: 2 }, t.credential);
        expect((await post(s.url, `/api/v1/cards/holds/${use}/capture`, {}, t.credential)).json).toMatchObject({ unit: 'USES', amount: 2, card: { usesLeft: 8 } });
        expect((await post(s.url, '/api/v1/cards/holds', { commandId: uuidv7(), cardId: p.json.card.id, amount: 9 }, t.credential)).json).toMatchObject({ error: { code: 'INSUFFICIENT_VALUE', available: 8 } });

        const v = await post(s.url, '/api/v1/cards/cards', { commandId: uuidv7(), merchantId: merchant.id, memberId: member.id, productId: voucher.id, tender: 'cash' }, t.credential);
        const vId = uuidv7();
        expect((await post(s.url, '/api/v1/cards/holds', { commandId: vId, cardId: v.json.card.id, amount: 3_000 }, t.credential)).json).toMatchObject({ amount: 5_000, covers: 3_000 });
        expect((await post(s.url, `/api/v1/cards/holds/${vId}/capture`, {}, t.credential)).json.card).toMatchObject({ state: 'used', paid: 0 });
        expect((await post(s.url, '/api/v1/cards/holds', { commandId: uuidv7(), cardId: v.json.card.id, amount: 100 }, t.credential)).json.error.code).toBe('CARD_USED');

        const history = (await get(s.url, `/api/v1/cards/cards/${card.id}/history`, t.credential)).json.movements;
        expect(history.map((m: { kind: string; amount: number }) => [m.kind, m.amount])).toEqual([
          ['redemption', -3_850],
          ['recharge', 12_000],
          ['open', 0],
        ]);
      });
    });
  }
});
