import { afterEach, describe, expect, it } from 'vitest';
import { cmd, lockerTerminal, moneyAndState, uidOf, type LockerTerminal } from './support';

let t: LockerTerminal;
afterEach(async () => {
  await t?.close();
});

const journalLength = (t: LockerTerminal) => t.services.db.sqlite.prepare(`SELECT count(*) FROM ledger_journal`).pluck().get() as number;
type Overview = { lockers: { number: number; state: string }[] };
type Settled = { total: number; change: number; received: number; lockers: number[]; partyClosed: boolean; settlementId: string; tenders: { method: string; amount: number }[] };

async function partyOfThree(t: LockerTerminal) {
  await t.ok('lockers.bind', { commandId: cmd(), wristbands: [uidOf(101), uidOf(102), uidOf(103)], phone: '13800138000', wristbandQuota: 50_000, partyQuota: 100_000 });
  await t.ok('lockers.charge', { commandId: cmd(), wristband: uidOf(101), outlet: 'restaurant', items: [{ itemId: 'demo-rest-chicken', quantity: 2 }] }); // 96.00
  await t.ok('lockers.charge', { commandId: cmd(), wristband: uidOf(102), outlet: 'massage', amount: 29_800 }); // 298.00
}

describe('checkout settles the whole party in one ledger entry', () => {
  it('captures every charge, posts a split payment with cash change, frees every locker and ends each wristband at zero', async () => {
    t = await lockerTerminal();
    await partyOfThree(t);
    const before = journalLength(t);
    const r = await t.ok<Settled>('lockers.checkout', {
      commandId: cmd(),
      wristband: uidOf(103), // the one wristband without charges finds the whole party
      tenders: [{ method: 'bank_card', amount: 20_000 }, { method: 'cash', amount: 20_000 }],
    });
    expect(r).toMatchObject({ total: 39_400, received: 40_000, change: 600, lockers: [101, 102, 103], partyClosed: true });
    expect(r.tenders).toEqual([{ method: 'cash', amount: 19_400 }, { method: 'bank_card', amount: 20_000 }]);
    expect(journalLength(t) - before).toBe(1); // one command, one journal entry (the tender accounts are opened inside it)
    const L = t.services.ledger;
    expect(L.balance(L.accountByCode('lockers:outlet:restaurant')!.id).posted).toBe(9_600);
    expect(L.balance(L.accountByCode('lockers:outlet:massage')!.id).posted).toBe(29_800);
    expect(L.balance(L.accountByCode('tender:cash')!.id).posted).toBe(19_400);
    expect(L.balance(L.accountByCode('tender:bank_card')!.id).posted).toBe(20_000);
    const overview = await t.ok<Overview>('lockers.overview');
    expect(overview.lockers.filter((l) => [101, 102, 103].includes(l.number)).map((l) => l.state)).toEqual(['free', 'free', 'free']);
    // A screen that still shows the party is told where and when it was settled.
    const late = await t.refused('lockers.lookup', { wristband: uidOf(101) });
    expect(late).toMatchObject({ code: 'LOCKER_SETTLED', params: { locker: 101, terminal: 'Counter 1' } });
    expect(late.message['zh-CN']).toMatch(/^101 号柜已于 \d\d:\d\d 在 Counter 1 结账。$/);
    // The lockers can be bound again by the next guests.
    await t.ok('lockers.bind', { commandId: cmd(), wristbands: [uidOf(101)], phone: '13900001111' });
  });

  it('a retried checkout returns the first settlement and takes the money once', async () => {
    t = await lockerTerminal();
    await partyOfThree(t);
    const id = cmd();
    const input = { commandId: id, wristband: '101', tenders: [{ method: 'mobile', amount: 39_400 }] };
    const first = await t.ok<Settled>('lockers.checkout', input);
    const state = moneyAndState(t);
    const again = await t.ok<Settled>('lockers.checkout', input);
    expect(again.settlementId).toBe(first.settlementId);
    expect(moneyAndState(t)).toBe(state);
  });

  it('refuses a short payment and a card above the amount due, saying how much, and changes nothing', async () => {
    t = await lockerTerminal();
    await partyOfThree(t);
    const short = await t.refusedUnchanged('lockers.checkout', { commandId: cmd(), wristband: '101', tenders: [{ method: 'cash', amount: 39_000 }] });
    expect(short.message['zh-CN']).toBe('付款不足：还差 ¥4.00（应付 ¥394.00）。');
    const over = await t.refusedUnchanged('lockers.checkout', { commandId: cmd(), wristband: '101', tenders: [{ method: 'bank_card', amount: 40_000 }] });
    expect(over.code).toBe('PAYMENT_OVER');
  });
});

