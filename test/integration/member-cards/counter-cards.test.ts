import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { tempDir, type TestTerminal } from '../../support/services';
import { Admin, startServer, type Json, type ServerProcess } from '../sync/support/server-process';
import { syncTerminal, type SyncTerminal } from '../sync/support/terminal';
import { derivedState, rebuildFrom } from '../journal/rebuild-support';
import { FaultProxy } from '../sync/support/fault-proxy';
import type { CardPaymentPush } from '../../../src-main/domain/member-cards/protocol';
import { Phone } from '../cards/support/phone';

/** What the counter has booked: its ledger (journal included) and the member-card mirror. */
function booked(t: TestTerminal): string {
  const db = t.services.db.sqlite;
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE 'ledger%' OR name LIKE 'member_card%') ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
  return JSON.stringify(tables.map((name) => [name, db.prepare(`SELECT * FROM "${name}"`).raw().all()]));
}
const balanceOf = (t: TestTerminal, code: string) =>
  (t.services.db.sqlite.prepare(`SELECT COALESCE(SUM(CASE p.side WHEN 'debit' THEN p.amount ELSE -p.amount END), 0) AS b FROM ledger_posting p JOIN ledger_account a ON a.id = p.account_id WHERE a.code = ?`).get(code) as { b: number }).b;

/**
 * Member cards at the counter under Node: a real terminal (services, SQLite ledger) enrolled with a
 * real central server process (SQLite) whose back office approved a merchant for the store.
 */
