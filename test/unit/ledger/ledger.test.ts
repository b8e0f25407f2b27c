import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v4 as uuidv4 } from 'uuid';
import { LedgerError, type Ledger } from '../../../src-main/ledger';
import { checkInvariants, cid, makeLedger, open, type TestLedger } from './support';

function expectError(fn: () => unknown, code: string, details?: Record<string, unknown>): LedgerError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(LedgerError);
    const err = e as LedgerError;
    expect(err.code).toBe(code);
    if (details) expect(err.details).toMatchObject(details);
    return err;
  }
  throw new Error(`expected ${code}, nothing was thrown`);
}

const journalLength = (t: TestLedger) => (t.db.sqlite.prepare(`SELECT count(*) FROM ledger_journal`).pluck().get() as number);

let t: TestLedger;
let L: Ledger;
let revenue: string;
let group: string;
let band1: string;
let band2: string;

beforeEach(async () => {
  t = await makeLedger();
  L = t.ledger;
  revenue = open(L, 'revenue', 'revenue');
  group = open(L, 'group-A', 'customer_group', { group: true, quota: 1000 });
  band1 = open(L, 'band-1', 'medium', { parentId: group, quota: 600 });
  band2 = open(L, 'band-2', 'medium', { parentId: group, quota: 600 });
});
afterEach(async () => {
  checkInvariants(t.db.sqlite);
  await t.close();
});

const hold = (account: string, amount: number, extra: object = {}) =>
  L.authorize({ commandId: cid(), debitAccountId: account, creditAccountId: revenue, amount, ...extra });

describe('accounts', () => {
  it('opens accounts with kind defaults and journals them', () => {
    expect(L.balance(band1)).toMatchObject({ normal: 'debit', posted: 0, pending: 0, available: 600, limit: 600 });
    const sv = open(L, 'card-1', 'stored_value');
    expect(L.balance(sv)).toMatchObject({ normal: 'credit', available: 0, limit: null });
    expect(journalLength(t)).toBe(5);
  });
  it('refuses a duplicate code, a non-group parent and a parent in another unit', () => {
    expectError(() => open(L, 'band-1', 'medium'), 'ACCOUNT_EXISTS');
    expectError(() => open(L, 'band-x', 'medium', { parentId: band1 }), 'INVALID_PARENT');
    expectError(() => open(L, 'band-y', 'medium', { parentId: group, unit: 'USD' }), 'UNIT_MISMATCH');
    expectError(() => open(L, 'band-z', 'medium', { parentId: 'nope' }), 'ACCOUNT_NOT_FOUND');
  });
});

describe('quota', () => {
  it('accepts a hold exactly at the quota and refuses one minor unit over, saying by how much', () => {
    hold(band1, 600);
    expect(L.balance(band1)).toMatchObject({ pending: 600, available: 0 });
    expectError(() => hold(band1, 1), 'QUOTA_EXCEEDED', { accountId: band1, limit: 600, used: 600, requested: 1 });
  });
  it('counts posted plus pending against the quota', () => {
    const h = hold(band1, 400);
    L.capture({ commandId: cid(), holdId: h.holdId, amount: 300 });
    hold(band1, 200);
    expectError(() => hold(band1, 101), 'QUOTA_EXCEEDED', { used: 500, requested: 101 });
    hold(band1, 100);
  });
  it('refuses the second wristband when the group quota is hit', () => {
    hold(band1, 600);
    hold(band2, 400);
    expectError(() => hold(band2, 1), 'QUOTA_EXCEEDED', { accountId: group, limit: 1000, used: 1000, requested: 1 });
    expect(L.balance(group)).toMatchObject({ pending: 1000, available: 0 });
  });
  it('checks every ancestor of a nested group', () => {
    const top = open(L, 'top', 'customer_group', { group: true, quota: 50 });
    const mid = open(L, 'mid', 'customer_group', { group: true, parentId: top });
    const leaf = open(L, 'leaf', 'medium', { parentId: mid });
    hold(leaf, 50);
    expectError(() => hold(leaf, 1), 'QUOTA_EXCEEDED', { accountId: top, limit: 50 });
  });
  it('also holds for one-step posts, and releases with voids', () => {
    expectError(() => L.post({ commandId: cid(), legs: [{ accountId: band1, side: 'debit', amount: 601 }, { accountId: revenue, side: 'credit', amount: 601 }] }), 'QUOTA_EXCEEDED');
    const h = hold(band1, 600);
    L.void({ commandId: cid(), holdId: h.holdId });
    hold(band1, 600);
  });
});