describe('partial settlement', () => {
  it('is refused while another wristband of the party has charges; a cashier cannot approve it; a manager can, and it is audited', async () => {
    t = await lockerTerminal();
    await partyOfThree(t);
    await t.signInCashier();
    const alone = await t.refusedUnchanged('lockers.checkout', { commandId: cmd(), wristband: '101', lockers: [101], tenders: [{ method: 'cash', amount: 9_600 }] });
    expect(alone.code).toBe('LOCKER_PARTIAL_SETTLEMENT');
    expect(alone.message['zh-CN']).toBe('同组手牌 102 仍有消费。请整组结账，或请店长授权。');

    const cashierOverride = await t.refusedUnchanged('lockers.checkout', {
      commandId: cmd(),
      wristband: '101',
      lockers: [101],
      tenders: [{ method: 'cash', amount: 9_600 }],
      approval: { staffId: t.cashierId, pin: '1111' },
    });
    expect(cashierOverride.code).toBe('LOCKER_APPROVAL_NOT_MANAGER');

    const r = await t.ok<Settled>('lockers.checkout', {
      commandId: cmd(),
      wristband: '101',
      lockers: [101],
      tenders: [{ method: 'cash', amount: 10_000 }],
      approval: { staffId: t.managerId, pin: '1234' },
    });
    expect(r).toMatchObject({ total: 9_600, change: 400, lockers: [101], partyClosed: false });
    const left = await t.ok<{ party: { total: number; wristbands: { locker: number; status: string }[] } }>('lockers.lookup', { wristband: '102' });
    expect(left.party.total).toBe(29_800);
    expect(left.party.wristbands.filter((w) => w.status === 'active').map((w) => w.locker)).toEqual([102, 103]);
    const audit = (await t.services.audit.recent(30)).filter((a) => a.action === 'lockers.partialSettlement');
    expect(audit.map((a) => a.outcome)).toEqual(['ok', 'refused', 'refused']);
    expect(audit[0]!.detail).toMatchObject({ approvedBy: t.managerId, lockers: [101] });
  });

  it('needs no approval when the other wristbands have no charges', async () => {
    t = await lockerTerminal();
    await t.ok('lockers.bind', { commandId: cmd(), wristbands: ['101', '102'], phone: '13800138000' });
    await t.ok('lockers.charge', { commandId: cmd(), wristband: '101', outlet: 'shop', amount: 500 });
    await t.ok('lockers.checkout', { commandId: cmd(), wristband: '101', lockers: [101], tenders: [{ method: 'cash', amount: 500 }] });
  });
});

describe('lost wristband', () => {
  it('is blocked at once and its charges move to the replacement, still inside the quotas', async () => {
    t = await lockerTerminal();
    await t.ok('lockers.bind', { commandId: cmd(), wristbands: [uidOf(101), uidOf(102)], phone: '13800138000', wristbandQuota: 20_000, partyQuota: 100_000 });
    await t.ok('lockers.charge', { commandId: cmd(), wristband: uidOf(101), outlet: 'restaurant', amount: 15_000 });
    const moved = await t.ok('lockers.reportLost', { commandId: cmd(), wristband: '101', replacementUid: 'FFEE0001' });
    expect(moved).toMatchObject({ locker: 101, movedCharges: 1, moved: 15_000 });

    const lost = await t.refusedUnchanged('lockers.charge', { commandId: cmd(), wristband: uidOf(101), outlet: 'shop', amount: 100 });
    expect(lost.code).toBe('LOCKER_WRISTBAND_LOST');
    expect(lost.message['zh-CN']).toContain('已挂失并冻结');

    const view = await t.ok<{ tappedLocker: number; party: { total: number; wristbands: { locker: number; status: string; subtotal: number; left: number }[] } }>(
      'lockers.lookup',
      { wristband: 'ffee0001' },
    );
    expect(view.tappedLocker).toBe(101);
    expect(view.party.total).toBe(15_000);
    expect(view.party.wristbands.map((w) => [w.locker, w.status, w.subtotal, w.left])).toEqual([
      [101, 'lost', 0, 20_000],
      [101, 'active', 15_000, 5_000],
      [102, 'active', 0, 20_000],
    ]);
    // The moved tab still counts against the replacement's quota.
    expect((await t.refused('lockers.charge', { commandId: cmd(), wristband: 'FFEE0001', outlet: 'shop', amount: 5_001 })).code).toBe('LOCKER_WRISTBAND_QUOTA');
    const r = await t.ok<Settled>('lockers.checkout', { commandId: cmd(), wristband: uidOf(102), tenders: [{ method: 'cash', amount: 15_000 }] });
    expect(r.lockers).toEqual([101, 102]);
  });
});

