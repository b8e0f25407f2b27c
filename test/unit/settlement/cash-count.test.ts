import { describe, expect, it } from 'vitest';
import { buildReport, cashDifference, countTotal, expectedCash, normalizeCount, type FigureRow } from '../../../src-main/domain/settlement';

describe('counting the drawer by denomination', () => {
  it('adds notes and coins in minor units', () => {
    expect(countTotal({ '10000': 3, '5000': 1, '100': 7, '50': 1, '10': 3 }, 'CNY')).toEqual({ ok: true, total: 35780 });
    expect(countTotal({}, 'CNY')).toEqual({ ok: true, total: 0 });
  });

  it('refuses a denomination the currency does not have, and pieces that are not whole and non-negative', () => {
    expect(countTotal({ '3000': 1 }, 'CNY')).toEqual({ ok: false, problem: { denomination: '3000', reason: 'unknown' } });
    expect(countTotal({ '25': 1 }, 'CNY')).toEqual({ ok: false, problem: { denomination: '25', reason: 'unknown' } });
    expect(countTotal({ '25': 4 }, 'USD')).toEqual({ ok: true, total: 100 });
    expect(countTotal({ '100': -1 }, 'CNY')).toMatchObject({ ok: false, problem: { reason: 'pieces' } });
    expect(countTotal({ '100': 1.5 }, 'CNY')).toMatchObject({ ok: false, problem: { reason: 'pieces' } });
    expect(countTotal({ '100': 100_001 }, 'CNY')).toMatchObject({ ok: false, problem: { reason: 'pieces' } });
    expect(countTotal({ '100': 100_000 }, 'CNY')).toEqual({ ok: true, total: 10_000_000 });
  });

  it('keeps a count without empty denominations', () => {
    expect(normalizeCount({ '10': 2, '10000': 1, '500': 0 }, 'CNY')).toEqual({ '10000': 1, '10': 2 });
  });
});

describe('expected cash and the difference', () => {
  it('expected = float + cash sales − cash refunds + pay-ins − pay-outs', () => {
    expect(expectedCash({ float: 50000, cashSales: 23000, cashRefunds: 1500, payIns: 10000, payOuts: 3000 })).toBe(78500);
  });

  it('over and short against the limit: exactly the limit passes, one fen more needs a manager', () => {
    expect(cashDifference(10000, 10500, 500)).toEqual({ difference: 500, needsManager: false });
    expect(cashDifference(10000, 9500, 500)).toEqual({ difference: -500, needsManager: false });
    expect(cashDifference(10000, 10501, 500)).toEqual({ difference: 501, needsManager: true });
    expect(cashDifference(10000, 9499, 500)).toEqual({ difference: -501, needsManager: true });
    expect(cashDifference(10000, 10000, 0)).toEqual({ difference: 0, needsManager: false });
    expect(cashDifference(10000, 10001, 0)).toEqual({ difference: 1, needsManager: true });
  });
});

describe('the day report', () => {
  const row = (p: Partial<FigureRow>): FigureRow => ({ day: '2026-12-04', terminal: 'T1', staff: 'A', kind: 'sale', key: 'lockers', count: 1, amount: 0, volume: 0, ...p });

  it('totals are the sums of the rows of the day and nothing else', () => {
    const r = buildReport({
      kind: 'X',
      day: '2026-12-04',
      currency: 'CNY',
      timeZone: 'Asia/Shanghai',
      generatedAt: '2026-12-04T12:00:00Z',
      figures: [
        row({ kind: 'sale', key: 'lockers', count: 2, amount: 30000 }),
        row({ kind: 'sale', key: 'fuel', count: 1, amount: 20000, volume: 2635, staff: 'B' }),
        row({ kind: 'sale', key: 'fuel', count: 1, amount: 99999, day: '2026-12-03' }),
        row({ kind: 'tender', key: 'cash', amount: 35000 }),
        row({ kind: 'tender', key: 'mobile', amount: 15000 }),
        row({ kind: 'refund', key: 'fuel', count: 1, amount: 3000, volume: 395, staff: 'B' }),
        row({ kind: 'refund_tender', key: 'cash', amount: 3000 }),
        row({ kind: 'pay_out', key: 'cash', amount: 2000 }),
      ],
      shifts: [{ id: 's', terminal: 'T1', staff: 'A', openedAt: '', closedAt: '', float: 50000, cashSales: 0, cashRefunds: 0, payIns: 0, payOuts: 0, expected: 0, counted: 79900, difference: null, approvedBy: null }],
      exceptions: [],
      openItems: [],
      receipts: { first: null, last: null, count: 0 },
    });
    expect(r.salesTotal).toBe(50000);
    expect(r.tickets).toBe(3);
    expect(r.averageTicket).toBe(16666);
    expect(r.refundsTotal).toBe(3000);
    expect(r.net).toBe(47000);
    expect(r.tenders).toEqual([
      { method: 'cash', amount: 35000, refunded: 3000, net: 32000 },
      { method: 'mobile', amount: 15000, refunded: 0, net: 15000 },
    ]);
    expect(r.cash).toEqual({ float: 50000, sales: 35000, refunds: 3000, payIns: 0, payOuts: 2000, expected: 80000, counted: 79900, difference: -100 });
    expect(r.byCashier).toEqual([
      { staff: 'A', tickets: 2, sales: 30000, refunds: 0 },
      { staff: 'B', tickets: 1, sales: 20000, refunds: 3000 },
    ]);
  });
});
