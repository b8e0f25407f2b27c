import { describe, expect, it } from 'vitest';
import { formatReceiptNumber, receiptDay, receiptProblems, receiptTotals, terminalCode } from '../../../src-main/domain/receipt';

describe('the total rule', () => {
  it('total = Σ lines = received − change − refunds', () => {
    const ok = { items: [{ name: 'a', quantity: 2, unitPrice: 500, amount: 1000 }, { name: 'b', quantity: 1, amount: 250 }], tenders: [{ name: 'cash', amount: 2000 }], change: 750 };
    expect(receiptTotals(ok)).toEqual({ total: 1250, received: 2000, change: 750, refunded: 0, paid: 1250 });
    expect(receiptProblems(ok)).toEqual([]);
    const refund = { items: [{ name: '92#', quantity: 1, quantityText: '23.71 L', unitPrice: 759, amount: 18000 }], tenders: [{ name: 'cash', amount: 20000 }], refunds: [{ name: 'cash', amount: 2000 }] };
    expect(receiptProblems(refund)).toEqual([]);
  });

  it('finds a receipt whose total is not what was paid (the fuel pass that printed ¥400.00 for ¥200.00)', () => {
    const pass = { items: [{ name: 'pass', quantity: 1, amount: 20000 }, { name: '92#', quantity: 1, amount: 20000 }], tenders: [{ name: 'cash', amount: 20000 }] };
    expect(receiptProblems(pass)).toEqual([expect.stringContaining('the total 40000 is not what was paid')]);
  });

  it('finds a line whose quantity × unit price is not its amount, and non-integer money', () => {
    expect(receiptProblems({ items: [{ name: 'a', quantity: 3, unitPrice: 333, amount: 1000 }], tenders: [] })).toEqual(['a: 3 × 333 is not 1000']);
    expect(receiptProblems({ items: [{ name: 'a', quantity: 1, amount: 0.1 }], tenders: [] })).toEqual(['an amount is not an integer of minor units']);
  });
});

describe('receipt numbers', () => {
  it('are terminal code, store day and a 4-digit sequence', () => {
    expect(terminalCode('Counter 1')).toBe('C1');
    expect(terminalCode('Fuel desk 2')).toBe('FD2');
    expect(terminalCode('收银台')).toBe('T');
    expect(terminalCode('收银台 3')).toBe('3');
    expect(terminalCode('POS12')).toBe('P12');
    // 23:30 UTC on 21 Nov is already 22 Nov in Shanghai.
    expect(receiptDay(new Date('2026-11-21T23:30:00Z'), 'Asia/Shanghai')).toBe('20261122');
    expect(formatReceiptNumber('C1', '20261122', 42)).toBe('C1-20261122-0042');
  });
});