describe('bad input is refused with a clear message and changes nothing', () => {
  it('an unknown wristband, a locker of another party, a bound locker, negative and absurd amounts', async () => {
    t = await lockerTerminal();
    await t.ok('lockers.bind', { commandId: cmd(), wristbands: ['101', '102'], phone: '13800138000' });
    await t.ok('lockers.bind', { commandId: cmd(), wristbands: ['120'], phone: '13911112222' });

    const unknown = await t.refusedUnchanged('lockers.charge', { commandId: cmd(), wristband: 'DEADBEEF00', outlet: 'shop', amount: 100 });
    expect(unknown.message['zh-CN']).toBe('手牌 …EF00 未登记到任何柜号。');
    const other = await t.refusedUnchanged('lockers.checkout', { commandId: cmd(), wristband: '101', lockers: [101, 102, 120], tenders: [] });
    expect(other.code).toBe('LOCKER_OTHER_PARTY');
    expect(other.message['zh-CN']).toBe('120 号柜属于另一组客人（客人 139****2222）。');
    const taken = await t.refusedUnchanged('lockers.bind', { commandId: cmd(), wristbands: ['103', '120'], phone: '13800000000' });
    expect(taken.code).toBe('LOCKER_ALREADY_BOUND');
    expect(taken.message.en).toMatch(/^Locker 120 is already with an open party \(customer 139\*\*\*\*2222, since \d\d:\d\d\)\.$/);

    const negative = await t.refusedUnchanged('lockers.charge', { commandId: cmd(), wristband: '101', outlet: 'shop', amount: -500 });
    expect(negative.code).toBe('INVALID_INPUT');
    expect(negative.fields?.[0]?.message['zh-CN']).toBe('请输入大于零的金额。');
    const absurd = await t.refusedUnchanged('lockers.charge', { commandId: cmd(), wristband: '101', outlet: 'shop', amount: 99_999_999_99 });
    expect(absurd.code).toBe('LOCKER_AMOUNT_INVALID');
    expect(absurd.message['zh-CN']).toBe('消费金额必须大于零且不超过 ¥10,000.00。');
    const badPhone = await t.refusedUnchanged('lockers.bind', { commandId: cmd(), wristbands: ['104'], phone: '12345' });
    expect(badPhone.code).toBe('LOCKER_PHONE_INVALID');
  });

  it('a cashier cannot change settings or take a locker out of service', async () => {
    t = await lockerTerminal();
    await t.signInCashier();
    expect((await t.refusedUnchanged('lockers.setLockerState', { locker: 101, state: 'out_of_service' })).code).toBe('FORBIDDEN');
    expect((await t.refusedUnchanged('lockers.updateSettings', { wristbandQuota: 1 })).code).toBe('FORBIDDEN');
  });

  it('an out-of-service locker cannot be bound', async () => {
    t = await lockerTerminal();
    await t.ok('lockers.setLockerState', { locker: 105, state: 'out_of_service' });
    const e = await t.refusedUnchanged('lockers.bind', { commandId: cmd(), wristbands: [uidOf(105)], phone: '13800138000' });
    expect(e.message['zh-CN']).toBe('105 号柜暂停使用。');
  });
});
