import type { HoldResponse, HoldState, OpenHold, ValueMovement, ValueUnit } from '../../src-main/domain/value/protocol';
import type { ServerDb, Sql } from '../db';
import { MemberError, findMember, memberAccount } from '../members/members';
import type { AuthedTerminal } from '../terminals';
import { ValueError, ValueTx, type AccountSpec, type ValueLedger } from './value-ledger';

/**
 * Redemptions at a counter, on the value ledger: a terminal holds a member's value for a sale,
 * then captures it once its own sale committed, or voids it when the sale failed; a captured
 * redemption can be refunded once (the service was cancelled).
 *
 * Each step is a value-ledger command whose id is the terminal's id, the terminal's command id and
 * the step (`<terminal>:<command>:hold`): repeating a step answers as the first time did, and two
 * terminals can never collide. Redemptions belong to the store of the terminal that made them: a
 * terminal of another store finds none of them (HOLD_NOT_FOUND), whatever ids it sends.
 */

/** How long a hold waits for its capture. Long enough for a terminal that crashed mid-sale to restart and capture. */
export const HOLD_TTL_MS = 24 * 3600_000;

/** What a store's redemptions are credited to: one account per store and unit, no floor. */
export function storeAccount(storeId: string, unit: ValueUnit): AccountSpec {
  return { id: `store:${storeId}:${unit}:redeemed`, ownerKind: 'merchant', ownerId: storeId, kind: 'redeemed', unit, floor: null };
}

interface RedemptionRow {
  id: string;
  command_id: string;
  member_id: string;
  account_id: string;
  to_account: string;
  unit: ValueUnit;
  amount: number | string;
  hold_id: string;
  refund_transfer_id: string | null;
  state: string;
  expires_at: string;
}

async function redemption(sql: Sql, storeId: string, commandId: string): Promise<RedemptionRow | undefined> {
  return sql.one<RedemptionRow>(
    `SELECT r.id, r.command_id, r.member_id, r.account_id, r.to_account, r.unit, r.amount, r.hold_id, r.refund_transfer_id, h.state, h.expires_at
       FROM value_redemption r JOIN value_hold h ON h.id = r.hold_id WHERE r.store_id = ? AND r.command_id = ?`,
    [storeId, commandId],
  );
}

async function view(tx: ValueTx, r: RedemptionRow): Promise<HoldResponse> {
  const b = await tx.balance(r.account_id);
  const state: HoldState = r.refund_transfer_id ? 'refunded' : (r.state as HoldState);
  return {
    commandId: r.command_id,
    holdId: r.hold_id,
    memberId: r.member_id,
    unit: r.unit,
    amount: Number(r.amount),
    state,
    expiresAt: r.expires_at,
    balance: { unit: r.unit, balance: b?.balance ?? 0, held: b?.held ?? 0, available: b?.available ?? 0 },
  };
}

async function found(tx: ValueTx, storeId: string, commandId: string): Promise<RedemptionRow> {
  const r = await redemption(tx.sql, storeId, commandId);
  if (!r) throw new ValueError('HOLD_NOT_FOUND', 'This store has no hold with this command id.', { commandId });
  return r;
}

const stepId = (t: AuthedTerminal, commandId: string, step: 'hold' | 'capture' | 'void' | 'refund') => `${t.id}:${commandId}:${step}`;

export class Redemptions {
  constructor(
    private readonly db: ServerDb,
    private readonly ledger: ValueLedger,
  ) {}

