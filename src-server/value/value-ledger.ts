import { createHash, randomUUID } from 'node:crypto';
import type { ServerDb, Sql } from '../db';

/**
 * The server's ledger of customer value: accounts in one unit each (CNY fen, miles, punch uses),
 * balanced transfers between them, and two-phase holds for redemptions at a counter.
 *
 * Why it cannot overdraw, on both databases: every debit is ONE conditional UPDATE
 * (`… WHERE balance - held - amount >= floor`) that the database evaluates against the row as it
 * is when the update takes the row (PostgreSQL re-checks the WHERE after waiting for a concurrent
 * writer; SQLite runs one write transaction at a time). No read-then-write in application code.
 *
 * Every command runs in one transaction with its idempotency record: the same command id gives the
 * same answer again — a refusal too — and the same id with another body is refused.
 */

export type ValueErrorCode = 'INSUFFICIENT_VALUE' | 'HOLD_NOT_OPEN' | 'HOLD_EXPIRED' | 'ACCOUNT_UNKNOWN' | 'UNIT_MISMATCH' | 'BAD_AMOUNT' | 'COMMAND_REUSED' | 'HOLD_NOT_FOUND' | 'NOT_REFUNDABLE';

export class ValueError extends Error {
  constructor(
    readonly code: ValueErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ValueError';
  }
}

export interface AccountSpec {
  id: string;
  ownerKind: 'member' | 'merchant' | 'platform' | 'outside';
  ownerId: string;
  kind: string;
  unit: string;
  /** Lowest balance − held allowed (0 for a member's card); null = no limit (money coming in from outside). */
  floor: number | null;
}

export interface AccountBalance {
  id: string;
  unit: string;
  balance: number;
  held: number;
  available: number;
}

type Stored = { ok: true; result: unknown } | { ok: false; code: ValueErrorCode; message: string; details: Record<string, unknown> };

function checkAmount(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new ValueError('BAD_AMOUNT', `Amount must be a positive whole number of units, got ${amount}.`);
}

export class ValueLedger {
  constructor(private readonly db: ServerDb) {}

  /**
   * Runs `work` as the command `commandId` in one transaction. A command id seen before answers
   * with what it answered then (a refusal is thrown again); the same id with another fingerprint
   * (another body) is COMMAND_REUSED.
   */
  async command<T>(commandId: string, method: string, body: unknown, work: (tx: ValueTx) => Promise<T>): Promise<{ result: T; replay: boolean }> {
    const fingerprint = createHash('sha256').update(JSON.stringify({ method, body })).digest('hex');
    const now = new Date().toISOString();
    const replayOf = async (sql: Sql): Promise<{ result: T; replay: true } | null> => {
      const row = await sql.one<{ fingerprint: string; result: string }>(`SELECT fingerprint, result FROM value_command WHERE command_id = ?`, [commandId]);
      if (!row) return null;
      if (row.fingerprint !== fingerprint) throw new ValueError('COMMAND_REUSED', 'This command id was already used for another request.', { commandId });
      const stored = JSON.parse(row.result) as Stored;
      if (!stored.ok) throw new ValueError(stored.code, stored.message, stored.details);
      return { result: stored.result as T, replay: true };
    };
    try {
      return await this.db.tx(async (sql) => {
        // Claim the command id first: a concurrent twin waits here (PostgreSQL) or runs after us (SQLite).
        const claimed = await sql.run(`INSERT INTO value_command (command_id, method, fingerprint, result, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (command_id) DO NOTHING`, [commandId, method, fingerprint, '{"ok":true,"result":null}', now]);
        if (claimed === 0) {
          const replay = await replayOf(sql);
          if (replay) return replay;
        }
        const result = await work(new ValueTx(sql, commandId, now));
        await sql.run(`UPDATE value_command SET result = ? WHERE command_id = ?`, [JSON.stringify({ ok: true, result } satisfies Stored), commandId]);
        return { result, replay: false };
      });
    } catch (e) {
      if (!(e instanceof ValueError) || e.code === 'COMMAND_REUSED') throw e;
      // The work was rolled back; remember the refusal so a retry gets the same answer.
      const stored: Stored = { ok: false, code: e.code, message: e.message, details: e.details };
      await this.db.run(`INSERT INTO value_command (command_id, method, fingerprint, result, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (command_id) DO NOTHING`, [commandId, method, fingerprint, JSON.stringify(stored), now]);
      const replay = await replayOf(this.db);
      if (replay) return replay; // a concurrent twin succeeded first
      throw e;
    }
  }

