import { afterEach, describe, expect, it } from 'vitest';
import { verifyJournalTail } from '../../../src-main/ledger';
import { TERMINAL, cid, makeLedger, open, type TestLedger } from '../ledger/support';

const ledgers: TestLedger[] = [];
afterEach(async () => {
  while (ledgers.length) await ledgers.pop()!.close();
});

/** 30 journal entries: 2 accounts opened, then 14 authorize + capture pairs. */
async function journalOf30() {
  const t = await makeLedger();
  ledgers.push(t);
  const revenue = open(t.ledger, 'revenue', 'revenue');
  const band = open(t.ledger, 'band', 'medium');
  for (let i = 0; i < 14; i++) t.ledger.capture({ commandId: cid(), holdId: t.ledger.authorize({ commandId: cid(), debitAccountId: band, creditAccountId: revenue, amount: 100 + i }).holdId });
  const db = t.db.sqlite;
  db.exec(`DROP TRIGGER ledger_journal_no_update; DROP TRIGGER ledger_journal_no_delete;`);
  return db;
}

describe('the start-up look at the journal tail', () => {
  it('passes an intact journal, checking only the newest n entries (and an empty one)', async () => {
    const db = await journalOf30();
    expect(verifyJournalTail(db, TERMINAL, 10)).toEqual({ ok: true, count: 10, terminals: 1 });
    expect(verifyJournalTail(db, TERMINAL, 1000)).toEqual({ ok: true, count: 30, terminals: 1 });
    expect(verifyJournalTail(db, 'another-terminal', 10)).toEqual({ ok: true, count: 0, terminals: 0 });
  });

  it('finds an entry altered inside the tail, at its seq; one just before the tail is left to the full verify', async () => {
    const db = await journalOf30();
    db.prepare(`UPDATE ledger_journal SET body = body || ' ' WHERE seq = 25`).run();
    expect(verifyJournalTail(db, TERMINAL, 10)).toMatchObject({ ok: false, seq: 25, reason: 'altered' });
    const other = await journalOf30();
    other.prepare(`UPDATE ledger_journal SET body = body || ' ' WHERE seq = 3`).run();
    expect(verifyJournalTail(other, TERMINAL, 10)).toMatchObject({ ok: true });
  });

  it('sees an entry deleted anywhere (before the tail too) by counting entries against the highest seq', async () => {
    const db = await journalOf30();
    db.prepare(`DELETE FROM ledger_journal WHERE seq = 4`).run();
    expect(verifyJournalTail(db, TERMINAL, 10)).toMatchObject({ ok: false, reason: 'missing', detail: expect.stringContaining('29 entries for 30 sequence numbers') });
    db.prepare(`DELETE FROM ledger_journal WHERE seq = 28`).run();
    expect(verifyJournalTail(db, TERMINAL, 10)).toMatchObject({ ok: false, seq: 28, reason: 'missing' });
  });
});
