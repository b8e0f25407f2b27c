import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase, type Database } from '../../../src-main/ledger/database';
import { Ledger, verifyJournal, type AccountKind, type OpenAccountInput, type Sqlite } from '../../../src-main/ledger';

export const STORE = 'store-1';
export const TERMINAL = 'terminal-1';
export const T0 = Date.parse('2025-03-01T02:00:00.000Z');

export interface TestLedger {
  dir: string;
  db: Database;
  ledger: Ledger;
  clock: { t: number };
  close(): Promise<void>;
}

export function tempDir(prefix = 'ledger-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A migrated database in a fresh temp dir with a ledger on a settable clock. */
export async function makeLedger(dir = tempDir()): Promise<TestLedger> {
  const db = await openDatabase(dir);
  const clock = { t: T0 };
  const ledger = new Ledger(db.sqlite, { storeId: STORE, terminalId: TERMINAL, now: () => new Date(clock.t) });
  return {
    dir,
    db,
    ledger,
    clock,
    close: async () => {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const cid = (): string => uuidv7();

export function open(ledger: Ledger, code: string, kind: AccountKind, extra: Partial<OpenAccountInput> = {}): string {
  return ledger.openAccount({ commandId: cid(), code, name: code, kind, unit: 'CNY', ...extra }).accountId;
}

/** Throws with a description of the first broken invariant; returns the journal length. */
export function checkInvariants(db: Sqlite): number {
  const fail = (what: string, row: unknown) => {
    throw new Error(`invariant broken: ${what} ${JSON.stringify(row)}`);
  };
  const accounts = db.prepare(`SELECT * FROM ledger_account`).all() as Record<string, number | string | null>[];
  for (const a of accounts) {
    const sums = a.is_group
      ? (db
          .prepare(`SELECT coalesce(sum(debits_posted),0) dp, coalesce(sum(credits_posted),0) cp, coalesce(sum(debits_pending),0) dq,
              coalesce(sum(credits_pending),0) cq FROM ledger_account WHERE parent_id = ?`)
          .get(a.id) as Record<string, number>)
      : (db
          .prepare(
            `SELECT (SELECT coalesce(sum(amount),0) FROM ledger_posting WHERE account_id = @id AND side='debit') dp,
              (SELECT coalesce(sum(amount),0) FROM ledger_posting WHERE account_id = @id AND side='credit') cp,
              (SELECT coalesce(sum(amount),0) FROM ledger_hold WHERE debit_account_id = @id AND status='pending') dq,
              (SELECT coalesce(sum(amount),0) FROM ledger_hold WHERE credit_account_id = @id AND status='pending') cq`,
          )
          .get({ id: a.id }) as Record<string, number>);
    if (sums.dp !== a.debits_posted || sums.cp !== a.credits_posted || sums.dq !== a.debits_pending || sums.cq !== a.credits_pending) {
      fail('counters differ from postings/holds', { account: a, sums });
    }
    const normalDebit = a.normal === 'debit';
    const posted = normalDebit ? Number(a.debits_posted) - Number(a.credits_posted) : Number(a.credits_posted) - Number(a.debits_posted);
    const incr = Number(normalDebit ? a.debits_pending : a.credits_pending);
    const decr = Number(normalDebit ? a.credits_pending : a.debits_pending);
    if (a.quota !== null && posted + incr > Number(a.quota)) fail('quota exceeded', a);
    if (a.non_negative && posted - decr < 0) fail('below zero', a);
  }
  const unbalanced = db
    .prepare(
      `SELECT p.transfer_id, a.unit, sum(CASE p.side WHEN 'debit' THEN p.amount ELSE -p.amount END) s
       FROM ledger_posting p JOIN ledger_account a ON a.id = p.account_id GROUP BY p.transfer_id, a.unit HAVING s != 0`,
    )
    .all();
  if (unbalanced.length) fail('unbalanced transfer', unbalanced[0]);
  const v = verifyJournal(db);
  if (!v.ok) fail('journal does not verify', v);
  return v.count;
}
