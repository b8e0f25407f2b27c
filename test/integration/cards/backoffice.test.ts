import { afterEach, describe, expect, it } from 'vitest';
import vm from 'node:vm';
import { v7 as uuidv7 } from 'uuid';
import { post } from '../sync/support/entries';
import { databaseKinds } from '../sync/support/databases';
import { Admin, startServer, type ServerProcess } from '../sync/support/server-process';
import { approvedMerchant, memberWithCard, recharge } from './support/cards-server';

/** The back office's member-cards page: its pages, the members' cards with balances, and the live stream that keeps them current. */
describe('member cards in the back office', () => {
  const kinds = databaseKinds();
  const running: ServerProcess[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  });

  for (const kind of kinds) {
    describe.skipIf(!kind.available)(`on ${kind.name}`, () => {
      it('lists the merchant cards with balances and tells the open page when any card changes', async () => {
        const s = await startServer(await kind.target());
        running.push(s);
        const admin = await Admin.signIn(s.url);
        const { merchant, stored, terminals } = await approvedMerchant(s.url, admin);
        const t = terminals[0]!;
        const { card } = await memberWithCard(s.url, t, merchant.id, stored.id, '13900000030');
        for (const p of ['/admin/merchants', '/admin/merchants.js']) expect((await fetch(new URL(p, s.url))).status).toBe(200);
        new vm.Script(await (await fetch(new URL('/admin/merchants.js', s.url))).text()); // the page's script at least parses
        expect((await fetch(new URL(`/admin/api/merchants/${merchant.id}/cards`, s.url))).status).toBe(401);

        // The page's live stream (the admin's session cookie, as the browser sends it).
        const cookie = (admin as unknown as { cookie: string }).cookie;
        const ctl = new AbortController();
        const seen: string[] = [];
        const res = await fetch(new URL('/admin/api/cards/live', s.url), { headers: { cookie }, signal: ctl.signal });
        expect(res.status).toBe(200);
        void (async () => {
          const reader = res.body!.getReader();
          try {
            for (;;) {
              const { value, done } = await reader.read();
              if (done) return;
              seen.push(Buffer.from(value).toString('utf8'));
            }
          } catch {
            // aborted
          }
        })();
        await expect.poll(() => seen.join('')).toContain(': open');

        await recharge(s.url, t, card.id, 20_000);
        await expect.poll(() => seen.join('')).toContain('event: changed');
        const id = uuidv7();
        await post(s.url, '/api/v1/cards/holds', { commandId: id, cardId: card.id, amount: 5_000 }, t.credential);
        await post(s.url, `/api/v1/cards/holds/${id}/capture`, {}, t.credential);
        const list = (await admin.request('GET', `/admin/api/merchants/${merchant.id}/cards`)).json;
        // ¥200 → +¥50; ¥50 taken in proportion: 4,000 paid + 1,000 bonus.
        expect(list).toEqual([expect.objectContaining({ card: expect.objectContaining({ id: card.id, paid: 16_000, bonus: 4_000 }), member: expect.objectContaining({ name: '张三' }) })]);
        ctl.abort();
      });
    });
  }
});
