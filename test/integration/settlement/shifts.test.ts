import { afterEach, describe, expect, it } from 'vitest';
import { cmd, openCounter, uidOf, type Counter } from './support';

let c: Counter;
afterEach(async () => {
  await c?.close();
});

type Current = { shift: null | { id: string; float: number; moves: unknown[] } & Record<string, unknown>; denominations: number[] };
type Closed = { counted: number; expected: number; difference: number; approvedBy: string | null };

describe('shifts: open with a counted float, pay in and out, close with a blind count', () => {
  it('sales need an open shift when the store says so: checkout and fuel pay are refused with SHIFT_NOT_OPEN and change nothing', async () => {
    c = await openCounter();
    await c.ok('settlement.updateSettings', { shiftMode: 'required' });
    await c.asCashier();
    await c.ok('lockers.bind', { commandId: cmd(), wristbands: [uidOf(101)], phone: '13800138000' });
    await c.ok('lockers.charge', { commandId: cmd(), wristband: uidOf(101), outlet: 'massage', amount: 12_000 });
    const e = await c.refusedUnchanged('lockers.checkout', { commandId: cmd(), wristband: uidOf(101), tenders: [{ method: 'cash', amount: 12_000 }] });
    expect(e.code).toBe('SHIFT_NOT_OPEN');
    expect(e.message['zh-CN']).toBe('本收银台尚未开班。请先清点备用金并开班。');
    expect(e.message.en).toMatch(/No shift is open/);
    // fuel.pay takes the same path: the guard refuses it before any fuel rule is looked at.
    const fuel = await c.refusedUnchanged('fuel.pay', { commandId: cmd(), pump: 1, gradeId: '92', mode: 'amount', quantity: 20_000, price: 759, tender: 'cash' });
    expect(fuel.code).toBe('SHIFT_NOT_OPEN');
    await c.ok('settlement.openShift', { commandId: cmd(), count: { '10000': 5 } });
    const sale = await c.ok<{ total: number }>('lockers.checkout', { commandId: cmd(), wristband: uidOf(101), tenders: [{ method: 'cash', amount: 12_000 }] });
    expect(sale.total).toBe(12_000);
  });

  it('single-cashier venues: in auto mode the first sale opens a shift with no float', async () => {
    c = await openCounter();
    await c.ok('settlement.updateSettings', { shiftMode: 'auto' });
    await c.asCashier();
    expect((await c.ok<Current>('settlement.current')).shift).toBeNull();
    await c.lockerSale(101, 5_000);
    const now = await c.ok<Current>('settlement.current');
    expect(now.shift).toMatchObject({ float: 0, auto: true, staffId: c.cashierId });
  });

  it('opens once with the float counted by denomination; a bad count or a second open is refused and changes nothing', async () => {
    c = await openCounter();
    await c.asCashier();
    expect((await c.ok<Current>('settlement.current')).denominations).toEqual([10000, 5000, 2000, 1000, 500, 100, 50, 10]);
    const bad = await c.refusedUnchanged('settlement.openShift', { commandId: cmd(), count: { '3000': 1 } });
    expect(bad).toMatchObject({ code: 'SHIFT_COUNT_INVALID', params: { denomination: '3000' } });
    const negative = await c.refusedUnchanged('settlement.openShift', { commandId: cmd(), count: { '100': -2 } });
    expect(negative.code).toBe('INVALID_INPUT');
    const id = cmd();
    const opened = await c.ok<{ float: number; shiftId: string }>('settlement.openShift', { commandId: id, count: { '10000': 3, '1000': 4, '50': 2 } });
    expect(opened.float).toBe(34_100);
    // A retry (double tap) returns the same shift.
    const again = await c.ok<{ shiftId: string }>('settlement.openShift', { commandId: id, count: { '10000': 3, '1000': 4, '50': 2 } });
    expect(again.shiftId).toBe(opened.shiftId);
    const twice = await c.refusedUnchanged('settlement.openShift', { commandId: cmd(), count: {} });
    expect(twice.code).toBe('SHIFT_ALREADY_OPEN');
    expect(twice.message.en).toContain('Cashier');
  });

  it("a pay-out needs a manager's PIN; a cashier's PIN or a wrong one is refused; a pay-in needs none", async () => {
    c = await openCounter();
    await c.asCashier();
    await c.ok('settlement.openShift', { commandId: cmd(), count: { '10000': 5 } });
    const byCashier = await c.refusedUnchanged('settlement.payOut', { commandId: cmd(), amount: 3_000, reason: '买冰块 ice', approval: { staffId: c.cashierId, pin: '1111' } });
    expect(byCashier.code).toBe('LOCKER_APPROVAL_NOT_MANAGER');
    const wrong = await c.refused('settlement.payOut', { commandId: cmd(), amount: 3_000, reason: '买冰块 ice', approval: { staffId: c.managerId, pin: '9999' } });
    expect(wrong.code).toBe('PIN_INCORRECT');
    const noReason = await c.refusedUnchanged('settlement.payOut', { commandId: cmd(), amount: 3_000, reason: ' ', approval: { staffId: c.managerId, pin: '1234' } });
    expect(noReason.code).toBe('INVALID_INPUT');
    const out = await c.ok<{ approvedBy: string }>('settlement.payOut', { commandId: cmd(), amount: 3_000, reason: '买冰块 ice', approval: { staffId: c.managerId, pin: '1234' } });
    expect(out.approvedBy).toBe(c.managerId);
    await c.ok('settlement.payIn', { commandId: cmd(), amount: 2_000, reason: 'change from bank' });
    const cur = await c.ok<Current>('settlement.current');
    expect(cur.shift!.moves).toMatchObject([{ kind: 'pay_out', amount: 3_000, approvedBy: 'Manager' }, { kind: 'pay_in', amount: 2_000, approvedBy: null }]);
  });

  it('the count is blind: the open shift never shows expected cash; the close then shows it and the difference; over the limit needs a manager', async () => {
    c = await openCounter();
    await c.ok('settlement.updateSettings', { differenceLimit: 500 });
    await c.asCashier();
    await c.ok('settlement.openShift', { commandId: cmd(), count: { '10000': 5 } }); // 500.00
    await c.lockerSale(101, 12_000); // cash 120.00
    await c.lockerSale(102, 8_000, 'mobile'); // not cash
    await c.ok('settlement.payOut', { commandId: cmd(), amount: 3_000, reason: 'ice', approval: { staffId: c.managerId, pin: '1234' } });
    const cur = await c.ok<Current>('settlement.current');
    expect(JSON.stringify(cur)).not.toMatch(/expected|cashSales|59000/);
    // Expected 500 + 120 − 30 = 590.00; counted 580.00: 10.00 short, over the 5.00 limit.
    const count = { '10000': 5, '5000': 1, '1000': 3 };
    const over = await c.refusedUnchanged('settlement.closeShift', { commandId: cmd(), count });
    expect(over).toMatchObject({ code: 'SHIFT_DIFFERENCE_NEEDS_MANAGER', params: { direction: 'short' } });
    expect(over.message['zh-CN']).toBe('钱箱短缺 ¥10.00（应有 ¥590.00，实点 ¥580.00），超过允许差额 ¥5.00，需店长授权。');
    const closed = await c.ok<Closed>('settlement.closeShift', { commandId: cmd(), count, approval: { staffId: c.managerId, pin: '1234' } });
    expect(closed).toMatchObject({ counted: 58_000, expected: 59_000, difference: -1_000, approvedBy: c.managerId });
    expect((await c.ok<Current>('settlement.current')).shift).toBeNull();
  });

  it('a difference within the limit closes without a manager; exactly the limit is within', async () => {
    c = await openCounter();
    await c.ok('settlement.updateSettings', { differenceLimit: 500 });
    await c.asCashier();
    await c.ok('settlement.openShift', { commandId: cmd(), count: { '1000': 1 } });
    const closed = await c.ok<Closed>('settlement.closeShift', { commandId: cmd(), count: { '1000': 1, '500': 1 } });
    expect(closed).toMatchObject({ expected: 1_000, counted: 1_500, difference: 500, approvedBy: null });
  });

  it('the settlement tables are rebuilt from the journal alone', async () => {
    c = await openCounter();
    await c.asCashier();
    await c.ok('settlement.openShift', { commandId: cmd(), count: { '10000': 2 } });
    await c.lockerSale(101, 4_000);
    await c.ok('settlement.payOut', { commandId: cmd(), amount: 1_000, reason: 'ice', approval: { staffId: c.managerId, pin: '1234' } });
    await c.ok('settlement.closeShift', { commandId: cmd(), count: { '10000': 2, '2000': 1, '1000': 1 } });
    const tables = ['settlement_shift', 'settlement_cash_move', 'settlement_figure', 'settlement_exception', 'settlement_settings'];
    const dump = (cc: Counter) => tables.map((t) => cc.services.db.sqlite.prepare(`SELECT * FROM ${t} ORDER BY 1`).all());
    const before = dump(c);
    const rows = c.services.db.sqlite.prepare(`SELECT id, terminal_id, seq, body, prev_hash, hash FROM ledger_journal ORDER BY terminal_id, seq`).all();
    const fresh = await openCounterOnEmpty();
    try {
      fresh.services.ledger.importJournal(rows as never);
      expect(dump(fresh as Counter)).toEqual(before);
    } finally {
      await fresh.close();
    }
  });
});

/** An empty data dir with the same store and terminal ids: what a rebuild starts from. */
async function openCounterOnEmpty() {
  const { openTerminal, tempDir } = await import('../../support/services');
  const fs = await import('node:fs');
  const path = await import('node:path');
  const dir = tempDir();
  fs.copyFileSync(path.join(c.dataDir, 'settings.json'), path.join(dir, 'settings.json'));
  return openTerminal({ dataDir: dir, now: () => c.clock.now });
}
