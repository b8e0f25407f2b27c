import {
  RESERVATION_MINUTES,
  type CouponException,
  type OfflineRedemptionRequest,
  type OfflineRedemptionResponse,
  type RedemptionResponse,
  type RedemptionState,
} from '../../src-main/domain/coupons/protocol';
import type { ServerDb, Sql } from '../db';
import type { AuthedTerminal } from '../terminals';
import { checkUsable, findClaim, toClaim, type ClaimRow } from './claims';
import { findCoupon } from './coupon-book';
import { refuse } from './http';

/**
 * Redeeming a claimed coupon exactly once, two-phase like value holds: a sale RESERVES the claim
 * before it commits at the counter, then CONFIRMS it (sale committed) or RELEASES it (sale failed).
 * Every step is named by the sale's command id and idempotent. The claim row is taken by ONE
 * conditional UPDATE from `claimed` (or from a reservation left to expire), so of two terminals
 * redeeming the same claim exactly one wins. A sale made offline reports its use afterwards: the
 * first use is accepted, a later one is kept as an exception for the store's exceptions report.
 */

type RedemptionRow = {
  claim_id: string;
  sale_command_id: string;
  state: RedemptionState | 'exception';
  store_id: string;
  terminal_id: string;
  reserved_until: string | null;
  redeemed_at: string | null;
  first_sale_command_id: string | null;
  first_terminal_id: string | null;
  created_at: string;
};

const COLUMNS = `claim_id, sale_command_id, state, store_id, terminal_id, reserved_until, redeemed_at, first_sale_command_id, first_terminal_id, created_at`;

async function findRedemption(sql: Sql, claimId: string, sale: string): Promise<RedemptionRow | undefined> {
  return sql.one<RedemptionRow>(`SELECT ${COLUMNS} FROM coupon_redemption WHERE claim_id = ? AND sale_command_id = ?`, [claimId, sale]);
}

async function claimOf(sql: Sql, claimId: string): Promise<ClaimRow> {
  const c = await findClaim(sql, claimId);
  if (!c) throw refuse('CLAIM_NOT_FOUND', 'No such claimed coupon.');
  return c;
}

async function answer(sql: Sql, claimId: string, r: RedemptionRow): Promise<RedemptionResponse> {
  if (r.state === 'exception') throw refuse('ALREADY_REDEEMED', 'This sale used the coupon offline after another sale had used it.', { state: 'redeemed' });
  return { saleCommandId: r.sale_command_id, state: r.state, reservedUntil: r.state === 'reserved' ? r.reserved_until : null, claim: toClaim((await findClaim(sql, claimId))!) };
}

const taken = (c: ClaimRow) => refuse('ALREADY_REDEEMED', c.state === 'redeemed' ? 'This coupon was already used.' : 'Another sale is using this coupon right now.', { state: c.state });

export class CouponRedemptions {
  constructor(private readonly db: ServerDb) {}

  /** Holds the claim for a sale about to commit. */
  reserve(t: AuthedTerminal, claimId: string, sale: string, now: Date): Promise<RedemptionResponse> {
    return this.db.tx(async (sql) => {
      const claim = await claimOf(sql, claimId);
      const done = await findRedemption(sql, claimId, sale);
      if (done) return answer(sql, claimId, done);
      checkUsable((await findCoupon(sql, claim.coupon_id))!, now);
      const at = now.toISOString();
      const until = new Date(now.getTime() + RESERVATION_MINUTES * 60_000).toISOString();
      const won = await sql.run(
        `UPDATE coupon_claim SET state = 'reserved', sale_command_id = ?, reserved_until = ?
          WHERE id = ? AND (state = 'claimed' OR (state = 'reserved' AND reserved_until <= ?))`,
        [sale, until, claimId, at],
      );
      if (won === 0) {
        // The same sale retried at once on another connection and won: its answer stands.
        const now2 = await claimOf(sql, claimId);
        const mine = now2.sale_command_id === sale ? await findRedemption(sql, claimId, sale) : undefined;
        if (mine) return answer(sql, claimId, mine);
        throw taken(now2);
      }
      // A reservation taken over after it expired: that sale can no longer confirm.
      if (claim.state === 'reserved' && claim.sale_command_id) {
        await sql.run(`UPDATE coupon_redemption SET state = 'released', updated_at = ? WHERE claim_id = ? AND sale_command_id = ? AND state = 'reserved'`, [at, claimId, claim.sale_command_id]);
      }
      await sql.run(
        `INSERT INTO coupon_redemption (claim_id, sale_command_id, state, store_id, terminal_id, reserved_until, created_at, updated_at) VALUES (?, ?, 'reserved', ?, ?, ?, ?, ?)`,
        [claimId, sale, t.storeId, t.id, until, at, at],
      );
      return answer(sql, claimId, (await findRedemption(sql, claimId, sale))!);
    });
  }

