import { afterEach, describe, expect, it } from 'vitest';
import { verifyJournal } from '../../../src-main/ledger';
import { businessDayWindow } from '../../../src-main/domain/settlement';
import type { DayReportView } from '../../../src-main/api/contract/settlement';
import { cmd, openCounter, stateOf, uidOf, type Counter } from './support';

let c: Counter;
afterEach(async () => {
  await c?.close();
});

const at = (iso: string) => (c.clock.now = new Date(iso));
type Report = { report: DayReportView };
type Closed = { day: string; report: DayReportView };

/** The day's figures recomputed from the journal alone: every business event and tender posting in the day's window. */
function fromJournal(c: Counter, day: string, closedAt: string | null) {
  const db = c.services.db.sqlite;
  const w = businessDayWindow(day, 'Asia/Shanghai', null, closedAt);
  const bodies = db.prepare(`SELECT body FROM ledger_journal WHERE committed_at >= ? AND committed_at < ? ORDER BY seq`).pluck().all(w.from, w.to) as string[];
  let sales = 0;
  let tickets = 0;
  for (const b of bodies) {
    for (const e of (JSON.parse(b) as { events?: { type: string; settlement?: { total: number } }[] }).events ?? []) {
      if (e.type === 'lockers.party.settled' && e.settlement!.total > 0) {
        sales += e.settlement!.total;
        tickets += 1;
      }
    }
  }
  const tenders = db
    .prepare(
      `SELECT a.code AS code, SUM(CASE WHEN p.side = 'debit' THEN p.amount ELSE -p.amount END) AS net FROM ledger_posting p JOIN ledger_account a ON a.id = p.account_id
       WHERE a.code LIKE 'tender:%' AND p.committed_at >= ? AND p.committed_at < ? GROUP BY a.code ORDER BY a.code`,
    )
    .all(w.from, w.to) as { code: string; net: number }[];
  return { sales, tickets, tenders: Object.fromEntries(tenders.map((t) => [t.code.slice(7), t.net])) };
}

/** A day at the counter: a shift with cash and mobile sales, a voided charge, a pay-out, a party left open, the blind close. */
async function busyDay() {
  await c.asCashier();
  await c.ok('settlement.openShift', { commandId: cmd(), count: { '10000': 5 } });
  await c.lockerSale(101, 12_000);
  await c.lockerSale(102, 8_000, 'mobile');
  await c.lockerSale(103, 5_000);
  // A party stays in the spa past the close: an open item that carries over.
  await c.ok('lockers.bind', { commandId: cmd(), wristbands: [uidOf(110)], phone: '13900001234' });
  const charge = await c.ok<{ chargeId: string }>('lockers.charge', { commandId: cmd(), wristband: uidOf(110), outlet: 'massage', amount: 6_800 });
  await c.ok('lockers.charge', { commandId: cmd(), wristband: uidOf(110), outlet: 'massage', amount: 1_000 });
  await c.ok('lockers.voidCharge', { commandId: cmd(), chargeId: charge.chargeId, approval: { staffId: c.managerId, pin: '1234' } });
  await c.ok('settlement.payOut', { commandId: cmd(), amount: 2_000, reason: '买冰块 ice', approval: { staffId: c.managerId, pin: '1234' } });
  // Expected 500 + 120 + 50 − 20 = 650.00, counted 650.00.
  await c.ok('settlement.closeShift', { commandId: cmd(), count: { '10000': 6, '5000': 1 } });
  await c.asManager();
}