describe('holds', () => {
  it('captures for less than held and releases the rest', () => {
    const h = hold(band1, 500);
    const c = L.capture({ commandId: cid(), holdId: h.holdId, amount: 320 });
    expect(c.amount).toBe(320);
    expect(L.balance(band1)).toMatchObject({ posted: 320, pending: 0, available: 280 });
    expect(L.balance(revenue)).toMatchObject({ posted: 320, pending: 0 });
    expect(L.hold(h.holdId)).toMatchObject({ status: 'captured', capturedAmount: 320 });
  });
  it('captures the held amount by default and exactly the held amount is fine', () => {
    const h = hold(band1, 500);
    expect(L.capture({ commandId: cid(), holdId: h.holdId }).amount).toBe(500);
    const h2 = hold(band2, 100);
    expect(L.capture({ commandId: cid(), holdId: h2.holdId, amount: 100 }).amount).toBe(100);
  });
  it('refuses a capture of more than held', () => {
    const h = hold(band1, 500);
    expectError(() => L.capture({ commandId: cid(), holdId: h.holdId, amount: 501 }), 'CAPTURE_EXCEEDS_HOLD', { held: 500, requested: 501 });
    expect(L.hold(h.holdId)?.status).toBe('pending');
  });
  it('resolves a hold once: void after capture and capture after void are refused', () => {
    const a = hold(band1, 100);
    L.capture({ commandId: cid(), holdId: a.holdId });
    expectError(() => L.void({ commandId: cid(), holdId: a.holdId }), 'HOLD_NOT_PENDING', { status: 'captured' });
    const b = hold(band1, 100);
    L.void({ commandId: cid(), holdId: b.holdId });
    expectError(() => L.capture({ commandId: cid(), holdId: b.holdId }), 'HOLD_NOT_PENDING', { status: 'voided' });
    expectError(() => L.capture({ commandId: cid(), holdId: cid() }), 'HOLD_NOT_FOUND');
  });
  it('expires holds at their expiry: capture refused, quota released, journaled', () => {
    const h = hold(band1, 600, { ttlMs: 60_000 });
    t.clock.t += 59_999;
    expectError(() => hold(band1, 1), 'QUOTA_EXCEEDED');
    t.clock.t += 1; // exactly at expiry
    expectError(() => L.capture({ commandId: cid(), holdId: h.holdId }), 'HOLD_EXPIRED');
    expect(L.expireHolds()).toBe(1);
    expect(L.hold(h.holdId)?.status).toBe('expired');
    expect(L.balance(band1)).toMatchObject({ pending: 0, available: 600 });
    hold(band1, 600);
    const last = t.db.sqlite.prepare(`SELECT body FROM ledger_journal WHERE body LIKE '%"type":"expire"%'`).pluck().all();
    expect(last).toHaveLength(1);
  });
  it('a command past expiry sweeps overdue holds first', () => {
    hold(band1, 600, { ttlMs: 1000 });
    t.clock.t += 1000;
    hold(band1, 600);
    expect(L.holds(band1, 'pending')).toHaveLength(1);
    expect(L.holds(band1)).toHaveLength(2);
  });
  it('captures one millisecond before expiry', () => {
    const h = hold(band1, 10, { ttlMs: 1000 });
    t.clock.t += 999;
    L.capture({ commandId: cid(), holdId: h.holdId });
  });
  it('refuses holds across units and on groups', () => {
    const miles = open(L, 'miles-1', 'miles', { unit: 'MILES' });
    expectError(() => L.authorize({ commandId: cid(), debitAccountId: miles, creditAccountId: revenue, amount: 1 }), 'UNIT_MISMATCH');
    expectError(() => hold(group, 1), 'ACCOUNT_IS_GROUP');
    expectError(() => hold('no-such-account', 1), 'ACCOUNT_NOT_FOUND');
  });
});