  /** The sale committed at the counter: the claim is used. */
  confirm(t: AuthedTerminal, claimId: string, sale: string, now: Date): Promise<RedemptionResponse> {
    return this.db.tx(async (sql) => {
      await claimOf(sql, claimId);
      const r = await findRedemption(sql, claimId, sale);
      if (!r || r.state === 'released') throw refuse('NOT_RESERVED', 'This sale holds no reservation of the coupon (never reserved, released, or taken over after it expired).', r ? { state: r.state } : {});
      if (r.state !== 'reserved') return answer(sql, claimId, r);
      const at = now.toISOString();
      const ok = await sql.run(`UPDATE coupon_claim SET state = 'redeemed', reserved_until = NULL, redeemed_at = ?, redeemed_by = ? WHERE id = ? AND sale_command_id = ? AND state = 'reserved'`, [at, t.id, claimId, sale]);
      if (ok === 0) throw refuse('NOT_RESERVED', 'The reservation expired and another sale took the coupon.');
      await sql.run(`UPDATE coupon_redemption SET state = 'redeemed', redeemed_at = ?, updated_at = ? WHERE claim_id = ? AND sale_command_id = ?`, [at, at, claimId, sale]);
      return answer(sql, claimId, (await findRedemption(sql, claimId, sale))!);
    });
  }

  /** The sale failed or was abandoned: the claim is the member's again. */
  release(_t: AuthedTerminal, claimId: string, sale: string, now: Date): Promise<RedemptionResponse> {
    return this.db.tx(async (sql) => {
      await claimOf(sql, claimId);
      const r = await findRedemption(sql, claimId, sale);
      if (!r) throw refuse('NOT_RESERVED', 'This sale holds no reservation of the coupon.');
      if (r.state === 'redeemed') throw refuse('ALREADY_REDEEMED', 'The sale already used the coupon; it cannot be given back.', { state: 'redeemed' });
      if (r.state !== 'reserved') return answer(sql, claimId, r);
      const at = now.toISOString();
      const n = await sql.run(`UPDATE coupon_claim SET state = 'claimed', sale_command_id = NULL, reserved_until = NULL WHERE id = ? AND sale_command_id = ? AND state = 'reserved'`, [claimId, sale]);
      await sql.run(`UPDATE coupon_redemption SET state = 'released', updated_at = ? WHERE claim_id = ? AND sale_command_id = ?`, [at, claimId, sale]);
      if (n) await promoteException(sql, claimId, sale, at);
      return answer(sql, claimId, (await findRedemption(sql, claimId, sale))!);
    });
  }

