import { randomUUID } from 'node:crypto';
import type { ClaimRequest, ClaimResponse, CouponClaim, CouponRuleRecord, MemberClaimsResponse } from '../../src-main/domain/coupons/protocol';
import type { ServerDb, Sql } from '../db';
import { findMember } from '../members/members';
import type { AuthedTerminal } from '../terminals';
import { findCoupon, type BookCoupon } from './coupon-book';
import { isUniqueViolation, refuse } from './http';

/**
 * Claiming: a coupon is mapped to a member on the server, where the limits hold for every counter
 * at once. Idempotent by the terminal's command id (a retry after a lost answer gets the first
 * claim, never a second one).
 */

export type ClaimRow = {
  id: string;
  command_id: string;
  coupon_id: string;
  member_id: string;
  store_id: string;
  terminal_id: string;
  state: CouponClaim['state'];
  sale_command_id: string | null;
  reserved_until: string | null;
  claimed_at: string;
  redeemed_at: string | null;
  redeemed_by: string | null;
};

export const CLAIM_COLUMNS = `id, command_id, coupon_id, member_id, store_id, terminal_id, state, sale_command_id, reserved_until, claimed_at, redeemed_at, redeemed_by`;

export const toClaim = (r: ClaimRow): CouponClaim => ({
  claimId: r.id,
  couponId: r.coupon_id,
  memberId: r.member_id,
  state: r.state,
  claimedAt: r.claimed_at,
  terminalId: r.terminal_id,
  storeId: r.store_id,
  saleCommandId: r.sale_command_id,
  redeemedAt: r.redeemed_at,
});

export async function findClaim(sql: Sql, id: string): Promise<ClaimRow | undefined> {
  return sql.one<ClaimRow>(`SELECT ${CLAIM_COLUMNS} FROM coupon_claim WHERE id = ?`, [id]);
}

/** Refuses a coupon that cannot be used at `now`: withdrawn, not started, or over. */
export function checkUsable(c: BookCoupon, now: Date): void {
  if (c.withdrawnAt) throw refuse('COUPON_WITHDRAWN', `Coupon ${c.id} was withdrawn.`);
  const t = now.getTime();
  // The window is [from, to): the same boundary the counter's rules use (validAt).
  if (c.rule.validFrom !== null && t < Date.parse(c.rule.validFrom)) throw refuse('COUPON_NOT_STARTED', `Coupon ${c.id} starts at ${c.rule.validFrom}.`);
  if (c.rule.validTo !== null && t >= Date.parse(c.rule.validTo)) throw refuse('COUPON_EXPIRED', `Coupon ${c.id} ended at ${c.rule.validTo}.`);
}

async function replay(sql: Sql, input: ClaimRequest): Promise<ClaimResponse | null> {
  const r = await sql.one<ClaimRow>(`SELECT ${CLAIM_COLUMNS} FROM coupon_claim WHERE command_id = ?`, [input.commandId]);
  if (!r) return null;
  if (r.member_id !== input.memberId || r.coupon_id !== input.couponId) throw refuse('COMMAND_REUSED', 'This command id was used for another claim.');
  const c = await findCoupon(sql, r.coupon_id);
  return { claim: toClaim(r), coupon: { id: c!.id, rule: c!.rule } };
}

