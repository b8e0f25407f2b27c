import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, LedgerError, canonicalJson, chainHash, checkBalanced, checkChange, type AccountCounters } from '../../../src-main/domain/ledger';

const acct = (over: Partial<AccountCounters>): AccountCounters => ({
  id: 'a',
  normal: 'debit',
  quota: null,
  nonNegative: false,
  debitsPosted: 0,
  creditsPosted: 0,
  debitsPending: 0,
  creditsPending: 0,
  ...over,
});

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 'x' }], c: undefined } })).toBe('{"a":{"d":[1,{"y":"x","z":1}]},"b":1}');
  });
  it('refuses floats and unsafe integers', () => {
    expect(() => canonicalJson({ a: 1.5 })).toThrow();
    expect(() => canonicalJson(2 ** 53)).toThrow();
    expect(() => canonicalJson(new Date())).toThrow();
  });
  it('chains SHA-256 over the previous hash and the body', () => {
    expect(chainHash(GENESIS_HASH, '{}').toString('hex')).toHaveLength(64);
    expect(chainHash(GENESIS_HASH, '{}').equals(chainHash(Buffer.alloc(32, 1), '{}'))).toBe(false);
  });
});

describe('checkChange', () => {
  it('quota: exactly at the limit passes, one over fails', () => {
    const a = acct({ quota: 100, debitsPosted: 30, debitsPending: 20, creditsPending: 50 });
    expect(() => checkChange(a, 'debit', 50)).not.toThrow();
    expect(() => checkChange(a, 'debit', 51)).toThrow(LedgerError);
    expect(() => checkChange(a, 'credit', 10_000)).not.toThrow();
  });
  it('non-negative: pending decreases count, pending increases do not', () => {
    const a = acct({ normal: 'credit', nonNegative: true, creditsPosted: 100, debitsPending: 40, creditsPending: 500 });
    expect(() => checkChange(a, 'debit', 60)).not.toThrow();
    expect(() => checkChange(a, 'debit', 61)).toThrow(/INSUFFICIENT_FUNDS/);
  });
  it('balanced per unit', () => {
    expect(() => checkBalanced([{ accountId: 'a', side: 'debit', amount: 1, unit: 'CNY' }, { accountId: 'b', side: 'credit', amount: 1, unit: 'CNY' }])).not.toThrow();
    expect(() => checkBalanced([{ accountId: 'a', side: 'debit', amount: 1, unit: 'CNY' }, { accountId: 'b', side: 'credit', amount: 1, unit: 'USD' }])).toThrow(/UNBALANCED/);
  });
});
