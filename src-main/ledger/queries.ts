import { LedgerError, availableAmount, pendingDecrease, pendingIncrease, postedBalance } from '../domain/ledger';
import { toCounters } from './accounts';
import type { AccountRow, HoldRow, PostingRow, TransferRow } from './statements';
import type { BalanceView, HoldView, PostingView, Sqlite, TransferView } from './types';

export function holdView(h: HoldRow): HoldView {
  return {
    id: h.id,
    debitAccountId: h.debit_account_id,
    creditAccountId: h.credit_account_id,
    amount: h.amount,
    unit: h.unit,
    status: h.status,
    capturedAmount: h.captured_amount,
    expiresAt: h.expires_at,
    createdAt: h.created_at,
    resolvedAt: h.resolved_at,
    memo: h.memo,
  };
}

const postingView = (p: PostingRow): PostingView => ({
  transferId: p.transfer_id,
  leg: p.leg,
  accountId: p.account_id,
  side: p.side,
  amount: p.amount,
  committedAt: p.committed_at,
});

export function balanceView(r: AccountRow): BalanceView {
  const c = toCounters(r);
  return {
    accountId: r.id,
    unit: r.unit,
    normal: r.normal,
    posted: postedBalance(c),
    pending: pendingIncrease(c) - pendingDecrease(c),
    pendingIncrease: pendingIncrease(c),
    pendingDecrease: pendingDecrease(c),
    available: availableAmount(c),
    limit: r.quota,
    debitsPosted: r.debits_posted,
    creditsPosted: r.credits_posted,
    debitsPending: r.debits_pending,
    creditsPending: r.credits_pending,
  };
}

/** Read-only queries for screens and reports; none of them changes anything. */
export class LedgerQueries {
  private readonly s;
  constructor(db: Sqlite) {
    this.s = {
      account: db.prepare(`SELECT * FROM ledger_account WHERE id = ?`),
      byCode: db.prepare(`SELECT * FROM ledger_account WHERE code = ?`),
      children: db.prepare(`SELECT * FROM ledger_account WHERE parent_id = ? ORDER BY code`),
      holds: db.prepare(`SELECT * FROM ledger_hold WHERE (debit_account_id = @id OR credit_account_id = @id)
        AND (@status IS NULL OR status = @status) ORDER BY created_at, id`),
      hold: db.prepare(`SELECT * FROM ledger_hold WHERE id = ?`),
      entries: db.prepare(`SELECT * FROM ledger_posting WHERE account_id = @id AND committed_at >= @from AND committed_at < @to
        ORDER BY committed_at, transfer_id, leg LIMIT @limit`),
      transfers: db.prepare(`SELECT * FROM ledger_transfer WHERE committed_at >= ? AND committed_at < ? ORDER BY committed_at, id`),
      legs: db.prepare(`SELECT * FROM ledger_posting WHERE transfer_id = ? ORDER BY leg`),
      transfer: db.prepare(`SELECT * FROM ledger_transfer WHERE id = ?`),
      command: db.prepare(`SELECT result FROM ledger_command WHERE command_id = ?`).pluck(),
    };
  }

  /** The result a committed command returned, or undefined if that id never committed (a lost response can be looked up). */
  commandResult(commandId: string): unknown {
    const r = this.s.command.get(commandId) as string | undefined;
    return r === undefined ? undefined : (JSON.parse(r) as unknown);
  }

  account(id: string): AccountRow | undefined {
    return this.s.account.get(id) as AccountRow | undefined;
  }

  accountByCode(code: string): AccountRow | undefined {
    return this.s.byCode.get(code) as AccountRow | undefined;
  }

  children(groupId: string): AccountRow[] {
    return this.s.children.all(groupId) as AccountRow[];
  }

  balance(accountId: string): BalanceView {
    const row = this.account(accountId);
    if (!row) throw new LedgerError('ACCOUNT_NOT_FOUND', { accountId });
    return balanceView(row);
  }

  hold(holdId: string): HoldView | undefined {
    const h = this.s.hold.get(holdId) as HoldRow | undefined;
    return h && holdView(h);
  }

  /** Holds on either side of an account, oldest first; `status` filters (e.g. 'pending'). */
  holds(accountId: string, status: HoldView['status'] | null = null): HoldView[] {
    return (this.s.holds.all({ id: accountId, status }) as HoldRow[]).map(holdView);
  }

  /** Postings (legs) of an account, optionally within [from, to) UTC. */
  entries(accountId: string, range: { from?: Date; to?: Date; limit?: number } = {}): PostingView[] {
    const rows = this.s.entries.all({
      id: accountId,
      from: range.from?.toISOString() ?? '',
      to: range.to?.toISOString() ?? '\uffff',
      limit: range.limit ?? -1,
    }) as PostingRow[];
    return rows.map(postingView);
  }

  transfer(id: string): TransferView | undefined {
    const t = this.s.transfer.get(id) as TransferRow | undefined;
    return t && this.transferView(t);
  }

  /** Transfers committed in [from, to) UTC; the caller maps a business day in the store's zone to this range. */
  transactions(from: Date, to: Date): TransferView[] {
    return (this.s.transfers.all(from.toISOString(), to.toISOString()) as TransferRow[]).map((t) => this.transferView(t));
  }

  private transferView(t: TransferRow): TransferView {
    return {
      id: t.id,
      kind: t.kind,
      holdId: t.hold_id,
      reversesId: t.reverses_id,
      entryId: t.entry_id,
      committedAt: t.committed_at,
      memo: t.memo,
      legs: (this.s.legs.all(t.id) as PostingRow[]).map(postingView),
    };
  }
}
