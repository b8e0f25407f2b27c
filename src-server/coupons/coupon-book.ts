import * as z from 'zod';
import { couponProblems } from '../../src-main/domain/coupons/offers';
import {
  COUPON_DISPLAYS_STREAM,
  COUPON_RULES_STREAM,
  couponDisplayRecord,
  couponId,
  couponOffer,
  couponRuleRecord,
  couponScope,
  toDomainCoupon,
  type CouponRuleRecord,
} from '../../src-main/domain/coupons/protocol';
import { parseStoreTime } from '../../src-main/domain/setup/local-time';
import type { ServerDb, Sql } from '../db';
import { listRecords, writeRecordsIn } from '../reference/reference-store';
import { parseCoupon, refuse } from './http';

/**
 * The coupon book the back office keeps: create, edit and withdraw coupons, and the product displays
 * shown beside them. Each change is saved and published to terminals (the `coupons.rules` /
 * `coupons.displays` reference streams) in ONE transaction, so what a counter offers and what the
 * server lets a member claim never disagree. The caller tells the push channel afterwards.
 */

/**
 * A coupon as the back office enters it: the window as store time ("2026-12-01 00:00" in
 * `timeZone`) or an ISO instant; the server turns it into instants before publishing.
 */
export const couponInput = z
  .object({
    id: couponId,
    titleZh: z.string(),
    titleEn: z.string().default(''),
    offer: couponOffer,
    scope: couponScope,
    validFrom: z.string().max(40).nullable().default(null),
    validTo: z.string().max(40).nullable().default(null),
    perMemberLimit: z.number().int().default(1),
    totalLimit: z.number().int().nullable().default(null),
    stacks: z.boolean().default(false),
    // Checked even when no date is typed: the coupon keeps the zone its dates are read in.
    timeZone: z.string().min(1).max(64).refine(isTimeZone, 'not a time zone').default('Asia/Shanghai'),
  })
  .strict();
export type CouponInput = z.input<typeof couponInput>;

export const displayInput = couponDisplayRecord.extend({ id: couponId }).strict();
export type DisplayInput = z.input<typeof displayInput>;

