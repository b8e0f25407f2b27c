import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openTerminal, tempDir, type TestTerminal } from '../../support/services';
import { FaultProxy } from '../sync/support/fault-proxy';
import { databaseKinds } from '../sync/support/databases';
import { Admin, startServer, type Json, type ServerProcess, type ServerTarget } from '../sync/support/server-process';
import { syncTerminal, type SyncTerminal } from '../sync/support/terminal';
import { member } from './support/value-server';
import { derivedState, rebuildFrom } from '../journal/rebuild-support';

/**
 * What the counter has booked: its ledger (journal included) and the miles tables. Not the audit
 * trail or sync_state, which sync and the audit writer change in the background at any moment.
 */
function booked(t: TestTerminal): string {
  const db = t.services.db.sqlite;
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE 'ledger%' OR name LIKE 'points%') ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
  return JSON.stringify(tables.map((name) => [name, db.prepare(`SELECT * FROM "${name}"`).raw().all()]));
}

const FLIGHT = { flight: 'CA1501', origin: 'PEK', destination: 'SHA', date: '2026-12-04' };
const BAGGAGE_RULE = { route: { kind: 'route', origin: 'PEK', destination: 'SHA' }, serviceType: 'baggage', maxSharePct: 50, exchange: { points: 100, fen: 100 }, pointsOnly: false, minPointsPerUse: 0, validFrom: null, validTo: null };
const LOUNGE_RULE = { route: { kind: 'any' }, serviceType: 'lounge', maxSharePct: 100, exchange: { points: 100, fen: 100 }, pointsOnly: true, minPointsPerUse: 0, validFrom: null, validTo: null };

/**
 * The travel desk's miles workflow end to end under Node: a real terminal (services, SQLite ledger)
 * enrolled with a real server process (SQLite), through a proxy that can lose or refuse requests.
 */
