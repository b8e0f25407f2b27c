import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The double-entry ledger: accounts with their counters, holds (pending transfers),
 * transfers and their legs (postings), the idempotency record of every command and
 * the hash-chained journal. Postings and journal rows are immutable (triggers).
 */
export class Ledger1763700000002 implements MigrationInterface {
  name = 'Ledger1763700000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ledger_account (
      id TEXT PRIMARY KEY NOT NULL,
      code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      kind TEXT NOT NULL,
      unit TEXT NOT NULL,
      normal TEXT NOT NULL CHECK (normal IN ('debit','credit')),
      is_group INTEGER NOT NULL DEFAULT 0,
      parent_id TEXT REFERENCES ledger_account(id),
      quota INTEGER CHECK (quota IS NULL OR quota >= 0),
      non_negative INTEGER NOT NULL DEFAULT 0,
      debits_posted INTEGER NOT NULL DEFAULT 0 CHECK (debits_posted >= 0),
      credits_posted INTEGER NOT NULL DEFAULT 0 CHECK (credits_posted >= 0),
      debits_pending INTEGER NOT NULL DEFAULT 0 CHECK (debits_pending >= 0),
      credits_pending INTEGER NOT NULL DEFAULT 0 CHECK (credits_pending >= 0),
      created_at TEXT NOT NULL
    )`);
    await q.query(`CREATE INDEX ledger_account_parent ON ledger_account (parent_id)`);

    await q.query(`CREATE TABLE ledger_hold (
      id TEXT PRIMARY KEY NOT NULL,
      debit_account_id TEXT NOT NULL REFERENCES ledger_account(id),
      credit_account_id TEXT NOT NULL REFERENCES ledger_account(id),
      amount INTEGER NOT NULL CHECK (amount > 0),
      unit TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending','captured','voided','expired')),
      captured_amount INTEGER,
      expires_at TEXT,
      created_at TEXT NOT NULL,
      resolved_at TEXT,
      memo TEXT
    )`);
    await q.query(`CREATE INDEX ledger_hold_debit ON ledger_hold (debit_account_id, status)`);
    await q.query(`CREATE INDEX ledger_hold_credit ON ledger_hold (credit_account_id, status)`);
    await q.query(`CREATE INDEX ledger_hold_expiry ON ledger_hold (expires_at) WHERE status = 'pending' AND expires_at IS NOT NULL`);

    await q.query(`CREATE TABLE ledger_transfer (
      id TEXT PRIMARY KEY NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('post','capture','reversal')),
      hold_id TEXT REFERENCES ledger_hold(id),
      reverses_id TEXT UNIQUE REFERENCES ledger_transfer(id),
      entry_id TEXT NOT NULL,
      committed_at TEXT NOT NULL,
      memo TEXT
    )`);
    await q.query(`CREATE INDEX ledger_transfer_at ON ledger_transfer (committed_at)`);

    await q.query(`CREATE TABLE ledger_posting (
      transfer_id TEXT NOT NULL REFERENCES ledger_transfer(id),
      leg INTEGER NOT NULL,
      account_id TEXT NOT NULL REFERENCES ledger_account(id),
      side TEXT NOT NULL CHECK (side IN ('debit','credit')),
      amount INTEGER NOT NULL CHECK (amount > 0),
      committed_at TEXT NOT NULL,
      PRIMARY KEY (transfer_id, leg)
    )`);
    await q.query(`CREATE INDEX ledger_posting_account ON ledger_posting (account_id, committed_at)`);

    await q.query(`CREATE TABLE ledger_command (
      command_id TEXT PRIMARY KEY NOT NULL,
      fingerprint TEXT NOT NULL,
      result TEXT NOT NULL,
      entry_id TEXT NOT NULL
    )`);

    await q.query(`CREATE TABLE ledger_journal (
      id TEXT PRIMARY KEY NOT NULL,
      store_id TEXT NOT NULL,
      terminal_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      committed_at TEXT NOT NULL,
      command_id TEXT,
      body TEXT NOT NULL,
      prev_hash BLOB NOT NULL,
      hash BLOB NOT NULL,
      UNIQUE (terminal_id, seq)
    )`);
    await q.query(`CREATE INDEX ledger_journal_at ON ledger_journal (committed_at)`);

    for (const table of ['ledger_posting', 'ledger_journal', 'ledger_transfer']) {
      await q.query(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
        BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`);
      await q.query(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
        BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['ledger_journal', 'ledger_command', 'ledger_posting', 'ledger_transfer', 'ledger_hold', 'ledger_account']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
