import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { verifyJournal } from '../../../src-main/ledger';
import { openTerminal, setUpStore, type TestTerminal } from '../../support/services';

let t: TestTerminal | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const tenderAccounts = (t: TestTerminal) =>
  t.services.db.sqlite.prepare(`SELECT code, closed_at, debits_posted - credits_posted AS balance FROM ledger_account WHERE kind = 'tender' ORDER BY code`).all() as { code: string; closed_at: string | null; balance: number }[];

describe('one store, one account per tender', () => {
  it('a data dir with fuel’s old tender accounts (tender.cash, tender.card) is merged at start: balances moved by a journaled transfer, old accounts closed', async () => {
    t = await openTerminal();
    await setUpStore(t);
    const L = t.services.ledger;
    // What fuel booked before the payments module: its own accounts beside the store's.
    const sales = L.openAccount({ commandId: uuidv7(), code: 'fuel_sales', name: 'Fuel sales', kind: 'fuel_sales', unit: 'CNY' }).accountId;
    const oldCash = L.openAccount({ commandId: uuidv7(), code: 'tender.cash', name: 'Cash', kind: 'tender', unit: 'CNY' }).accountId;
    const oldCard = L.openAccount({ commandId: uuidv7(), code: 'tender.card', name: 'Card', kind: 'tender', unit: 'CNY' }).accountId;
    L.post({ commandId: uuidv7(), legs: [{ accountId: oldCash, side: 'debit', amount: 20_000 }, { accountId: sales, side: 'credit', amount: 20_000 }] });
    L.post({ commandId: uuidv7(), legs: [{ accountId: oldCard, side: 'debit', amount: 8_120 }, { accountId: sales, side: 'credit', amount: 8_120 }] });
    // …and a locker checkout already paid into the store's cash account.
    await t.ok('lockers.registerLocker', { locker: 101, uid: 'A1B20101' });
    await t.ok('lockers.bind', { commandId: uuidv7(), wristbands: ['101'], phone: '13800138000' });
    await t.ok('lockers.charge', { commandId: uuidv7(), wristband: '101', outlet: 'shop', amount: 500 });
    await t.ok('lockers.checkout', { commandId: uuidv7(), wristband: '101', tenders: [{ method: 'cash', amount: 500 }] });
    const dataDir = t.dataDir;
    await t.close();

    t = await openTerminal({ dataDir });
    expect(tenderAccounts(t)).toEqual([
      { code: 'tender.card', closed_at: expect.any(String), balance: 0 },
      { code: 'tender.cash', closed_at: expect.any(String), balance: 0 },
      { code: 'tender:bank_card', closed_at: null, balance: 8_120 },
      { code: 'tender:cash', closed_at: null, balance: 20_500 },
    ]);
    // A closed account takes no more legs; the merge ran once and is in the journal.
    expect(() => t!.services.ledger.post({ commandId: uuidv7(), legs: [{ accountId: oldCash, side: 'debit', amount: 1 }, { accountId: sales, side: 'credit', amount: 1 }] })).toThrow(/ACCOUNT_CLOSED/);
    const merges = t.services.db.sqlite.prepare(`SELECT COUNT(*) FROM ledger_journal WHERE body LIKE '%payments.mergeLegacyTenders%'`).pluck().get();
    expect(merges).toBe(1);
    expect(verifyJournal(t.services.db.sqlite)).toMatchObject({ ok: true });
    await t.close();
    t = await openTerminal({ dataDir });
    expect(t.services.db.sqlite.prepare(`SELECT COUNT(*) FROM ledger_journal WHERE body LIKE '%payments.mergeLegacyTenders%'`).pluck().get()).toBe(1);
  });

  it('payments.quote shows due, change and what is missing by the one rule', async () => {
    t = await openTerminal();
    await setUpStore(t);
    expect(await t.ok('payments.quote', { total: 39_400, tenders: [{ method: 'bank_card', amount: 20_000 }, { method: 'cash', amount: 20_000 }] })).toMatchObject({ due: 39_400, received: 40_000, change: 600, short: 0, problem: null });
    expect(await t.ok('payments.quote', { total: 39_400, tenders: [{ method: 'bank_card', amount: 40_000 }] })).toMatchObject({ change: 0, over: 600, problem: 'nonCashOver' });
    expect((await t.call('payments.quote', { total: 100, tenders: [{ method: 'miles', amount: 100 }] })).ok).toBe(false);
  });
});

describe('migrations', () => {
  it('applied migrations must be a prefix of the known list: a reordered list is refused before anything runs', async () => {
    const { openDatabase, MigrationOrderError } = await import('../../../src-main/ledger/database');
    const { tempDir } = await import('../../support/services');
    const dir = tempDir();
    const db = await openDatabase(dir);
    const names = db.sqlite.prepare(`SELECT name FROM migrations ORDER BY id`).pluck().all() as string[];
    expect(names.length).toBeGreaterThanOrEqual(5);
    // Swap two applied names, as a list with a late-inserted migration would look to an old database.
    db.sqlite.prepare(`UPDATE migrations SET name = CASE name WHEN ? THEN ? ELSE ? END WHERE name IN (?, ?)`).run(names[1], names[2], names[1], names[1], names[2]);
    await db.close();
    await expect(openDatabase(dir)).rejects.toBeInstanceOf(MigrationOrderError);
  });
});