  /** Reserves `amount` of the member's value for this terminal's sale `commandId`. */
  async hold(t: AuthedTerminal, req: { commandId: string; memberId: string; unit: ValueUnit; amount: number; memo: string }, now: Date): Promise<HoldResponse> {
    const { result, replay } = await this.ledger.command(stepId(t, req.commandId, 'hold'), 'value.hold', req, async (tx) => {
      const member = await findMember(tx.sql, { id: req.memberId });
      if (!member) throw new MemberError('MEMBER_NOT_FOUND', 'No member with this id.');
      if (await redemption(tx.sql, t.storeId, req.commandId)) throw new ValueError('COMMAND_REUSED', 'This command id was already used for another hold in this store.');
      const from = memberAccount(member.id, req.unit);
      const to = storeAccount(t.storeId, req.unit);
      await tx.openAccount(from);
      await tx.openAccount(to);
      const holdId = await tx.hold(from.id, to.id, req.amount, new Date(now.getTime() + HOLD_TTL_MS));
      await tx.sql.run(
        `INSERT INTO value_redemption (id, store_id, terminal_id, command_id, member_id, account_id, to_account, unit, amount, hold_id, memo, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [holdId, t.storeId, t.id, req.commandId, member.id, from.id, to.id, req.unit, req.amount, holdId, req.memo, tx.now],
      );
      return view(tx, await found(tx, t.storeId, req.commandId));
    });
    if (!replay) return result;
    // A repeated hold answers with the hold as it is NOW: one voided meanwhile must not read as 'held'.
    const read = new ValueTx(this.db, '', now.toISOString()); // reads only: no command, nothing written
    return view(read, await found(read, t.storeId, req.commandId));
  }

  /** Completes the hold of sale `commandId` for the whole amount held. */
  async capture(t: AuthedTerminal, commandId: string): Promise<HoldResponse> {
    const { result } = await this.ledger.command(stepId(t, commandId, 'capture'), 'value.capture', { commandId }, async (tx) => {
      const r = await found(tx, t.storeId, commandId);
      await tx.capture(r.hold_id);
      return view(tx, await found(tx, t.storeId, commandId));
    });
    return result;
  }

  /**
   * Releases the hold of sale `commandId` (its sale failed). A void that arrives before its hold
   * (the hold's request still travelling) leaves a marker under the hold's step id, so the late hold
   * is refused (COMMAND_REUSED) instead of reserving value no sale will capture.
   */
  async void(t: AuthedTerminal, commandId: string): Promise<HoldResponse> {
    if (!(await redemption(this.db, t.storeId, commandId))) {
      const refusal = JSON.stringify({ ok: false, code: 'HOLD_NOT_OPEN', message: 'This sale was cancelled before its hold arrived.', details: { state: 'voided' } });
      await this.db.run(`INSERT INTO value_command (command_id, method, fingerprint, result, at) VALUES (?, 'value.hold', 'voided-before-hold', ?, ?) ON CONFLICT (command_id) DO NOTHING`, [
        stepId(t, commandId, 'hold'),
        refusal,
        new Date().toISOString(),
      ]);
    }
    const { result } = await this.ledger.command(stepId(t, commandId, 'void'), 'value.void', { commandId }, async (tx) => {
      const r = await found(tx, t.storeId, commandId);
      await tx.void(r.hold_id);
      return view(tx, await found(tx, t.storeId, commandId));
    });
    return result;
  }

  /** Gives a captured redemption back to the member, once (`refundCommandId` makes retries safe). */
  async refund(t: AuthedTerminal, commandId: string, refundCommandId: string): Promise<HoldResponse> {
    const { result } = await this.ledger.command(stepId(t, refundCommandId, 'refund'), 'value.refund', { commandId }, async (tx) => {
      const r = await found(tx, t.storeId, commandId);
      if (r.state !== 'captured' || r.refund_transfer_id) throw new ValueError('NOT_REFUNDABLE', 'Only a captured redemption not refunded yet can be refunded.', { state: r.refund_transfer_id ? 'refunded' : r.state });
      // Claim the refund first: a concurrent refund of the same redemption finds it taken.
      const claimed = await tx.sql.run(`UPDATE value_redemption SET refund_transfer_id = 'claimed' WHERE id = ? AND refund_transfer_id IS NULL`, [r.id]);
      if (claimed === 0) throw new ValueError('NOT_REFUNDABLE', 'This redemption was refunded meanwhile.', { state: 'refunded' });
      const transferId = await tx.transfer(r.to_account, r.account_id, Number(r.amount), `refund ${commandId}`);
      await tx.sql.run(`UPDATE value_redemption SET refund_transfer_id = ? WHERE id = ?`, [transferId, r.id]);
      return view(tx, await found(tx, t.storeId, commandId));
    });
    return result;
  }

  /** This terminal's holds still open: what recovery after a crash must capture or void. */
  async openHolds(t: AuthedTerminal): Promise<OpenHold[]> {
    const rows = await this.db.all<RedemptionRow>(
      `SELECT r.id, r.command_id, r.member_id, r.account_id, r.to_account, r.unit, r.amount, r.hold_id, r.refund_transfer_id, h.state, h.expires_at
         FROM value_redemption r JOIN value_hold h ON h.id = r.hold_id WHERE r.terminal_id = ? AND h.state = 'held' ORDER BY r.created_at`,
      [t.id],
    );
    return rows.map((r) => ({ commandId: r.command_id, holdId: r.hold_id, memberId: r.member_id, unit: r.unit, amount: Number(r.amount), state: 'held' as const, expiresAt: r.expires_at }));
  }
}

/** A member's movements in one unit, newest first: credits, redemptions (captured) and refunds. */
export async function memberHistory(sql: Sql, memberId: string, unit: ValueUnit, limit = 50): Promise<ValueMovement[]> {
  const account = memberAccount(memberId, unit).id;
  // A capture's transfer has no memo of its own: the redemption's (what was bought) is shown.
  const rows = await sql.all<{ from_account: string; to_account: string; amount: number | string; memo: string; at: string }>(
    `SELECT t.from_account, t.to_account, t.amount, COALESCE(NULLIF(t.memo, ''), r.memo, '') AS memo, t.at
       FROM value_transfer t LEFT JOIN value_redemption r ON r.hold_id = t.hold_id
      WHERE t.from_account = ? OR t.to_account = ? ORDER BY t.at DESC, t.id LIMIT ?`,
    [account, account, limit],
  );
  return rows.map((r) => {
    const into = r.to_account === account;
    const kind: ValueMovement['kind'] = into ? (r.from_account.startsWith('outside:') ? 'credit' : r.from_account.startsWith('store:') ? 'refund' : 'other') : r.to_account.startsWith('store:') ? 'redemption' : 'other';
    return { at: r.at, amount: into ? Number(r.amount) : -Number(r.amount), kind, memo: r.memo };
  });
}