  async balance(accountId: string): Promise<AccountBalance | null> {
    return readBalance(this.db, accountId);
  }

  /** Voids holds whose time is up (a counter that never came back); returns how many. */
  async expireHolds(now: Date): Promise<number> {
    return this.db.tx(async (sql) => {
      const due = await sql.all<{ id: string; from_account: string; amount: number | string }>(`SELECT id, from_account, amount FROM value_hold WHERE state = 'held' AND expires_at <= ?`, [now.toISOString()]);
      for (const h of due) {
        const n = await sql.run(`UPDATE value_hold SET state = 'expired', settled_at = ? WHERE id = ? AND state = 'held'`, [now.toISOString(), h.id]);
        if (n === 1) await sql.run(`UPDATE value_account SET held = held - ? WHERE id = ?`, [Number(h.amount), h.from_account]);
      }
      return due.length;
    });
  }
}

async function readBalance(sql: Sql, accountId: string): Promise<AccountBalance | null> {
  const r = await sql.one<{ id: string; unit: string; balance: number | string; held: number | string }>(`SELECT id, unit, balance, held FROM value_account WHERE id = ?`, [accountId]);
  if (!r) return null;
  const balance = Number(r.balance);
  const held = Number(r.held);
  return { id: r.id, unit: r.unit, balance, held, available: balance - held };
}

/** The operations of one command, inside its transaction. */
export class ValueTx {
  constructor(
    readonly sql: Sql,
    readonly commandId: string,
    readonly now: string,
  ) {}

  /** Opens an account if it does not exist yet (same id, same account: idempotent). */
  async openAccount(a: AccountSpec): Promise<void> {
    await this.sql.run(`INSERT INTO value_account (id, owner_kind, owner_id, kind, unit, balance, held, floor, created_at) VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?) ON CONFLICT (id) DO NOTHING`, [
      a.id,
      a.ownerKind,
      a.ownerId,
      a.kind,
      a.unit,
      a.floor,
      this.now,
    ]);
  }

  balance(accountId: string): Promise<AccountBalance | null> {
    return readBalance(this.sql, accountId);
  }

  private async units(from: string, to: string): Promise<string> {
    const rows = await this.sql.all<{ id: string; unit: string }>(`SELECT id, unit FROM value_account WHERE id IN (?, ?)`, [from, to]);
    const f = rows.find((r) => r.id === from);
    const t = rows.find((r) => r.id === to);
    if (!f || !t) throw new ValueError('ACCOUNT_UNKNOWN', `No account ${!f ? from : to}.`, { account: !f ? from : to });
    if (f.unit !== t.unit) throw new ValueError('UNIT_MISMATCH', `Cannot move ${f.unit} into a ${t.unit} account.`);
    return f.unit;
  }

  /** Debits `from` if its available value allows it: one conditional UPDATE, no read before. */
  private async debit(from: string, amount: number): Promise<void> {
    const n = await this.sql.run(`UPDATE value_account SET balance = balance - ? WHERE id = ? AND (floor IS NULL OR balance - held - ? >= floor)`, [amount, from, amount]);
    if (n === 0) {
      const b = await readBalance(this.sql, from);
      throw new ValueError('INSUFFICIENT_VALUE', 'Not enough value on the account.', { account: from, available: b?.available ?? 0, requested: amount });
    }
  }

  /** Moves `amount` from one account to another now. Returns the transfer id. */
  async transfer(from: string, to: string, amount: number, memo = ''): Promise<string> {
    checkAmount(amount);
    const unit = await this.units(from, to);
    await this.debit(from, amount);
    await this.sql.run(`UPDATE value_account SET balance = balance + ? WHERE id = ?`, [amount, to]);
    const id = randomUUID();
    await this.sql.run(`INSERT INTO value_transfer (id, command_id, from_account, to_account, amount, unit, hold_id, memo, at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)`, [id, this.commandId, from, to, amount, unit, memo, this.now]);
    return id;
  }

