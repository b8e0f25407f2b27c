import type { Statement } from 'better-sqlite3';
import type { Sqlite } from './types';

export interface AccountRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  unit: string;
  normal: 'debit' | 'credit';
  is_group: number;
  parent_id: string | null;
  quota: number | null;
  non_negative: number;
  debits_posted: number;
  credits_posted: number;
  debits_pending: number;
  credits_pending: number;
  created_at: string;
  /** Set once the account was closed (empty, nothing pending): it takes no more legs. */
  closed_at: string | null;
}

export interface HoldRow {
  id: string;
  debit_account_id: string;
  credit_account_id: string;
  amount: number;
  unit: string;
  status: 'pending' | 'captured' | 'voided' | 'expired';
  captured_amount: number | null;
  expires_at: string | null;
  created_at: string;
  resolved_at: string | null;
  memo: string | null;
}

export interface TransferRow {
  id: string;
  kind: 'post' | 'capture' | 'reversal';
  hold_id: string | null;
  reverses_id: string | null;
  entry_id: string;
  committed_at: string;
  memo: string | null;
}

export interface PostingRow {
  transfer_id: string;
  leg: number;
  account_id: string;
  side: 'debit' | 'credit';
  amount: number;
  committed_at: string;
}

export interface JournalRow {
  id: string;
  store_id: string;
  terminal_id: string;
  seq: number;
  committed_at: string;
  command_id: string | null;
  body: string;
  prev_hash: Buffer;
  hash: Buffer;
}

/** Every statement the write path uses, prepared once per connection. */
export function prepareStatements(db: Sqlite) {
  return {
    accountById: db.prepare(`SELECT * FROM ledger_account WHERE id = ?`) as Statement<[string], AccountRow>,
    accountByCode: db.prepare(`SELECT * FROM ledger_account WHERE code = ?`) as Statement<[string], AccountRow>,
    closeAccount: db.prepare(`UPDATE ledger_account SET closed_at = ? WHERE id = ?`),
    insertAccount: db.prepare(`INSERT INTO ledger_account
      (id, code, name, kind, unit, normal, is_group, parent_id, quota, non_negative, created_at)
      VALUES (@id, @code, @name, @kind, @unit, @normal, @is_group, @parent_id, @quota, @non_negative, @created_at)`),
    addCounters: db.prepare(`UPDATE ledger_account SET
      debits_posted = debits_posted + ?, credits_posted = credits_posted + ?,
      debits_pending = debits_pending + ?, credits_pending = credits_pending + ? WHERE id = ?`) as Statement<
      [number, number, number, number, string]
    >,

    holdById: db.prepare(`SELECT * FROM ledger_hold WHERE id = ?`) as Statement<[string], HoldRow>,
    insertHold: db.prepare(`INSERT INTO ledger_hold
      (id, debit_account_id, credit_account_id, amount, unit, status, expires_at, created_at, memo)
      VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)`),
    resolveHold: db.prepare(`UPDATE ledger_hold SET status = ?, captured_amount = ?, resolved_at = ?
      WHERE id = ? AND status = 'pending'`),
    expiredHolds: db.prepare(`SELECT id FROM ledger_hold
      WHERE status = 'pending' AND expires_at IS NOT NULL AND expires_at <= ? ORDER BY expires_at LIMIT 256`).pluck() as Statement<
      [string],
      string
    >,

    transferById: db.prepare(`SELECT * FROM ledger_transfer WHERE id = ?`) as Statement<[string], TransferRow>,
    reversalOf: db.prepare(`SELECT id FROM ledger_transfer WHERE reverses_id = ?`).pluck() as Statement<[string], string>,
    insertTransfer: db.prepare(`INSERT INTO ledger_transfer (id, kind, hold_id, reverses_id, entry_id, committed_at, memo)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    postingsOf: db.prepare(`SELECT * FROM ledger_posting WHERE transfer_id = ? ORDER BY leg`) as Statement<[string], PostingRow>,
    insertPosting: db.prepare(`INSERT INTO ledger_posting (transfer_id, leg, account_id, side, amount, committed_at)
      VALUES (?, ?, ?, ?, ?, ?)`),

    commandById: db.prepare(`SELECT fingerprint, result, entry_id FROM ledger_command WHERE command_id = ?`) as Statement<
      [string],
      { fingerprint: string; result: string; entry_id: string }
    >,
    insertCommand: db.prepare(`INSERT INTO ledger_command (command_id, fingerprint, result, entry_id) VALUES (?, ?, ?, ?)`),

    journalById: db.prepare(`SELECT hash FROM ledger_journal WHERE id = ?`) as Statement<[string], { hash: Buffer }>,
    journalHead: db.prepare(`SELECT seq, hash FROM ledger_journal WHERE terminal_id = ? ORDER BY seq DESC LIMIT 1`) as Statement<
      [string],
      { seq: number; hash: Buffer }
    >,
    insertJournal: db.prepare(`INSERT INTO ledger_journal
      (id, store_id, terminal_id, seq, committed_at, command_id, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