export async function claimCoupon(db: ServerDb, t: AuthedTerminal, input: ClaimRequest, now: Date): Promise<{ created: boolean; response: ClaimResponse }> {
  const attempt = () =>
    db.tx(async (sql) => {
      const first = await replay(sql, input);
      if (first) return { created: false, response: first };
      if (!(await findMember(sql, { id: input.memberId }))) throw refuse('MEMBER_NOT_FOUND', 'No such member.');
      const coupon = await findCoupon(sql, input.couponId);
      if (!coupon) throw refuse('COUPON_NOT_FOUND', `No coupon ${input.couponId}.`);
      checkUsable(coupon, now);
      // Per member first (so a member at their limit hears that, not "sold out"), then the total.
      // Each is ONE conditional UPDATE: PostgreSQL re-checks the condition on the committed row after
      // waiting for a concurrent claim's lock; SQLite runs write transactions one at a time.
      await sql.run(`INSERT INTO coupon_member_count (coupon_id, member_id, claimed) VALUES (?, ?, 0) ON CONFLICT (coupon_id, member_id) DO NOTHING`, [coupon.id, input.memberId]);
      const mine = await sql.run(`UPDATE coupon_member_count SET claimed = claimed + 1 WHERE coupon_id = ? AND member_id = ? AND claimed < ?`, [coupon.id, input.memberId, coupon.rule.perMemberLimit]);
      if (mine === 0) throw refuse('CLAIM_LIMIT_REACHED', `This member has claimed coupon ${coupon.id} ${coupon.rule.perMemberLimit} time(s) already.`, { limit: coupon.rule.perMemberLimit });
      const issued = await sql.run(`UPDATE coupon SET issued = issued + 1 WHERE id = ? AND withdrawn_at IS NULL AND (total_limit IS NULL OR issued < total_limit)`, [coupon.id]);
      if (issued === 0) throw refuse('COUPON_SOLD_OUT', `Coupon ${coupon.id} is all claimed.`, coupon.rule.totalLimit === null ? {} : { limit: coupon.rule.totalLimit });
      const seq = await sql.one<{ claimed: number | string }>(`SELECT claimed FROM coupon_member_count WHERE coupon_id = ? AND member_id = ?`, [coupon.id, input.memberId]);
      const row: ClaimRow = {
        id: randomUUID(),
        command_id: input.commandId,
        coupon_id: coupon.id,
        member_id: input.memberId,
        store_id: t.storeId,
        terminal_id: t.id,
        state: 'claimed',
        sale_command_id: null,
        reserved_until: null,
        claimed_at: now.toISOString(),
        redeemed_at: null,
        redeemed_by: null,
      };
      await sql.run(`INSERT INTO coupon_claim (id, command_id, coupon_id, member_id, member_seq, store_id, terminal_id, state, claimed_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'claimed', ?)`, [
        row.id,
        row.command_id,
        row.coupon_id,
        row.member_id,
        Number(seq!.claimed),
        row.store_id,
        row.terminal_id,
        row.claimed_at,
      ]);
      return { created: true, response: { claim: toClaim(row), coupon: { id: coupon.id, rule: coupon.rule } } };
    });
  try {
    return await attempt();
  } catch (e) {
    // The same command id sent twice at once (PostgreSQL): the second insert meets the first's
    // committed row; its transaction rolled back, and the replay answers with the first claim.
    if (!isUniqueViolation(e)) throw e;
    const first = await db.tx((sql) => replay(sql, input));
    if (!first) throw e;
    return { created: false, response: first };
  }
}

/** A member's claims with their coupons: usable ones first (newest first), then, with `all`, the used ones. */
export async function memberClaims(db: ServerDb, memberId: string, all: boolean): Promise<MemberClaimsResponse> {
  if (!(await findMember(db, { id: memberId }))) throw refuse('MEMBER_NOT_FOUND', 'No such member.');
  const rows = await db.all<ClaimRow & { body: string }>(
    `SELECT ${CLAIM_COLUMNS
      .split(', ')
      .map((c) => `k.${c}`)
      .join(', ')}, c.body FROM coupon_claim k JOIN coupon c ON c.id = k.coupon_id
      WHERE k.member_id = ? AND c.withdrawn_at IS NULL ${all ? '' : `AND k.state <> 'redeemed'`}
      ORDER BY CASE WHEN k.state = 'redeemed' THEN 1 ELSE 0 END, k.claimed_at DESC, k.id LIMIT 500`,
    [memberId],
  );
  return { memberId, claims: rows.map((r) => ({ claim: toClaim(r), coupon: { id: r.coupon_id, rule: JSON.parse(r.body) as CouponRuleRecord } })) };
}