describe('stored value and miles never go below zero', () => {
  it('refuses a hold or a post beyond the balance, including pending', () => {
    const cash = open(L, 'cash', 'tender');
    const card = open(L, 'card', 'stored_value');
    L.post({ commandId: cid(), legs: [{ accountId: cash, side: 'debit', amount: 1000 }, { accountId: card, side: 'credit', amount: 1000 }] });
    const h = L.authorize({ commandId: cid(), debitAccountId: card, creditAccountId: revenue, amount: 700 });
    expectError(() => L.authorize({ commandId: cid(), debitAccountId: card, creditAccountId: revenue, amount: 301 }), 'INSUFFICIENT_FUNDS', {
      accountId: card,
      available: 300,
      requested: 301,
    });
    L.authorize({ commandId: cid(), debitAccountId: card, creditAccountId: revenue, amount: 300 });
    L.void({ commandId: cid(), holdId: h.holdId });
    expect(L.balance(card)).toMatchObject({ posted: 1000, pendingDecrease: 300, available: 700 });
    expectError(
      () => L.post({ commandId: cid(), legs: [{ accountId: card, side: 'debit', amount: 701 }, { accountId: revenue, side: 'credit', amount: 701 }] }),
      'INSUFFICIENT_FUNDS',
    );
  });
});

describe('posts and reversals', () => {
  it('refuses unbalanced posts, per unit', () => {
    const cash = open(L, 'cash', 'tender');
    const miles = open(L, 'miles', 'miles', { unit: 'MILES' });
    const milesCl = open(L, 'miles-clearing', 'clearing', { unit: 'MILES' });
    expectError(() => L.post({ commandId: cid(), legs: [{ accountId: cash, side: 'debit', amount: 100 }, { accountId: revenue, side: 'credit', amount: 99 }] }), 'UNBALANCED');
    expectError(() => L.post({ commandId: cid(), legs: [{ accountId: cash, side: 'debit', amount: 100 }, { accountId: milesCl, side: 'credit', amount: 100 }] }), 'UNBALANCED', { unit: 'CNY' });
    expectError(() => L.post({ commandId: cid(), legs: [{ accountId: cash, side: 'debit', amount: 100 }] }), 'INVALID_COMMAND');
    L.post({
      commandId: cid(),
      legs: [
        { accountId: milesCl, side: 'debit', amount: 5000 },
        { accountId: miles, side: 'credit', amount: 5000 },
        { accountId: cash, side: 'debit', amount: 100 },
        { accountId: revenue, side: 'credit', amount: 60 },
        { accountId: revenue, side: 'credit', amount: 40 },
      ],
    });
    expect(L.balance(miles).posted).toBe(5000);
    expect(L.balance(revenue).posted).toBe(100);
  });
  it('reverses a transfer once, pointing at it', () => {
    const h = hold(band1, 200);
    const c = L.capture({ commandId: cid(), holdId: h.holdId });
    const r = L.reverse({ commandId: cid(), transferId: c.transferId });
    expect(r.reversesTransferId).toBe(c.transferId);
    expect(L.balance(band1)).toMatchObject({ posted: 0, debitsPosted: 200, creditsPosted: 200 });
    expect(L.transfer(r.transferId)).toMatchObject({ kind: 'reversal', reversesId: c.transferId });
    expectError(() => L.reverse({ commandId: cid(), transferId: c.transferId }), 'ALREADY_REVERSED');
    expectError(() => L.reverse({ commandId: cid(), transferId: r.transferId }), 'INVALID_COMMAND');
    expectError(() => L.reverse({ commandId: cid(), transferId: cid() }), 'TRANSFER_NOT_FOUND');
  });
  it('refuses a reversal that would take stored value below zero', () => {
    const cash = open(L, 'cash', 'tender');
    const card = open(L, 'card', 'stored_value');
    const topUp = L.post({ commandId: cid(), legs: [{ accountId: cash, side: 'debit', amount: 500 }, { accountId: card, side: 'credit', amount: 500 }] });
    L.post({ commandId: cid(), legs: [{ accountId: card, side: 'debit', amount: 1 }, { accountId: revenue, side: 'credit', amount: 1 }] });
    expectError(() => L.reverse({ commandId: cid(), transferId: topUp.transferId }), 'INSUFFICIENT_FUNDS', { available: 499, requested: 500 });
  });
  it('posted rows are immutable', () => {
    const cash = open(L, 'cash', 'tender');
    L.post({ commandId: cid(), legs: [{ accountId: cash, side: 'debit', amount: 5 }, { accountId: revenue, side: 'credit', amount: 5 }] });
    expect(() => t.db.sqlite.exec(`UPDATE ledger_posting SET amount = 6`)).toThrow(/append-only/);
    expect(() => t.db.sqlite.exec(`DELETE FROM ledger_journal`)).toThrow(/append-only/);
  });
});

