import { afterEach, describe, expect, it } from 'vitest';
import type { FuelOrder } from '../../../src-main/api/contract/fuel';
import type { DayReportView } from '../../../src-main/api/contract/settlement';
import { balance, openFuelCounter, payInput, waitForOrderState, type FuelCounter } from '../fuel/fixtures';

let c: FuelCounter;
afterEach(async () => {
  await c?.close();
});

describe('fuel in the day report', () => {
  it('sales by grade with the litres the pumps delivered; an underrun refund and a reversed payment are refunds on their tender, equal to the ledger', async () => {
    c = await openFuelCounter({ centilitresPerSecond: 400 });
    await c.t.ok('settlement.updateSettings', { shiftMode: 'auto' });
    // Full: 100.00 yuan of 92# in cash.
    const full = await c.t.ok<FuelOrder>('fuel.pay', payInput({ quantity: 10_000 }));
    const fullDone = await waitForOrderState(c, full.id, 'completed', 20_000);
    // Stopped early: 1000.00 yuan of 95# by card, the rest refunded.
    const big = await c.t.ok<FuelOrder>('fuel.pay', payInput({ quantity: 100_000, gradeId: '95', price: 812, tender: 'bank_card', pump: 2 }));
    await waitForOrderState(c, big.id, 'dispensing', 20_000);
    await c.t.ok('fuel.stop', { orderId: big.id });
    const bigDone = await waitForOrderState(c, big.id, 'refunded', 20_000);
    // Reversed: the controller refuses, the cash goes back.
    c.demo.pump.setPumpOffline(1, true);
    const reversed = await c.t.ok<FuelOrder>('fuel.pay', payInput({ quantity: 5_000 }));
    expect(reversed.state).toBe('reversed');

    const r = (await c.t.ok<{ report: DayReportView }>('settlement.report', {})).report;
    expect(r.sales).toEqual([{ workflow: 'fuel', count: 3, amount: 10_000 + 100_000 + 5_000, volume: full.volume + big.volume + reversed.volume }]);
    expect(r.refunds).toEqual([{ workflow: 'fuel', count: 2, amount: bigDone.refundAmount! + 5_000, volume: big.volume - bigDone.dispensedVolume! + reversed.volume }]);
    expect(r.grades).toEqual([
      { grade: '92#', count: 2, amount: 10_000, volume: fullDone.dispensedVolume! },
      { grade: '95#', count: 1, amount: bigDone.chargedAmount!, volume: bigDone.dispensedVolume! },
    ]);
    // Net per tender = what the tender accounts hold in the ledger.
    const net = Object.fromEntries(r.tenders.map((t) => [t.method, t.net]));
    expect(net).toEqual({ cash: balance(c.t, 'tender:cash'), bank_card: balance(c.t, 'tender:bank_card') });
    expect(r.net).toBe(balance(c.t, 'fuel_sales'));
    expect(r.exceptions.map((e) => [e.kind, e.workflow, e.reason])).toEqual([
      ['refund', 'fuel', 'underrun'],
      ['refund', 'fuel', 'reversed: DEVICE_REFUSED'],
    ]);
  }, 120_000);
});