describe('X and Z reports and the day close', () => {
  it('the X report changes nothing; the Z totals equal the sum of the day in the journal', async () => {
    c = await openCounter();
    await busyDay();
    const before = stateOf(c);
    const x = (await c.ok<Report>('settlement.report', {})).report;
    expect(stateOf(c)).toBe(before);
    expect(x).toMatchObject({ kind: 'X', day: '2026-12-04', salesTotal: 25_000, tickets: 3, averageTicket: 8_333 });
    at('2026-12-04T14:00:00.000Z'); // 22:00
    const z = (await c.ok<Closed>('settlement.closeDay', { commandId: cmd(), day: '2026-12-04' })).report;
    const journal = fromJournal(c, '2026-12-04', z.closedAt);
    expect(z.kind).toBe('Z');
    expect(z.salesTotal).toBe(journal.sales);
    expect(z.tickets).toBe(journal.tickets);
    expect(Object.fromEntries(z.tenders.map((t) => [t.method, t.net]))).toEqual(journal.tenders);
    expect(z.sales).toEqual([{ workflow: 'lockers', count: 3, amount: 25_000, volume: 0 }]);
    expect(z.voids).toEqual([{ workflow: 'lockers', count: 1, amount: 6_800 }]);
    expect(z.cash).toEqual({ float: 50_000, sales: 17_000, refunds: 0, payIns: 0, payOuts: 2_000, expected: 65_000, counted: 65_000, difference: 0 });
    const name = (id: string | null) => (id ? z.names[id] : null);
    expect(z.exceptions.map((e) => [e.kind, e.amount, name(e.staff), name(e.approvedBy)])).toEqual([
      ['void', 6_800, 'Cashier', 'Manager'],
      ['pay_out', 2_000, 'Cashier', 'Manager'],
    ]);
    expect(z.byCashier.map((r) => [name(r.staff), r.tickets, r.sales])).toEqual([['Cashier', 3, 25_000]]);
    expect(z.openItems).toMatchObject([{ kind: 'locker-party', ref: '110 1234', amount: 1_000 }]);
    expect(z.receipts.count).toBe(3);
    expect(z.receipts.first).toMatch(/^C1-20261204-0001$/);
    expect(z.receipts.last).toMatch(/^C1-20261204-0003$/);
    // The stored Z is what the day shows from now on.
    expect((await c.ok<Report>('settlement.report', { day: '2026-12-04' })).report).toEqual(z);
  });

  it('closing is idempotent by command id, a day closes once, and never a day not started', async () => {
    c = await openCounter();
    await busyDay();
    const id = cmd();
    const first = await c.ok<Closed>('settlement.closeDay', { commandId: id, day: '2026-12-04' });
    const journal = () => c.services.db.sqlite.prepare(`SELECT count(*) FROM ledger_journal`).pluck().get() as number;
    const n = journal();
    const again = await c.ok<Closed>('settlement.closeDay', { commandId: id, day: '2026-12-04' });
    expect(again.report).toEqual(first.report);
    expect(journal()).toBe(n);
    const twice = await c.refusedUnchanged('settlement.closeDay', { commandId: cmd(), day: '2026-12-04' });
    expect(twice.code).toBe('DAY_ALREADY_CLOSED');
    const future = await c.refusedUnchanged('settlement.closeDay', { commandId: cmd(), day: '2026-12-06' });
    expect(future.code).toBe('DAY_NOT_STARTED');
    const conflict = await c.refused('settlement.closeDay', { commandId: id, day: '2026-12-05' });
    expect(conflict.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('a cashier cannot close the day or read the X report (it shows expected cash); the refusal is audited', async () => {
    c = await openCounter();
    await c.asCashier();
    expect((await c.refused('settlement.closeDay', { commandId: cmd(), day: '2026-12-04' })).code).toBe('FORBIDDEN');
    expect((await c.refused('settlement.report', {})).code).toBe('FORBIDDEN');
    const audit = c.services.db.sqlite.prepare(`SELECT action, outcome FROM audit WHERE action = 'settlement.closeDay'`).all();
    expect(audit).toEqual([{ action: 'settlement.closeDay', outcome: 'refused' }]);
  });

  it('the Z needs every shift closed', async () => {
    c = await openCounter();
    await c.asCashier();
    await c.ok('settlement.openShift', { commandId: cmd(), count: {} });
    await c.asManager();
    const e = await c.refusedUnchanged('settlement.closeDay', { commandId: cmd(), day: '2026-12-04' });
    expect(e).toMatchObject({ code: 'SHIFT_STILL_OPEN', params: { name: 'Cashier' } });
  });

  it('after the Z: later sales count on the next day, open parties carry over, a back-dated posting is refused with DAY_CLOSED', async () => {
    c = await openCounter();
    await busyDay();
    at('2026-12-04T14:00:00.000Z'); // 22:00
    await c.ok('settlement.closeDay', { commandId: cmd(), day: '2026-12-04' });
    // 22:30 the same evening: the party still in the spa checks out; it counts on the 5th.
    at('2026-12-04T14:30:00.000Z');
    await c.ok('lockers.checkout', { commandId: cmd(), wristband: uidOf(110), tenders: [{ method: 'cash', amount: 1_000 }] });
    const next = (await c.ok<Report>('settlement.report', { day: '2026-12-05' })).report;
    expect(next).toMatchObject({ kind: 'X', day: '2026-12-05', salesTotal: 1_000, tickets: 1 });
    const closed = (await c.ok<Report>('settlement.report', { day: '2026-12-04' })).report;
    expect(closed.salesTotal).toBe(25_000);
    // The terminal's clock set back into the closed day: refused, nothing written.
    at('2026-12-04T13:00:00.000Z'); // 21:00 on the closed day, before its Z
    const back = await c.refusedUnchanged('lockers.bind', { commandId: cmd(), wristbands: [uidOf(121)], phone: '13800138000' });
    expect(back).toMatchObject({ code: 'DAY_CLOSED', params: { day: '2026-12-04' } });
    expect(back.message['zh-CN']).toBe('营业日 2026-12-04 已日结（已出 Z 报表），不能再记入该日。如需更正，请在今天做退款或冲正，并检查终端时钟。');
    expect(back.message.en).toMatch(/^Business day 2026-12-04 is closed/);
    at('2026-12-02T03:00:00.000Z');
    expect((await c.refusedUnchanged('settlement.payIn', { commandId: cmd(), amount: 100, reason: 'test' })).code).toBe('DAY_CLOSED');
    // The next morning: the first sale is allowed.
    at('2026-12-05T01:30:00.000Z');
    await c.asCashier();
    await c.ok('settlement.openShift', { commandId: cmd(), count: {} });
    await c.lockerSale(105, 3_000);
    await c.asManager();
    expect((await c.ok<Report>('settlement.report', {})).report).toMatchObject({ day: '2026-12-05', salesTotal: 4_000, tickets: 2 });
  });

  it('days close in order once closing has begun; the first Z ever does not ask for the days before it', async () => {
    c = await openCounter(new Date('2026-12-03T02:00:00.000Z'));
    await c.lockerSale(120, 1_000); // sold on the 3rd, before this store ever closed a day
    at('2026-12-04T02:00:00.000Z');
    await busyDay();
    at('2026-12-04T14:00:00.000Z');
    await c.ok('settlement.closeDay', { commandId: cmd(), day: '2026-12-04' });
    at('2026-12-05T03:00:00.000Z');
    await c.lockerSale(111, 2_000);
    at('2026-12-06T03:00:00.000Z');
    const e = await c.refusedUnchanged('settlement.closeDay', { commandId: cmd(), day: '2026-12-06' });
    expect(e).toMatchObject({ code: 'DAY_EARLIER_OPEN', params: { day: '2026-12-05' } });
    expect(e.message['zh-CN']).toBe('请先日结营业日 2026-12-05：该日有营业且尚未日结。');
    await c.ok('settlement.closeDay', { commandId: cmd(), day: '2026-12-05' });
    await c.ok('settlement.closeDay', { commandId: cmd(), day: '2026-12-06' });
    expect(verifyJournal(c.services.db.sqlite)).toMatchObject({ ok: true });
  });
});
