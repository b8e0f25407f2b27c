import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { tempDir, type TestTerminal } from '../../support/services';
import { get, post } from '../sync/support/entries';
import { FaultProxy } from '../sync/support/fault-proxy';
import { Admin, startServer, type Json } from '../sync/support/server-process';
import { syncTerminal } from '../sync/support/terminal';
import { member } from '../value/support/value-server';

/**
 * The shop sale's coupon step end to end under Node: real terminals (services, SQLite ledgers)
 * enrolled with a real server process. Claim → reserve → local sale → confirm; a failed local sale
 * releases the claim; two terminals redeeming the same claim: exactly one wins.
 */
describe('shop sale with a claimed coupon, against the central server', () => {
  const open: { close(): Promise<unknown> }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
  });

  async function terminal(admin: Admin, storeId: string, serverUrl = admin.url, retryMs?: number) {
    const t = await syncTerminal({ pull: { pullMs: 200 }, timing: { requestTimeoutMs: 15_000 }, ...(retryMs ? { value: { retryMs } } : {}) });
    // Closed once, by the test (a restart) or after it.
    const close = t.close;
    let closing: Promise<void> | null = null;
    t.close = () => (closing ??= close());
    open.push({ close: () => t.close() });
    await t.ok('sync.enroll', { serverUrl, code: await admin.pairingCode(storeId) });
    // The same shop goods on every counter of the store (a local catalog: the ids are what coupons name).
    const shop = await t.ok<{ id: string }>('catalog.saveOutlet', { nameZh: '小卖部', nameEn: 'Shop', kind: 'shop' });
    await t.ok('catalog.saveItem', { id: 'sun-1', outletId: shop.id, nameZh: '防晒霜', nameEn: 'Sunscreen', price: 12_800, barcode: '6970000000024', category: '洗护' });
    await t.ok('catalog.saveItem', { id: 'water-1', outletId: shop.id, nameZh: '矿泉水', nameEn: 'Water', price: 300, category: '饮料' });
    await expect.poll(() => t.services.coupons.book.count(), { timeout: 30_000 }).toBe(2);
    return t;
  }

  async function setUp() {
    const s = await startServer({ dataDir: tempDir('pos-server-') });
    open.push({ close: () => s.stop() });
    const admin = await Admin.signIn(s.url);
    for (const c of [
      { id: 'sun-30', titleZh: '防晒霜立减30', titleEn: 'Sunscreen 30 off', offer: { kind: 'amountOff', threshold: 0, off: 3_000 }, scope: { kind: 'items', itemIds: ['sun-1'] }, perMemberLimit: 1, totalLimit: null },
      { id: 'all-100-20', titleZh: '满100减20', titleEn: '20 off 100', offer: { kind: 'amountOff', threshold: 10_000, off: 2_000 }, scope: { kind: 'all' }, perMemberLimit: 2, totalLimit: null },
    ]) {
      const r = await admin.request('POST', '/admin/api/coupons', c);
      expect(r.status, JSON.stringify(r.json)).toBe(200);
    }
    const store = await admin.store('Clear Spring Shop');
    const zhang = await member(admin, 'CA88001234', '13900139000', '张三', 0);
    return { s, admin, store, zhang };
  }

  const row = (t: TestTerminal, code: string) => t.services.db.sqlite.prepare(`SELECT debits_posted AS debits, credits_posted AS credits FROM ledger_account WHERE code = ?`).get(code) as { debits: number; credits: number } | undefined;
  const sales = (t: TestTerminal) => t.services.db.sqlite.prepare(`SELECT COUNT(*) FROM shop_sale`).pluck().get() as number;
  const serverClaims = async (t: TestTerminal, memberId: string) => {
    const state = t.services.db.sqlite.prepare(`SELECT server_url AS url, credential FROM sync_state`).get() as { url: string; credential: string };
    return ((await get(state.url, `/api/v1/coupons/members/${memberId}/claims?all=1`, state.credential)).json as Json).claims as { claim: { claimId: string; state: string; couponId: string } }[];
  };

  it('lists the scanned item’s coupons best first, claims, applies the best claimed coupon, confirms it on the server and books the discount net of revenue', async () => {
    const { admin, store, zhang } = await setUp();
    const t = await terminal(admin, store.id);
    const lines = [{ itemId: 'sun-1', quantity: 1 }];
    const listed = await t.ok<{ coupons: { id: string; saving: number; best: boolean }[] }>('coupons.forProduct', { itemId: 'sun-1', lines });
    expect(listed.coupons.map((c) => [c.id, c.saving, c.best])).toEqual([
      ['sun-30', 3_000, true],
      ['all-100-20', 2_000, false],
    ]);

    expect(await t.ok('coupons.findMember', { number: 'CA88001234' })).toMatchObject({ id: zhang.id, name: '张三' });
    for (const couponId of ['all-100-20', 'sun-30']) await t.ok('coupons.claim', { commandId: uuidv7(), memberId: zhang.id, couponId });
    // The per-member limit is the server's: a second sun-30 is refused with a clear message.
    expect(await t.call('coupons.claim', { commandId: uuidv7(), memberId: zhang.id, couponId: 'sun-30' })).toMatchObject({ ok: false, error: { code: 'COUPON_LIMIT_REACHED' } });

    const claims = await t.ok<{ claims: { claimId: string; coupon: { id: string } }[]; best: string[]; bestSaving: number }>('coupons.claims', { memberId: zhang.id, lines });
    const sun = claims.claims.find((c) => c.coupon.id === 'sun-30')!;
    expect(claims.best).toEqual([sun.claimId]);
    expect(claims.bestSaving).toBe(3_000);

    // Refused before anything reaches the server or the ledger: an unknown claim, two coupons that do not stack.
    const other = claims.claims.find((c) => c.coupon.id === 'all-100-20')!;
    const bad = (claimIds: string[]) => t.call('shop.sell', { commandId: uuidv7(), lines, total: 9_800, tenders: [{ method: 'cash', amount: 10_000 }], memberId: zhang.id, claimIds });
    expect(await bad(['no-such-claim'])).toMatchObject({ ok: false, error: { code: 'COUPON_CLAIM_UNKNOWN' } });
    expect(await bad([sun.claimId, other.claimId])).toMatchObject({ ok: false, error: { code: 'COUPON_NOT_STACKABLE' } });
    expect(await bad([other.claimId])).toMatchObject({ ok: false, error: { code: 'SHOP_TOTAL_CHANGED' } });
    expect(sales(t)).toBe(0);
    expect((await serverClaims(t, zhang.id)).map((c) => c.claim.state)).toEqual(['claimed', 'claimed']);

    // Checkout without naming a claim: main applies the best one itself.
    const sold = await t.ok<{ sale: Json }>('shop.sell', { commandId: uuidv7(), lines, total: 9_800, tenders: [{ method: 'cash', amount: 10_000 }], memberId: zhang.id });
    expect(sold.sale).toMatchObject({ subtotal: 12_800, discount: 3_000, total: 9_800, change: 200, couponState: 'confirmed', coupons: [{ claimId: sun.claimId, couponId: 'sun-30', saving: 3_000 }] });
    expect((await serverClaims(t, zhang.id)).find((c) => c.claim.claimId === sun.claimId)!.claim.state).toBe('redeemed');

    // The ledger: cash 98 and discounts 30 against sales 128 — the discount is not a tender.
    expect(row(t, 'tender:cash')).toEqual({ debits: 9_800, credits: 0 });
    expect(row(t, 'shop_discounts')).toEqual({ debits: 3_000, credits: 0 });
    expect(row(t, 'shop_sales')).toEqual({ debits: 0, credits: 12_800 });
    const figures = t.services.db.sqlite.prepare(`SELECT kind, key, count, amount FROM settlement_figure WHERE kind IN ('sale', 'discount', 'tender') ORDER BY kind`).all();
    expect(figures).toEqual([
      { kind: 'discount', key: 'shop', count: 1, amount: 3_000 },
      { kind: 'sale', key: 'shop', count: 1, amount: 9_800 },
      { kind: 'tender', key: 'cash', count: 0, amount: 9_800 },
    ]);
    // The day report lists the shop's sales at what was paid and the discounts apart (the Z report's rows).
    const report = await t.ok<{ report: { discounts: { count: number; amount: number } }; rows: Record<'zh-CN' | 'en', { label: string; value: string }[]> }>('settlement.report', {});
    expect(report.report.discounts).toEqual({ count: 1, amount: 3_000 });
    expect(report.rows['zh-CN'].map((r) => `${r.label} ${r.value}`)).toEqual(expect.arrayContaining([expect.stringMatching(/^商店 \(1\) .*98\.00$/), expect.stringMatching(/^折扣 \(1\) .*30\.00$/)]));
  });

  it('a local sale that fails after the reservation releases the claim on the server; nothing is booked', async () => {
    const { admin, store, zhang } = await setUp();
    const t = await terminal(admin, store.id);
    await t.ok('coupons.findMember', { number: 'CA88001234' });
    const claim = await t.ok<{ claimId: string }>('coupons.claim', { commandId: uuidv7(), memberId: zhang.id, couponId: 'sun-30' });
    // A rule of another workflow refuses the sale inside its transaction (as "no open shift" would).
    t.services.commands.guard(['shop.sell'], () => {
      throw new Error('refused inside the transaction');
    });
    const r = await t.call('shop.sell', { commandId: uuidv7(), lines: [{ itemId: 'sun-1', quantity: 1 }], total: 9_800, tenders: [{ method: 'cash', amount: 9_800 }], memberId: zhang.id, claimIds: [claim.claimId] });
    expect(r.ok).toBe(false);
    expect(sales(t)).toBe(0);
    expect(row(t, 'shop_discounts')).toBeUndefined();
    expect((await serverClaims(t, zhang.id)).find((c) => c.claim.claimId === claim.claimId)!.claim.state).toBe('claimed');
  });

  it('two terminals redeem the same claim at once: exactly one sale gets it, the other is refused with COUPON_ALREADY_USED and books nothing', async () => {
    const { admin, store, zhang } = await setUp();
    const [a, b] = [await terminal(admin, store.id), await terminal(admin, store.id)];
    for (const t of [a, b]) await t.ok('coupons.findMember', { number: 'CA88001234' });
    const claim = await a.ok<{ claimId: string }>('coupons.claim', { commandId: uuidv7(), memberId: zhang.id, couponId: 'sun-30' });
    const sell = (t: TestTerminal) => t.call('shop.sell', { commandId: uuidv7(), lines: [{ itemId: 'sun-1', quantity: 1 }], total: 9_800, tenders: [{ method: 'bank_card', amount: 9_800 }], memberId: zhang.id, claimIds: [claim.claimId] });
    const results = await Promise.all([sell(a), sell(b)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const lost = results.find((r) => !r.ok)!;
    expect(lost).toMatchObject({ ok: false, error: { code: 'COUPON_ALREADY_USED' } });
    expect(sales(a) + sales(b)).toBe(1);
    expect((await serverClaims(a, zhang.id)).find((c) => c.claim.claimId === claim.claimId)!.claim.state).toBe('redeemed');
    // The losing counter sells on without the coupon at the full price; naming the used claim again is
    // still "already used" (not "unknown"), however the race went.
    const loser = results[0]!.ok ? b : a;
    expect(await sell(loser)).toMatchObject({ ok: false, error: { code: 'COUPON_ALREADY_USED' } });
    const full = await loser.ok<{ sale: Json }>('shop.sell', { commandId: uuidv7(), lines: [{ itemId: 'sun-1', quantity: 1 }], total: 12_800, tenders: [{ method: 'bank_card', amount: 12_800 }], memberId: zhang.id, claimIds: [] });
    expect(full.sale).toMatchObject({ discount: 0, total: 12_800, couponState: 'none' });
  });

  it('a confirm that does not get through leaves the sale made with its coupon pending; the counter confirms it once the server answers, without a restart', async () => {
    const { s, admin, store, zhang } = await setUp();
    const proxy = await FaultProxy.start(s.url);
    open.push(proxy);
    proxy.only = '/api/v1/coupons/claims/';
    proxy.endsWith = '/confirm';
    const t = await terminal(admin, store.id, proxy.url, 300);
    await t.ok('coupons.findMember', { number: 'CA88001234' });
    const claim = await t.ok<{ claimId: string }>('coupons.claim', { commandId: uuidv7(), memberId: zhang.id, couponId: 'sun-30' });
    proxy.mode = 'error500';
    const sold = await t.ok<{ sale: Json }>('shop.sell', { commandId: uuidv7(), lines: [{ itemId: 'sun-1', quantity: 1 }], total: 9_800, tenders: [{ method: 'mobile', amount: 9_800 }], memberId: zhang.id, claimIds: [claim.claimId] });
    expect(sold.sale).toMatchObject({ total: 9_800, couponState: 'pending' });
    expect((await serverClaims(t, zhang.id)).find((c) => c.claim.claimId === claim.claimId)!.claim.state).toBe('reserved');
    proxy.mode = 'pass';
    await expect.poll(() => t.services.shop.sale(sold.sale.id as string).couponState, { timeout: 20_000 }).toBe('confirmed');
    expect((await serverClaims(t, zhang.id)).find((c) => c.claim.claimId === claim.claimId)!.claim.state).toBe('redeemed');
  });

  it('a reservation given back before the late confirm (the server swept it): the sale is reported as the claim’s use and ends confirmed', async () => {
    const { s, admin, store, zhang } = await setUp();
    const proxy = await FaultProxy.start(s.url);
    open.push(proxy);
    proxy.only = '/api/v1/coupons/claims/';
    proxy.endsWith = '/confirm';
    const t = await terminal(admin, store.id, proxy.url, 300);
    await t.ok('coupons.findMember', { number: 'CA88001234' });
    const claim = await t.ok<{ claimId: string }>('coupons.claim', { commandId: uuidv7(), memberId: zhang.id, couponId: 'sun-30' });
    proxy.mode = 'error500';
    const sold = await t.ok<{ sale: Json }>('shop.sell', { commandId: uuidv7(), lines: [{ itemId: 'sun-1', quantity: 1 }], total: 9_800, tenders: [{ method: 'mobile', amount: 9_800 }], memberId: zhang.id, claimIds: [claim.claimId] });
    expect(sold.sale).toMatchObject({ couponState: 'pending' });
    // What the server's sweep does to a reservation that ran out: the claim is the member's again.
    const state = t.services.db.sqlite.prepare(`SELECT credential FROM sync_state`).get() as { credential: string };
    expect((await post(s.url, `/api/v1/coupons/claims/${claim.claimId}/release`, { saleCommandId: sold.sale.commandId }, state.credential)).status).toBe(200);
    proxy.mode = 'pass';
    await expect.poll(() => t.services.shop.sale(sold.sale.id as string).couponState, { timeout: 20_000 }).toBe('confirmed');
    expect((await serverClaims(t, zhang.id)).find((c) => c.claim.claimId === claim.claimId)!.claim.state).toBe('redeemed');
  });

  it('a confirm still pending when the counter closes is confirmed at the next start', async () => {
    const { s, admin, store, zhang } = await setUp();
    const proxy = await FaultProxy.start(s.url);
    open.push(proxy);
    proxy.only = '/api/v1/coupons/claims/';
    proxy.endsWith = '/confirm';
    const t = await terminal(admin, store.id, proxy.url);
    await t.ok('coupons.findMember', { number: 'CA88001234' });
    const claim = await t.ok<{ claimId: string }>('coupons.claim', { commandId: uuidv7(), memberId: zhang.id, couponId: 'sun-30' });
    proxy.mode = 'error500';
    const sold = await t.ok<{ sale: Json }>('shop.sell', { commandId: uuidv7(), lines: [{ itemId: 'sun-1', quantity: 1 }], total: 9_800, tenders: [{ method: 'mobile', amount: 9_800 }], memberId: zhang.id, claimIds: [claim.claimId] });
    expect(sold.sale).toMatchObject({ total: 9_800, couponState: 'pending' });
    expect((await serverClaims(t, zhang.id)).find((c) => c.claim.claimId === claim.claimId)!.claim.state).toBe('reserved');

    // The counter restarts with the server reachable: recovery at start confirms the reservation.
    proxy.mode = 'pass';
    const dataDir = t.dataDir;
    await t.close();
    const again = await syncTerminal({ dataDir, fresh: false, pull: { pullMs: 200 } });
    open.push({ close: () => again.close() });
    await expect.poll(() => again.services.shop.sale(sold.sale.id as string).couponState, { timeout: 20_000 }).toBe('confirmed');
    expect((await serverClaims(again, zhang.id)).find((c) => c.claim.claimId === claim.claimId)!.claim.state).toBe('redeemed');
  });
});