  /** Reserves `amount` on `from` for a later capture to `to` (a redemption at a counter). */
  async hold(from: string, to: string, amount: number, expiresAt: Date): Promise<string> {
    checkAmount(amount);
    await this.units(from, to);
    const n = await this.sql.run(`UPDATE value_account SET held = held + ? WHERE id = ? AND (floor IS NULL OR balance - held - ? >= floor)`, [amount, from, amount]);
    if (n === 0) {
      const b = await readBalance(this.sql, from);
      throw new ValueError('INSUFFICIENT_VALUE', 'Not enough value on the account.', { account: from, available: b?.available ?? 0, requested: amount });
    }
    const id = randomUUID();
    await this.sql.run(`INSERT INTO value_hold (id, command_id, from_account, to_account, amount, state, expires_at, created_at) VALUES (?, ?, ?, ?, ?, 'held', ?, ?)`, [
      id,
      this.commandId,
      from,
      to,
      amount,
      expiresAt.toISOString(),
      this.now,
    ]);
    return id;
  }

  private async openHold(holdId: string): Promise<{ from: string; to: string; amount: number }> {
    const h = await this.sql.one<{ from_account: string; to_account: string; amount: number | string; state: string; expires_at: string }>(`SELECT from_account, to_account, amount, state, expires_at FROM value_hold WHERE id = ?`, [holdId]);
    if (!h || h.state !== 'held') throw new ValueError('HOLD_NOT_OPEN', 'This hold was already captured, voided or never made.', { holdId, state: h?.state ?? null });
    if (h.expires_at <= this.now) throw new ValueError('HOLD_EXPIRED', 'This hold has expired.', { holdId });
    // Taking the hold's state is the lock: a concurrent capture or void of the same hold finds it settled.
    return { from: h.from_account, to: h.to_account, amount: Number(h.amount) };
  }

  /** Completes a hold for `amount` (at most what was held; the rest is released). */
  async capture(holdId: string, amount?: number): Promise<string> {
    const h = await this.openHold(holdId);
    const take = amount ?? h.amount;
    checkAmount(take);
    if (take > h.amount) throw new ValueError('BAD_AMOUNT', `Cannot capture ${take}: only ${h.amount} was held.`);
    const n = await this.sql.run(`UPDATE value_hold SET state = 'captured', settled_at = ? WHERE id = ? AND state = 'held'`, [this.now, holdId]);
    if (n === 0) throw new ValueError('HOLD_NOT_OPEN', 'This hold was settled meanwhile.', { holdId });
    await this.sql.run(`UPDATE value_account SET held = held - ?, balance = balance - ? WHERE id = ?`, [h.amount, take, h.from]);
    await this.sql.run(`UPDATE value_account SET balance = balance + ? WHERE id = ?`, [take, h.to]);
    const id = randomUUID();
    const unit = await this.units(h.from, h.to);
    await this.sql.run(`INSERT INTO value_transfer (id, command_id, from_account, to_account, amount, unit, hold_id, memo, at) VALUES (?, ?, ?, ?, ?, ?, ?, '', ?)`, [id, this.commandId, h.from, h.to, take, unit, holdId, this.now]);
    return id;
  }

  /** Releases a hold without moving anything (the sale failed or was cancelled; an expired hold too). */
  async void(holdId: string): Promise<void> {
    const h = await this.sql.one<{ from_account: string; amount: number | string; state: string }>(`SELECT from_account, amount, state FROM value_hold WHERE id = ?`, [holdId]);
    if (!h || h.state !== 'held') throw new ValueError('HOLD_NOT_OPEN', 'This hold was already captured, voided or never made.', { holdId, state: h?.state ?? null });
    const n = await this.sql.run(`UPDATE value_hold SET state = 'voided', settled_at = ? WHERE id = ? AND state = 'held'`, [this.now, holdId]);
    if (n === 0) throw new ValueError('HOLD_NOT_OPEN', 'This hold was settled meanwhile.', { holdId });
    await this.sql.run(`UPDATE value_account SET held = held - ? WHERE id = ?`, [Number(h.amount), h.from_account]);
  }
}