describe('miles redemption at the travel desk', () => {
  const kinds = databaseKinds();
  const open: { close(): Promise<unknown> }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
  });

  async function setUp(opts: { dataDir?: string; target?: ServerTarget } = {}) {
    const s: ServerProcess = await startServer(opts.target ?? { dataDir: tempDir('pos-server-') });
    open.push({ close: () => s.stop() });
    const proxy = await FaultProxy.start(s.url);
    proxy.only = '/api/v1/value/holds/';
    open.push(proxy);
    const t: SyncTerminal = await syncTerminal({ ...(opts.dataDir ? { dataDir: opts.dataDir } : {}), timing: {} });
    const closeT = { close: () => t.close() };
    open.push(closeT);
    const admin = await Admin.signIn(s.url);
    const store = await admin.store('Airport Desk');
    await t.ok('sync.enroll', { serverUrl: proxy.url, code: await admin.pairingCode(store.id) });
    await t.ok('points.setRule', BAGGAGE_RULE);
    await t.ok('points.setRule', LOUNGE_RULE);
    const zhang = await member(admin, 'CA88001234', '13900139000', '张三', 25_000);
    const li = await member(admin, 'CA88005678', '13900139001', '李四', 800);
    return { s, proxy, t, admin, zhang, li, closeT };
  }

  for (const kind of kinds) {
    describe.skipIf(!kind.available)(`with the server on ${kind.name}`, () => {
      it(`voids the miles hold when the cash part fails, and changes nothing at the counter (server on ${kind.name})`, async () => {
        const { t, zhang } = await setUp({ target: await kind.target() });
        const before = booked(t);
        const r = await t.call('points.redeem', { commandId: uuidv7(), memberId: zhang.id, flight: FLIGHT, serviceType: 'baggage', price: 30_000, sharePct: 30, points: 9_000, tenders: [{ method: 'cash', amount: 20_000 }] });
        expect(r.ok || r.error.code).toBe('PAYMENT_SHORT');
        expect(await heldOf(t, 'CA88001234')).toBe(0);
        expect(await milesOf(t, 'CA88001234')).toBe(25_000);
        expect(booked(t)).toBe(before);
      });
    });
  }

  const milesOf = async (t: TestTerminal, number: string) => ((await t.ok<Json>('points.lookup', { number })).balances[0]?.available as number) ?? 0;
  const heldOf = async (t: TestTerminal, number: string) => (await t.ok<Json>('points.lookup', { number })).balances[0]?.held as number;
  const tenderBalance = (t: TestTerminal, code: string) =>
    (t.services.db.sqlite.prepare(`SELECT COALESCE(SUM(CASE p.side WHEN 'debit' THEN p.amount ELSE -p.amount END), 0) AS b FROM ledger_posting p JOIN ledger_account a ON a.id = p.account_id WHERE a.code = ?`).get(code) as { b: number }).b;

  it('sells extra baggage on a mixed rule: the passenger picks 30% in miles, the rest by bank card; both sides book it under one command id', async () => {
    const { t, zhang } = await setUp();
    const found = await t.ok<Json>('points.lookup', { number: 'ca88001234' });
    expect(found).toMatchObject({ id: zhang.id, name: '张三', balances: [{ unit: 'MILES', available: 25_000 }] });
    const first = await t.ok<Json>('points.quote', { origin: 'PEK', destination: 'SHA', serviceType: 'baggage', price: 30_000, balance: 25_000 });
    expect(first).toMatchObject({ rule: { maxSharePct: 50 }, plan: { sharePct: 50, points: 15_000, cashFen: 15_000, pointsLeft: 10_000 }, choices: [0, 10, 20, 30, 40, 50], refusal: null });
    const at30 = await t.ok<Json>('points.quote', { origin: 'PEK', destination: 'SHA', serviceType: 'baggage', price: 30_000, balance: 25_000, sharePct: 30 });
    expect(at30.plan).toEqual({ sharePct: 30, points: 9_000, cashFen: 21_000, pointsValueFen: 9_000, pointsLeft: 16_000, roundedUpFen: 0 });

    const commandId = uuidv7();
    const input = { commandId, memberId: zhang.id, flight: FLIGHT, serviceType: 'baggage', price: 30_000, sharePct: 30, points: 9_000, tenders: [{ method: 'bank_card', amount: 21_000 }] };
    const paid = await t.ok<Json>('points.redeem', input);
    expect(paid.redemption).toMatchObject({ points: 9_000, pointsValue: 9_000, cash: 21_000, pointsLeft: 16_000, captureState: 'captured', state: 'made', memberNumber: 'CA88001234' });
    expect(await milesOf(t, 'CA88001234')).toBe(16_000);
    expect(tenderBalance(t, 'tender:miles')).toBe(9_000);
    expect(tenderBalance(t, 'tender:bank_card')).toBe(21_000);
    // The journal's business event carries the hold's command id.
    const entry = t.services.db.sqlite.prepare(`SELECT body FROM ledger_journal WHERE command_id = ?`).get(commandId) as { body: string };
    expect(JSON.parse(entry.body).events).toEqual([expect.objectContaining({ type: 'points.redemption.made', redemption: expect.objectContaining({ commandId, points: 9_000 }) })]);
    // A double click / retry returns the same sale and moves nothing again.
    expect((await t.ok<Json>('points.redeem', input)).redemption.id).toBe(paid.redemption.id);
    expect(await milesOf(t, 'CA88001234')).toBe(16_000);
    const conflict = await t.call('points.redeem', { ...input, sharePct: 40, points: 12_000 });
    expect(conflict.ok || conflict.error.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await t.ok<Json>('points.summary', {})).toMatchObject({ services: [{ serviceType: 'baggage', count: 1, points: 9_000, pointsValue: 9_000, cash: 21_000 }] });
    // The day's report counts the sale under miles, both tenders, and the miles taken per service type.
    const x = (await t.ok<Json>('settlement.report', {})).report;
    expect(x.sales).toContainEqual(expect.objectContaining({ workflow: 'miles', count: 1, amount: 30_000 }));
    expect(x.tenders).toEqual(expect.arrayContaining([expect.objectContaining({ method: 'miles', amount: 9_000 }), expect.objectContaining({ method: 'bank_card', amount: 21_000 })]));
    expect(x.miles).toEqual([{ service: 'baggage', count: 1, amount: 30_000, points: 9_000 }]);

    // A manager refunds the service: the miles back on the server, the card part back to the card.
    const refunded = await t.ok<Json>('points.refund', { commandId: uuidv7(), redemptionId: paid.redemption.id });
    expect(refunded.redemption).toMatchObject({ state: 'refunded', pointsLeft: 25_000 });
    expect(await milesOf(t, 'CA88001234')).toBe(25_000);
    expect([tenderBalance(t, 'tender:miles'), tenderBalance(t, 'tender:bank_card')]).toEqual([0, 0]);
    const afterRefund = (await t.ok<Json>('settlement.report', {})).report;
    expect(afterRefund.refunds).toContainEqual(expect.objectContaining({ workflow: 'miles', count: 1, amount: 30_000 }));
    expect(afterRefund.miles).toEqual([{ service: 'baggage', count: 1, amount: 0, points: 0 }]);
    const history = await t.ok<Json>('points.history', { memberId: zhang.id });
    expect(history.movements.map((m: Json) => [m.kind, m.amount])).toEqual([['refund', 9_000], ['redemption', -9_000], ['credit', 25_000]]);

    // The journal alone rebuilds the rules, the redemption with its capture and refund, and every balance.
    const rebuilt = await rebuildFrom(t);
    open.push(rebuilt);
    const derived = derivedState(t.services); // the enrolment (sync_state) is this terminal's and not among the derived tables
    expect(derivedState(rebuilt.services)).toEqual(derived);
    expect(derived.points_redemption).toHaveLength(1);
  });

  it('refuses a miles-only service with too few miles, saying how many are missing, and holds nothing', async () => {
    const { t, li } = await setUp();
    const quote = await t.ok<Json>('points.quote', { origin: 'SHA', destination: 'CAN', serviceType: 'lounge', price: 20_000, balance: 800 });
    expect(quote.plan).toBeNull();
    expect(quote.refusal).toMatchObject({ code: 'POINTS_ONLY_SHORT', message: { en: 'This service can only be paid in miles: 20000 miles needed, 19200 missing.', 'zh-CN': '该服务只能用里程支付：需要 20000 里程，还差 19200 里程。' } });
    // Paying anyway (a stale screen): the server's hold refuses with the same count.
    const before = booked(t);
    const r = await t.call('points.redeem', { commandId: uuidv7(), memberId: li.id, flight: { ...FLIGHT, origin: 'SHA', destination: 'CAN' }, serviceType: 'lounge', price: 20_000, sharePct: 100, points: 20_000, tenders: [] });
    expect(r.ok || [r.error.code, r.error.message.en]).toEqual(['POINTS_ONLY_SHORT', 'This service can only be paid in miles: 20000 miles needed, 19200 missing.']);
    expect(booked(t)).toBe(before);
    expect(await heldOf(t, 'CA88005678')).toBe(0);
    const noRule = await t.ok<Json>('points.quote', { origin: 'SHA', destination: 'CAN', serviceType: 'meal', price: 5_000, balance: 800 });
    expect(noRule.refusal.code).toBe('POINTS_NO_RULE');
  });

  it('cannot redeem offline: VALUE_OFFLINE with "miles cannot be redeemed offline", nothing booked', async () => {
    const { s, t, zhang } = await setUp();
    await t.ok('points.lookup', { number: 'CA88001234' });
    await s.stop();
    const before = booked(t);
    const r = await t.call('points.redeem', { commandId: uuidv7(), memberId: zhang.id, flight: FLIGHT, serviceType: 'baggage', price: 30_000, sharePct: 30, points: 9_000, tenders: [{ method: 'bank_card', amount: 21_000 }] });
    expect(r.ok || r.error.code).toBe('VALUE_OFFLINE');
    expect(r.ok || r.error.message.en).toContain('miles cannot be redeemed offline');
    expect(booked(t)).toBe(before);
  });

  it('recovers after a crash: a hold with no local sale is voided; a sale whose capture never reached the server is captured at the next start', async () => {
    const dataDir = tempDir('pos-miles-');
    const { t, zhang, proxy, closeT } = await setUp({ dataDir });
    // A hold made just before a crash (the sale never committed): recovery voids it.
    const orphan = uuidv7();
    await t.services.points.recovery.run();
    const client = (t.services.points as unknown as { d: { value: { hold(x: unknown): Promise<unknown> } } }).d.value;
    await client.hold({ commandId: orphan, memberId: zhang.id, unit: 'MILES', amount: 4_000 });
    expect(await heldOf(t, 'CA88001234')).toBe(4_000);
    expect(await t.services.points.recovery.run()).toEqual({ voided: [orphan], captured: [], failed: [] });
    expect(await heldOf(t, 'CA88001234')).toBe(0);

    // The capture fails (server unreachable for it): the sale stands, its capture is pending.
    proxy.mode = 'error500';
    const commandId = uuidv7();
    const paid = await t.ok<Json>('points.redeem', { commandId, memberId: zhang.id, flight: FLIGHT, serviceType: 'baggage', price: 30_000, sharePct: 30, points: 9_000, tenders: [{ method: 'bank_card', amount: 21_000 }] });
    expect(paid.redemption.captureState).toBe('pending');
    expect(await heldOf(t, 'CA88001234')).toBe(9_000);
    // The terminal stops (a crash would do the same: nothing is kept in memory) and starts again.
    await t.close();
    open.splice(open.indexOf(closeT), 1);
    proxy.mode = 'pass';
    const again = await openTerminal({ dataDir, value: { retryMs: 100 } });
    open.push(again);
    const manager = (await again.ok<{ id: string; role: string }[]>('staff.list')).find((x) => x.role === 'manager')!;
    await again.ok('staff.signIn', { staffId: manager.id, pin: '1234' });
    await expect.poll(async () => again.services.points.redemption(paid.redemption.id).captureState, { timeout: 20_000 }).toBe('captured');
    expect(await heldOf(again, 'CA88001234')).toBe(0);
    expect(await milesOf(again, 'CA88001234')).toBe(16_000);
  });

  it('manager rules: a tie is refused at entry; head office rules arrive in one batch and cannot be edited at the counter', async () => {
    const { t } = await setUp();
    const tie = await t.call('points.setRule', { ...BAGGAGE_RULE, maxSharePct: 20 });
    expect(tie.ok || tie.error.code).toBe('POINTS_RULE_OVERLAPS');
    const bad = await t.call('points.setRule', { ...BAGGAGE_RULE, serviceType: 'seat', pointsOnly: true });
    expect(bad.ok || [bad.error.code, bad.error.fields?.[0]?.path]).toEqual(['POINTS_RULE_INVALID', 'pointsOnly']);
    t.services.points.rules.applyCentral(
      [{ id: 'HQ-MEAL', route: { kind: 'group', group: 'domestic' }, serviceType: 'meal', maxSharePct: 100, exchange: { points: 150, fen: 100 }, pointsOnly: false, minPointsPerUse: 0, validFrom: null, validTo: null }],
      [{ group: 'domestic', origin: 'SHA', destination: 'CAN' }],
    );
    const status = await t.ok<Json>('points.status', {});
    expect(status.rules.map((r: Json) => [r.id, r.origin])).toContainEqual(['HQ-MEAL', 'central']);
    const meal = await t.ok<Json>('points.quote', { origin: 'SHA', destination: 'CAN', serviceType: 'meal', price: 4_001, balance: 10_000, sharePct: 100 });
    // 150 miles = ¥1 → 3 miles per 2 fen: 4001 fen takes 2000 units (6000 miles) and 1 fen in cash.
    expect(meal.plan).toMatchObject({ points: 6_000, cashFen: 1, pointsValueFen: 4_000 });
    const edit = await t.call('points.setRule', { id: 'HQ-MEAL', ...BAGGAGE_RULE, route: { kind: 'any' }, serviceType: 'upgrade' });
    expect(edit.ok || edit.error.code).toBe('POINTS_RULE_CENTRAL');
  });
});
