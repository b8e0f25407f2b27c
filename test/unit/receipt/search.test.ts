// What a cashier types on the Receipts screen finds the receipt they mean.
import { describe, expect, it } from 'vitest';
import { matcher } from '../../../src-main/services/receipts/receipt-service';
import type { ReceiptRow } from '../../../src-main/services/receipts/statements';

const row = (over: Partial<ReceiptRow>): ReceiptRow => ({
  id: 'r', number: 'C1-20261122-0042', terminal_id: 't', day: '20261122', seq: 42, kind: 'locker-checkout', transaction_id: 'x', total: 18830,
  phone: '138****8000', lockers: ',101,102,', pump: null, paper_mm: 80, text_mode: 'multibyte', created_at: '', body: '{}', ...over,
});

describe('receipt search', () => {
  const checkout = row({});
  const pass = row({ number: 'C1-20261122-0043', kind: 'fuel-pass', total: 20000, phone: null, lockers: null, pump: 3 });
  const find = (q: string) => [checkout, pass].filter(matcher(q)).map((r) => r.number.slice(-4));

  it('by part of the number, any case', () => {
    expect(find('0042')).toEqual(['0042']);
    expect(find('c1-20261122-0043')).toEqual(['0043']);
  });
  it('by amount, exactly, with or without decimals', () => {
    expect(find('188.30')).toEqual(['0042']);
    expect(find('188.3')).toEqual(['0042']);
    expect(find('200')).toEqual(['0043']);
    expect(find('188')).toEqual([]);
  });
  it('by phone tail (3 digits or more), locker and pump', () => {
    expect(find('8000')).toEqual(['0042']);
    expect(find('102')).toEqual(['0042']);
    expect(find('10')).toEqual([]); // not locker 101 or 102, and too short for a phone tail
    expect(find('3')).toEqual(['0043']);
  });
  it('everything when empty', () => {
    expect(find('')).toEqual(['0042', '0043']);
  });
});