describe('member cards at the counter', () => {
  const open: { close(): Promise<unknown> }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
  });

  async function setUp() {
    const s: ServerProcess = await startServer({ dataDir: tempDir('pos-server-') });
    open.push({ close: () => s.stop() });
    const proxy = await FaultProxy.start(s.url);
    open.push(proxy);
    const t: SyncTerminal = await syncTerminal({ timing: {} });
    open.push({ close: () => t.close() });
    const admin = await Admin.signIn(s.url);
    const store = await admin.store('洗车行 Car Wash');
    const applied = await admin.request('POST', '/admin/api/merchants', { storeId: store.id, name: '洗车行 Car Wash', contact: '王 Wang', phone: '010-1234', address: 'Beijing' });
    const approved = await admin.request('POST', `/admin/api/merchants/${applied.json.id}/decisions`, { action: 'approve' });
    const stored = (await admin.request('POST', `/admin/api/merchants/${applied.json.id}/products`, { name: '储值卡 Stored value', terms: { kind: 'stored', tiers: [{ pay: 10_000, bonus: 2_000 }] } })).json;
    const punch = (await admin.request('POST', `/admin/api/merchants/${applied.json.id}/products`, { name: '洗车10次 10 washes', terms: { kind: 'punch', uses: 10, price: 30_000, validDays: 365 } })).json;
    await t.ok('sync.enroll', { serverUrl: proxy.url, code: await admin.pairingCode(store.id) });
    return { s, t, proxy, admin, merchantId: applied.json.id as string, qrPath: approved.json.qrPath as string, stored, punch };
  }

  it('registers a member, opens a stored-value card, recharges ¥100 (+¥20 bonus) and redeems ¥38.50 by hold → local command → capture; replays change nothing', async () => {
    const { t, stored } = await setUp();
    const status = await t.ok<Json>('memberCards.status', {});
    expect(status).toMatchObject({ connected: true, merchant: { name: '洗车行 Car Wash', state: 'approved' } });
    expect(status.phonePageUrl).toMatch(/\/m\/[A-Za-z0-9_-]{16,}$/);

    const reg = await t.ok<Json>('members.register', { phone: '13800138000', name: '张三' });
    expect(reg.member).toMatchObject({ name: '张三', phoneTail: '8000' });
    const opened = await t.ok<Json>('memberCards.open', { commandId: uuidv7(), memberId: reg.member.id, productId: stored.id, tender: 'cash' });
    const cardId = opened.card.id as string;

    const rechargeId = uuidv7();
    const recharged = await t.ok<Json>('memberCards.recharge', { commandId: rechargeId, cardId, amount: 10_000, tender: 'cash' });
    expect(recharged.movement).toMatchObject({ kind: 'recharge', paidPart: 10_000, bonusPart: 2_000, money: 10_000, paidAfter: 10_000, bonusAfter: 2_000 });
    expect(recharged.receipt).not.toBeNull();
    // Stored value sold is a liability, not revenue: cash in, the store owes it to the member.
    expect(balanceOf(t, 'tender:cash')).toBe(10_000);
    expect(balanceOf(t, 'member_cards_liability')).toBe(-10_000);
    // The same command id again: the first answer, the card credited once.
    const before = booked(t);
    await t.ok('memberCards.recharge', { commandId: rechargeId, cardId, amount: 10_000, tender: 'cash' });
    expect(booked(t)).toBe(before);
    const conflict = await t.call('memberCards.recharge', { commandId: rechargeId, cardId, amount: 20_000, tender: 'cash' });
    expect(conflict.ok || conflict.error.code).toBe('IDEMPOTENCY_CONFLICT');

    const redeemId = uuidv7();
    const paid = await t.ok<Json>('memberCards.redeem', { commandId: redeemId, cardId, amount: 3_850 });
    // Proportional split (paid share rounded down): 3850 × 100/120 = 3208.33 → 3208 paid, 642 bonus.
    expect(paid.movement).toMatchObject({ kind: 'redemption', amount: 3_850, paidPart: 3_208, bonusPart: 642, captureState: 'captured', paidAfter: 6_792, bonusAfter: 1_358 });
    expect(balanceOf(t, 'tender:member_card')).toBe(3_850);
    const entry = t.services.db.sqlite.prepare(`SELECT body FROM ledger_journal WHERE command_id = ?`).get(redeemId) as { body: string };
    expect(JSON.parse(entry.body).events).toEqual([expect.objectContaining({ type: 'memberCard.redemption.made', movement: expect.objectContaining({ commandId: redeemId, amount: 3_850 }) })]);
    const cards = await t.ok<Json>('memberCards.cards', { memberId: reg.member.id });
    expect(cards.cards[0].paid + cards.cards[0].bonus).toBe(8_150);
    // Identified again by member number, the card reads ¥81.50.
    const found = await t.ok<Json>('members.identify', { by: 'number', number: reg.member.number });
    expect(found.cards.map((c: Json) => c.paid + c.bonus)).toEqual([8_150]);

    const replay = await t.ok<Json>('memberCards.redeem', { commandId: redeemId, cardId, amount: 3_850 });
    expect(replay.movement.commandId).toBe(redeemId);
    expect((await t.ok<Json>('memberCards.cards', { memberId: reg.member.id })).cards[0].paid).toBe(6_792);

    // The day report: the card payment is a sale under the member_card tender; the recharge is stored
    // value sold (money in, a liability), apart from sales, and its cash is in the expected drawer.
    const x = (await t.ok<Json>('settlement.report', {})).report;
    expect(x.sales).toContainEqual(expect.objectContaining({ workflow: 'memberCards', count: 1, amount: 3_850 }));
    expect(x.tenders).toContainEqual(expect.objectContaining({ method: 'member_card', amount: 3_850 }));
    expect(x.recharges).toEqual([{ method: 'cash', count: 1, amount: 10_000 }]);
    expect(x.rechargesTotal).toBe(10_000);
    expect(x.salesTotal).toBe(3_850);
    expect(x.cash.expected - x.cash.float - x.cash.sales).toBe(10_000);

    // Too much: the server refuses, nothing is booked here.
    const mark = booked(t);
    const short = await t.call('memberCards.redeem', { commandId: uuidv7(), cardId, amount: 9_000 });
    expect(short.ok || short.error.code).toBe('CARDS_INSUFFICIENT');
    expect(booked(t)).toBe(mark);

    // The journal alone rebuilds the member-card mirror and every balance.
    const rebuilt = await rebuildFrom(t);
    open.push(rebuilt);
    const derived = derivedState(t.services);
    expect(derivedState(rebuilt.services)).toEqual(derived);
    expect(derived.member_card_movement).toHaveLength(3);
  });

  it('refuses a redemption offline with a clear message and books nothing; bad input and a forged member code are typed refusals', async () => {
    const { s, t, stored } = await setUp();
    const reg = await t.ok<Json>('members.register', { phone: '13800138001', name: '李四' });
    const opened = await t.ok<Json>('memberCards.open', { commandId: uuidv7(), memberId: reg.member.id, productId: stored.id, tender: 'cash' });
    await t.ok('memberCards.recharge', { commandId: uuidv7(), cardId: opened.card.id, amount: 10_000, tender: 'bankCard' });

    const before = booked(t);
    const bad = await t.call('memberCards.redeem', { commandId: uuidv7(), cardId: opened.card.id, amount: 38.5 });
    expect(bad.ok || bad.error.code).toBe('INVALID_INPUT');
    const forged = await t.call('members.identify', { by: 'code', code: 'CPM1.eyJtIjoieCIsInQiOjF9.AAAA' });
    expect(forged.ok || forged.error.code).toBe('CARDS_CODE_INVALID');
    expect(booked(t)).toBe(before);

    await s.stop();
    const r = await t.call('memberCards.redeem', { commandId: uuidv7(), cardId: opened.card.id, amount: 1_000 });
    expect(r.ok || r.error.code).toBe('VALUE_OFFLINE');
    expect(r.ok || r.error.message.en).toContain('member cards cannot be redeemed offline');
    expect(r.ok || r.error.message['zh-CN']).toContain('会员卡不能离线使用');
    expect(booked(t)).toBe(before);
  });

  it('a capture that does not reach the server leaves the sale made and pending, and recovery captures it; a manager PIN reverses a payment, a cashier PIN does not', async () => {
    const { t, proxy, stored } = await setUp();
    const reg = await t.ok<Json>('members.register', { phone: '13800138002', name: '王五' });
    const opened = await t.ok<Json>('memberCards.open', { commandId: uuidv7(), memberId: reg.member.id, productId: stored.id, tender: 'cash' });
    const cardId = opened.card.id as string;
    await t.ok('memberCards.recharge', { commandId: uuidv7(), cardId, amount: 10_000, tender: 'mobile' });

    // The capture (and only it) gets no answer: the sale stands, its capture is pending.
    proxy.only = '/api/v1/cards/holds/';
    proxy.mode = 'error500';
    const commandId = uuidv7();
    const paid = await t.ok<Json>('memberCards.redeem', { commandId, cardId, amount: 2_000 });
    expect(paid.movement.captureState).toBe('pending');
    expect(balanceOf(t, 'tender:member_card')).toBe(2_000);
    proxy.mode = 'pass';
    t.services.memberCards.start();
    await expect.poll(() => t.services.memberCards.movement(commandId).captureState, { timeout: 20_000 }).toBe('captured');
    expect((await t.ok<Json>('memberCards.cards', { memberId: reg.member.id })).cards[0]).toMatchObject({ paid: 8_334, bonus: 1_666 });

    // Reversal: a cashier's PIN approves nothing and changes nothing; the manager's gives the value back.
    const people = await t.ok<{ id: string; role: string }[]>('staff.list', {});
    const cashier = people.find((p) => p.role === 'cashier')!;
    const manager = people.find((p) => p.role === 'manager')!;
    const before = booked(t);
    const refused = await t.call('memberCards.reverse', { commandId: uuidv7(), paymentCommandId: commandId, approval: { staffId: cashier.id, pin: '1111' } });
    expect(refused.ok || refused.error.code).toBe('CARDS_APPROVAL_NOT_MANAGER');
    expect(booked(t)).toBe(before);
    const reversed = await t.ok<Json>('memberCards.reverse', { commandId: uuidv7(), paymentCommandId: commandId, approval: { staffId: manager.id, pin: '1234' } });
    expect(reversed.movement).toMatchObject({ state: 'reversed', paidAfter: 10_000, bonusAfter: 2_000 });
    expect(balanceOf(t, 'tender:member_card')).toBe(0);
    const x = (await t.ok<Json>('settlement.report', {})).report;
    expect(x.refunds).toContainEqual(expect.objectContaining({ workflow: 'memberCards', count: 1, amount: 2_000 }));
  });

  it('journals a phone payment once whatever number of times the push arrives, and announces it once', async () => {
    const { t } = await setUp();
    const said: Json[] = [];
    t.services.events.onAny((e, p) => e === 'memberCards.announce' && said.push(p as Json));
    const push: CardPaymentPush = {
      type: 'card.payment', merchantId: 'm1', cardId: 'c1', productName: '储值卡 Stored value', memberName: '张三', memberId: 'u1', unit: 'CNY',
      amount: 3_850, paidPart: 3_208, bonusPart: 642, paidAfter: 6_792, bonusAfter: 1_358, usesAfter: 0,
      paymentCommandId: '0190a0a0-0000-4000-8000-000000000001', at: new Date().toISOString(), reversibleUntil: new Date(Date.now() + 600_000).toISOString(),
    };
    expect(t.services.memberCards.applyPush(push)).toBe(true);
    const once = booked(t);
    expect(t.services.memberCards.applyPush(push)).toBe(false);
    expect(booked(t)).toBe(once);
    expect(balanceOf(t, 'tender:member_card')).toBe(3_850);
    expect(said).toHaveLength(1);
    expect(said[0]!.zh).toEqual({ text: '会员卡收款三十八元五角，余额八十一元五角', clips: ['会员卡收款', '三', '十', '八', '元', '五', '角', '余额', '八', '十', '一', '元', '五', '角'], lang: 'zh-CN' });
    expect(said[0]!.en.text).toBe('Member card payment 38.50 yuan, balance 81.50 yuan');
    expect((await t.ok<Json[]>('memberCards.today', {})).map((m) => [m.kind, m.source, m.money])).toEqual([['payment', 'phone', 3_850]]);
    // The voice settings are a manager's, saved in the settings file (the announcer reads them from status).
    expect((await t.ok<Json>('memberCards.status', {})).voice).toEqual({ enabled: true, volume: 80 });
    expect(await t.ok('memberCards.setVoice', { enabled: false, volume: 35 })).toEqual({ enabled: false, volume: 35 });
    expect(JSON.parse(fs.readFileSync(path.join(t.services.config.dataDir, 'settings.json'), 'utf8')).voice).toEqual({ enabled: false, volume: 35 });
    const loud = await t.call('memberCards.setVoice', { enabled: true, volume: 101 });
    expect(loud.ok || loud.error.code).toBe('INVALID_INPUT');

    // A v7 id from the phone is the local command id as it is.
    const v7 = { ...push, paymentCommandId: uuidv7(), amount: 100, paidPart: 100, bonusPart: 0 };
    expect(t.services.memberCards.applyPush(v7)).toBe(true);
    expect(t.services.db.sqlite.prepare(`SELECT count(*) AS n FROM ledger_journal WHERE command_id = ?`).get(v7.paymentCommandId)).toEqual({ n: 1 });
    expect(t.services.memberCards.applyPush(v7)).toBe(false);
  });

  it('the shop finds the member by the dynamic code their phone shows (the same check as member cards); a forged code is refused', async () => {
    const { s, t, admin, qrPath } = await setUp();
    await t.ok('members.register', { phone: '13800138009', name: '王五' });
    // The member signs in on the merchant's phone page and shows their member code.
    const phone = new Phone(s.url, qrPath);
    await phone.api('POST', 'otp', { phone: '13800138009' });
    await phone.api('POST', 'sign-in', { phone: '13800138009', otp: await phone.lastCode(admin, '13800138009') });
    const { code } = (await phone.api('GET', 'code')).json as { code: string };
    expect(code.startsWith('CPM1.')).toBe(true);
    const found = await t.ok<Json>('coupons.findMember', { code });
    expect(found.name).toBe('王五');
    const forged = await t.call('coupons.findMember', { code: `${code.slice(0, -4)}AAAA` });
    expect(forged.ok || forged.error.code).toBe('CARDS_CODE_INVALID');
  });
});
