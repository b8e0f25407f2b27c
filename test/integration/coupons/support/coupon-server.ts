import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Admin, Json } from '../../sync/support/server-process';

/** A coupon as the back office enters it; `over` replaces fields. */
export function couponBody(id: string, over: Record<string, unknown> = {}) {
  return {
    id,
    titleZh: '满100减20',
    titleEn: '20 off 100',
    offer: { kind: 'amountOff', threshold: 100_00, off: 20_00 },
    scope: { kind: 'all' },
    validFrom: null,
    validTo: null,
    perMemberLimit: 1,
    totalLimit: null,
    stacks: false,
    ...over,
  };
}

/** Creates (or edits) a coupon through the back office, which publishes it. */
export async function createCoupon(admin: Admin, id: string, over: Record<string, unknown> = {}): Promise<Json> {
  const r = await admin.request('POST', '/admin/api/coupons', couponBody(id, over));
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json;
}

/** A member made in the back office (no value needed for coupons). */
export async function newMember(admin: Admin, number = `CP${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`): Promise<Json> {
  const r = await admin.request('POST', '/admin/api/members', { number, name: `Member ${number}` });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json;
}