describe('amounts and ids', () => {
  it.each([0, -1, 1.5, 2 ** 53, Number.NaN, Infinity, '100' as unknown as number])('refuses amount %s', (amount) => {
    expectError(() => hold(band1, amount), 'INVALID_AMOUNT');
  });
  it('accepts the largest safe integer where no limit applies', () => {
    const cash = open(L, 'cash', 'tender');
    L.post({ commandId: cid(), legs: [{ accountId: cash, side: 'debit', amount: Number.MAX_SAFE_INTEGER }, { accountId: revenue, side: 'credit', amount: Number.MAX_SAFE_INTEGER }] });
    expect(L.balance(revenue).posted).toBe(Number.MAX_SAFE_INTEGER);
  });
  it.each(['abc', uuidv4(), '', undefined])('refuses command id %s', (commandId) => {
    expectError(() => L.authorize({ commandId: commandId as string, debitAccountId: band1, creditAccountId: revenue, amount: 1 }), 'INVALID_COMMAND_ID');
  });
});

describe('idempotency', () => {
  it('returns the first result for a replay and writes nothing', () => {
    const commandId = cid();
    const input = { commandId, debitAccountId: band1, creditAccountId: revenue, amount: 100 };
    const first = L.authorize(input);
    const before = journalLength(t);
    expect(L.authorize({ ...input })).toEqual(first);
    expect(journalLength(t)).toBe(before);
    expect(L.holds(band1)).toHaveLength(1);
  });
  it('refuses the same id with a different body or another command type', () => {
    const commandId = cid();
    L.authorize({ commandId, debitAccountId: band1, creditAccountId: revenue, amount: 100 });
    expectError(() => L.authorize({ commandId, debitAccountId: band1, creditAccountId: revenue, amount: 101 }), 'IDEMPOTENCY_CONFLICT', { commandId });
    expectError(() => L.void({ commandId, holdId: cid() }), 'IDEMPOTENCY_CONFLICT');
  });
  it('a refused command leaves its id free', () => {
    const commandId = cid();
    expectError(() => L.authorize({ commandId, debitAccountId: band1, creditAccountId: revenue, amount: 601 }), 'QUOTA_EXCEEDED');
    L.authorize({ commandId, debitAccountId: band1, creditAccountId: revenue, amount: 600 });
  });
});

describe('commit', () => {
  it('captures several holds and posts a payment in one transaction and one entry', () => {
    const cash = open(L, 'cash', 'tender');
    const a = hold(band1, 300);
    const b = hold(band2, 200);
    const before = journalLength(t);
    const r = L.commit({
      commandId: cid(),
      steps: [
        { type: 'capture', holdId: a.holdId, amount: 250 },
        { type: 'capture', holdId: b.holdId },
        { type: 'post', legs: [{ accountId: cash, side: 'debit', amount: 450 }, { accountId: band1, side: 'credit', amount: 250 }, { accountId: band2, side: 'credit', amount: 200 }] },
      ],
    });
    expect(journalLength(t)).toBe(before + 1);
    expect(r.results.map((x) => x.type)).toEqual(['capture', 'capture', 'post']);
    expect(L.balance(band1).posted).toBe(0);
    expect(L.balance(group)).toMatchObject({ posted: 0, pending: 0 });
    expect(L.balance(revenue).posted).toBe(450);
    expect(L.balance(cash).posted).toBe(450);
  });
  it('is all or nothing: a failing step undoes the earlier ones', () => {
    const a = hold(band1, 300);
    const before = journalLength(t);
    expectError(
      () => L.commit({ commandId: cid(), steps: [{ type: 'capture', holdId: a.holdId }, { type: 'capture', holdId: a.holdId }] }),
      'HOLD_NOT_PENDING',
    );
    expect(L.hold(a.holdId)?.status).toBe('pending');
    expect(journalLength(t)).toBe(before);
  });
});

describe('queries', () => {
  it('lists holds, entries and transactions in a UTC range', () => {
    const h = hold(band1, 100);
    t.clock.t += 3_600_000;
    const c = L.capture({ commandId: cid(), holdId: h.holdId });
    expect(L.holds(band1, 'pending')).toHaveLength(0);
    expect(L.entries(band1)).toEqual([expect.objectContaining({ transferId: c.transferId, side: 'debit', amount: 100 })]);
    const from = new Date(t.clock.t - 1000);
    expect(L.transactions(from, new Date(t.clock.t + 1))).toHaveLength(1);
    expect(L.transactions(new Date(0), from)).toHaveLength(0);
    expect(L.entries(band1, { to: from })).toHaveLength(0);
  });
});
