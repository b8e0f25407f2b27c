import { afterEach, describe, expect, it } from 'vitest';
import { cmd, lockerTerminal, uidOf, type LockerTerminal } from './support';

let t: LockerTerminal;
afterEach(async () => {
  await t?.close();
});

type Party = { party: { partyLeft: number; total: number; wristbands: { locker: number; left: number; subtotal: number }[] } };

describe('wristband and party quotas, checked at the moment of each charge', () => {
  it('allows a wristband up to its quota exactly and refuses one fen more, saying which quota and how much is left', async () => {
    t = await lockerTerminal();
    await t.ok('lockers.bind', { commandId: cmd(), wristbands: [uidOf(101), uidOf(102), '103'], phone: '13800138000', wristbandQuota: 30_000, partyQuota: 50_000 });
    await t.ok('lockers.charge', { commandId: cmd(), wristband: uidOf(101), outlet: 'massage', amount: 29_000 });
    await t.ok('lockers.charge', { commandId: cmd(), wristband: uidOf(101), outlet: 'shop', amount: 1_000 }); // at the edge: 300.00 of 300.00

    const e = await t.refusedUnchanged('lockers.charge', { commandId: cmd(), wristband: uidOf(101), outlet: 'shop', amount: 1 });
    expect(e.code).toBe('LOCKER_WRISTBAND_QUOTA');
    expect(e.message['zh-CN']).toBe('超出手牌 101 的额度：剩余 ¥0.00，本次 ¥0.01。');
    expect(e.message.en).toBe('Over the quota of wristband 101: CN¥0.00 left, CN¥0.01 asked.');
  });

  it('refuses a charge over the party quota even when the wristband has room, and the edge passes', async () => {
    t = await lockerTerminal();
    await t.ok('lockers.bind', { commandId: cmd(), wristbands: ['101', '102', '103'], phone: '13800138000', wristbandQuota: 30_000, partyQuota: 50_000 });
    await t.ok('lockers.charge', { commandId: cmd(), wristband: '101', outlet: 'massage', amount: 30_000 });
    const over = await t.refusedUnchanged('lockers.charge', { commandId: cmd(), wristband: '102', outlet: 'restaurant', amount: 25_000 });
    expect(over.code).toBe('LOCKER_PARTY_QUOTA');
    expect(over.message['zh-CN']).toBe('超出同行总额度：全组剩余 ¥200.00，本次 ¥250.00。');
    expect(over.message.en).toContain('CN¥200.00 left for the whole party');

    await t.ok('lockers.charge', { commandId: cmd(), wristband: '102', outlet: 'restaurant', amount: 20_000 }); // party at 500.00 of 500.00
    const full = await t.refusedUnchanged('lockers.charge', { commandId: cmd(), wristband: '103', outlet: 'shop', amount: 1 });
    expect(full.code).toBe('LOCKER_PARTY_QUOTA');

    const view = await t.ok<Party>('lockers.lookup', { wristband: '103' });
    expect(view.party.partyLeft).toBe(0);
    expect(view.party.total).toBe(50_000);
    expect(view.party.wristbands.map((w) => [w.locker, w.subtotal, w.left])).toEqual([
      [101, 30_000, 0],
      [102, 20_000, 10_000],
      [103, 0, 30_000],
    ]);
  });

  it('takes the quotas from the store settings when the cashier sets none', async () => {
    t = await lockerTerminal();
    await t.ok('lockers.updateSettings', { wristbandQuota: 5_000, partyQuota: 8_000 });
    const bound = await t.ok<{ wristbandQuota: number; partyQuota: number }>('lockers.bind', { commandId: cmd(), wristbands: ['110', '111'], phone: '13912345678' });
    expect(bound).toMatchObject({ wristbandQuota: 5_000, partyQuota: 8_000 });
    expect((await t.refused('lockers.charge', { commandId: cmd(), wristband: '110', outlet: 'shop', amount: 5_001 })).code).toBe('LOCKER_WRISTBAND_QUOTA');
  });

  it('a voided charge frees its quota again; voiding needs a manager PIN, a cashier PIN approves nothing', async () => {
    t = await lockerTerminal();
    await t.ok('lockers.bind', { commandId: cmd(), wristbands: ['101'], phone: '13800138000', wristbandQuota: 10_000, partyQuota: 10_000 });
    await t.signInCashier();
    const c = await t.ok<{ chargeId: string }>('lockers.charge', { commandId: cmd(), wristband: '101', outlet: 'restaurant', amount: 10_000 });
    const byCashier = await t.refusedUnchanged('lockers.voidCharge', { commandId: cmd(), chargeId: c.chargeId, approval: { staffId: t.cashierId, pin: '1111' } });
    expect(byCashier.code).toBe('LOCKER_APPROVAL_NOT_MANAGER');
    expect(byCashier.message['zh-CN']).toContain('不是店长');
    const wrongPin = await t.refused('lockers.voidCharge', { commandId: cmd(), chargeId: c.chargeId, approval: { staffId: t.managerId, pin: '9999' } });
    expect(wrongPin.code).toBe('PIN_INCORRECT');

    await t.ok('lockers.voidCharge', { commandId: cmd(), chargeId: c.chargeId, approval: { staffId: t.managerId, pin: '1234' } });
    await t.ok('lockers.charge', { commandId: cmd(), wristband: '101', outlet: 'shop', amount: 10_000 });
    const again = await t.refused('lockers.voidCharge', { commandId: cmd(), chargeId: c.chargeId, approval: { staffId: t.managerId, pin: '1234' } });
    expect(again.code).toBe('LOCKER_CHARGE_CLOSED');
    const audit = await t.services.audit.recent(20);
    expect(audit.filter((a) => a.action === 'lockers.voidCharge').map((a) => a.outcome)).toEqual(['ok', 'refused']);
  });
});

describe('idempotent by command id', () => {
  it('a retried charge returns the first result and holds the money once; the same id with another amount is refused', async () => {
    t = await lockerTerminal();
    await t.ok('lockers.bind', { commandId: cmd(), wristbands: ['101'], phone: '13800138000' });
    const id = cmd();
    const first = await t.ok<{ chargeId: string }>('lockers.charge', { commandId: id, wristband: '101', outlet: 'shop', amount: 2_500 });
    const second = await t.ok<{ chargeId: string }>('lockers.charge', { commandId: id, wristband: '101', outlet: 'shop', amount: 2_500 });
    expect(second).toEqual(first);
    const view = await t.ok<Party>('lockers.lookup', { wristband: '101' });
    expect(view.party.total).toBe(2_500);
    const conflict = await t.refusedUnchanged('lockers.charge', { commandId: id, wristband: '101', outlet: 'shop', amount: 9_900 });
    expect(conflict.code).toBe('IDEMPOTENCY_CONFLICT');
  });
});