  /**
   * A sale made offline used the claim. Recorded whatever the coupon's state now (the counter
   * checked the rules when it sold): the first use wins the claim, a later one is an exception.
   */
  offline(t: AuthedTerminal, claimId: string, input: OfflineRedemptionRequest, now: Date): Promise<OfflineRedemptionResponse> {
    const sale = input.saleCommandId;
    return this.db.tx(async (sql) => {
      await claimOf(sql, claimId);
      const at = now.toISOString();
      const r = await findRedemption(sql, claimId, sale);
      if (r?.state === 'reserved') {
        // Reserved online, then the answer to confirm was lost: confirming is what happened.
        await sql.run(`UPDATE coupon_claim SET state = 'redeemed', reserved_until = NULL, redeemed_at = ?, redeemed_by = ? WHERE id = ? AND sale_command_id = ? AND state = 'reserved'`, [input.redeemedAt, t.id, claimId, sale]);
        await sql.run(`UPDATE coupon_redemption SET state = 'redeemed', redeemed_at = ?, updated_at = ? WHERE claim_id = ? AND sale_command_id = ?`, [input.redeemedAt, at, claimId, sale]);
      } else if (!r || r.state === 'released') {
        const won = await sql.run(
          `UPDATE coupon_claim SET state = 'redeemed', sale_command_id = ?, reserved_until = NULL, redeemed_at = ?, redeemed_by = ?
            WHERE id = ? AND (state = 'claimed' OR (state = 'reserved' AND reserved_until <= ?))`,
          [sale, input.redeemedAt, t.id, claimId, at],
        );
        const claim = (await findClaim(sql, claimId))!;
        // The same report sent twice at once: the first one's row is committed and answers.
        if (!won && claim.sale_command_id === sale) return this.offlineAnswer(sql, claimId, sale);
        const state = won ? 'redeemed' : 'exception';
        const firstTerminal = won ? null : (claim.redeemed_by ?? (await findRedemption(sql, claimId, claim.sale_command_id!))?.terminal_id ?? claim.terminal_id);
        const params = [state, t.storeId, t.id, input.redeemedAt, won ? null : claim.sale_command_id, firstTerminal, at];
        if (r) {
          await sql.run(`UPDATE coupon_redemption SET state = ?, store_id = ?, terminal_id = ?, redeemed_at = ?, first_sale_command_id = ?, first_terminal_id = ?, updated_at = ? WHERE claim_id = ? AND sale_command_id = ?`, [...params, claimId, sale]);
        } else {
          await sql.run(
            `INSERT INTO coupon_redemption (state, store_id, terminal_id, redeemed_at, first_sale_command_id, first_terminal_id, updated_at, created_at, claim_id, sale_command_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [...params, at, claimId, sale],
          );
        }
      }
      return this.offlineAnswer(sql, claimId, sale);
    });
  }

  private async offlineAnswer(sql: Sql, claimId: string, sale: string): Promise<OfflineRedemptionResponse> {
    const r = (await findRedemption(sql, claimId, sale))!;
    const claim = toClaim((await findClaim(sql, claimId))!);
    if (r.state === 'exception') return { outcome: 'exception', claim, exception: await toException(sql, r) };
    return { outcome: 'accepted', claim };
  }

  /**
   * Gives back the claims whose reservation ran out (a counter that never confirmed nor released),
   * so the member's list shows them usable again. Each is one conditional UPDATE: a confirm that
   * commits first keeps its claim; a confirm after it hears NOT_RESERVED (and reports the sale as an
   * offline use, which then is accepted). Returns how many were given back.
   */
  async releaseExpired(now: Date): Promise<number> {
    const at = now.toISOString();
    const due = await this.db.all<{ id: string; sale_command_id: string }>(`SELECT id, sale_command_id FROM coupon_claim WHERE state = 'reserved' AND reserved_until <= ? LIMIT 500`, [at]);
    let released = 0;
    for (const c of due) {
      released += await this.db.tx(async (sql) => {
        const n = await sql.run(`UPDATE coupon_claim SET state = 'claimed', sale_command_id = NULL, reserved_until = NULL WHERE id = ? AND sale_command_id = ? AND state = 'reserved' AND reserved_until <= ?`, [c.id, c.sale_command_id, at]);
        if (n) {
          await sql.run(`UPDATE coupon_redemption SET state = 'released', updated_at = ? WHERE claim_id = ? AND sale_command_id = ? AND state = 'reserved'`, [at, c.id, c.sale_command_id]);
          await promoteException(sql, c.id, c.sale_command_id, at);
        }
        return n;
      });
    }
    return released;
  }

  /** The store's double uses, newest first (the terminal's exceptions report). */
  async exceptions(storeId: string): Promise<CouponException[]> {
    const rows = await this.db.all<RedemptionRow>(`SELECT ${COLUMNS} FROM coupon_redemption WHERE store_id = ? AND state = 'exception' ORDER BY created_at DESC LIMIT 500`, [storeId]);
    return Promise.all(rows.map((r) => toException(this.db, r)));
  }
}

/**
 * An offline sale reported while another sale only HELD the claim was kept as an exception; when
 * that hold is given back, the offline sale is the claim's one real use: it takes the claim and is
 * no longer an exception (the member does not get back a coupon they already used).
 */
async function promoteException(sql: Sql, claimId: string, releasedSale: string, at: string): Promise<void> {
  const e = await sql.one<RedemptionRow>(`SELECT ${COLUMNS} FROM coupon_redemption WHERE claim_id = ? AND state = 'exception' AND first_sale_command_id = ? ORDER BY created_at, sale_command_id LIMIT 1`, [claimId, releasedSale]);
  if (!e) return;
  const won = await sql.run(`UPDATE coupon_claim SET state = 'redeemed', sale_command_id = ?, redeemed_at = ?, redeemed_by = ? WHERE id = ? AND state = 'claimed'`, [e.sale_command_id, e.redeemed_at, e.terminal_id, claimId]);
  if (won) await sql.run(`UPDATE coupon_redemption SET state = 'redeemed', first_sale_command_id = NULL, first_terminal_id = NULL, updated_at = ? WHERE claim_id = ? AND sale_command_id = ?`, [at, claimId, e.sale_command_id]);
}

async function toException(sql: Sql, r: RedemptionRow): Promise<CouponException> {
  const c = (await findClaim(sql, r.claim_id))!;
  return {
    claimId: r.claim_id,
    couponId: c.coupon_id,
    memberId: c.member_id,
    saleCommandId: r.sale_command_id,
    terminalId: r.terminal_id,
    redeemedAt: r.redeemed_at ?? r.created_at,
    firstSaleCommandId: r.first_sale_command_id ?? '',
    firstTerminalId: r.first_terminal_id ?? '',
    recordedAt: r.created_at,
  };
}