export interface BookCoupon {
  id: string;
  rule: CouponRuleRecord;
  issued: number;
  withdrawnAt: string | null;
  updatedAt: string;
  updatedBy: string;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function instant(text: string | null, timeZone: string, field: string): string | null {
  if (text === null || text.trim() === '') return null;
  let t: Date | null;
  try {
    t = parseStoreTime(text, timeZone);
  } catch {
    throw refuse('INVALID_INPUT', `timeZone: ${timeZone} is not a time zone`);
  }
  if (!t) throw refuse('INVALID_INPUT', `${field}: "${text}" is not a date and time (YYYY-MM-DD HH:MM)`);
  return t.toISOString();
}

/** The published record of an entered coupon, or INVALID_INPUT naming every field that is wrong. */
export function couponRecord(raw: unknown): { id: string; rule: CouponRuleRecord } {
  const input = parseCoupon(couponInput, raw);
  const { id, timeZone, ...rest } = input;
  const rule = parseCoupon(couponRuleRecord, { ...rest, validFrom: instant(rest.validFrom, timeZone, 'validFrom'), validTo: instant(rest.validTo, timeZone, 'validTo') });
  const problems = couponProblems(toDomainCoupon(id, rule));
  if (problems.length) throw refuse('INVALID_INPUT', problems.map((p) => `${p.field}: out of range`).join('; '));
  return { id, rule };
}

type Row = { id: string; body: string; issued: number | string; withdrawn_at: string | null; updated_at: string; updated_by: string };
const toBook = (r: Row): BookCoupon => ({ id: r.id, rule: JSON.parse(r.body) as CouponRuleRecord, issued: Number(r.issued), withdrawnAt: r.withdrawn_at, updatedAt: r.updated_at, updatedBy: r.updated_by });

export async function findCoupon(sql: Sql, id: string): Promise<BookCoupon | null> {
  const r = await sql.one<Row>(`SELECT id, body, issued, withdrawn_at, updated_at, updated_by FROM coupon WHERE id = ?`, [id]);
  return r ? toBook(r) : null;
}

export async function listCoupons(db: Sql): Promise<BookCoupon[]> {
  return (await db.all<Row>(`SELECT id, body, issued, withdrawn_at, updated_at, updated_by FROM coupon ORDER BY id`)).map(toBook);
}

/** Creates or edits a coupon (an edit of a withdrawn coupon brings it back) and publishes it. */
export async function saveCoupon(db: ServerDb, raw: unknown, by: string, now: Date): Promise<BookCoupon> {
  const { id, rule } = couponRecord(raw);
  const publish = writeRecordsIn(COUPON_RULES_STREAM, [{ id, scope: '*', body: rule, deleted: false }], by, now);
  const at = now.toISOString();
  return db.tx(async (sql) => {
    const existing = await findCoupon(sql, id);
    const cols = [JSON.stringify(rule), rule.validFrom, rule.validTo, rule.perMemberLimit, rule.totalLimit];
    if (existing) {
      // Lowering the total below what was handed out would leave claims the limit says cannot exist.
      if (rule.totalLimit !== null && rule.totalLimit < existing.issued) throw refuse('INVALID_INPUT', `totalLimit: ${existing.issued} already issued`);
      await sql.run(`UPDATE coupon SET body = ?, valid_from = ?, valid_to = ?, per_member_limit = ?, total_limit = ?, withdrawn_at = NULL, updated_at = ?, updated_by = ? WHERE id = ?`, [...cols, at, by, id]);
    } else {
      await sql.run(`INSERT INTO coupon (body, valid_from, valid_to, per_member_limit, total_limit, issued, created_at, updated_at, updated_by, id) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`, [...cols, at, at, by, id]);
    }
    await publish(sql);
    return (await findCoupon(sql, id))!;
  });
}

/** Withdraws a coupon: terminals drop it (a deleted record), the server refuses new claims and redemptions. */
export async function withdrawCoupon(db: ServerDb, id: string, by: string, now: Date): Promise<BookCoupon> {
  parseCoupon(couponId, id);
  const publish = writeRecordsIn(COUPON_RULES_STREAM, [{ id, scope: '*', deleted: true }], by, now);
  return db.tx(async (sql) => {
    const existing = await findCoupon(sql, id);
    if (!existing) throw refuse('COUPON_NOT_FOUND', `No coupon ${id}.`);
    if (existing.withdrawnAt) return existing;
    await sql.run(`UPDATE coupon SET withdrawn_at = ?, updated_at = ?, updated_by = ? WHERE id = ?`, [now.toISOString(), now.toISOString(), by, id]);
    await publish(sql);
    return (await findCoupon(sql, id))!;
  });
}

export async function saveDisplay(db: ServerDb, raw: unknown, by: string, now: Date): Promise<void> {
  const { id, ...record } = parseCoupon(displayInput, raw);
  await db.tx(writeRecordsIn(COUPON_DISPLAYS_STREAM, [{ id, scope: '*', body: record, deleted: false }], by, now));
}

export async function deleteDisplay(db: ServerDb, id: string, by: string, now: Date): Promise<void> {
  parseCoupon(couponId, id);
  const shown = (await listRecords(db, COUPON_DISPLAYS_STREAM)).find((r) => r.id === id && !r.deleted);
  if (!shown) throw refuse('COUPON_NOT_FOUND', `No product display ${id}.`);
  await db.tx(writeRecordsIn(COUPON_DISPLAYS_STREAM, [{ id, scope: '*', deleted: true }], by, now));
}

export async function listDisplays(db: ServerDb) {
  return (await listRecords(db, COUPON_DISPLAYS_STREAM)).filter((r) => !r.deleted).map((r) => ({ id: r.id, ...(r.body as object) }));
}
