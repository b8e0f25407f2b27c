// The shop tables on the ledger's SQLite connection (migration 0016). Synchronous prepared
// statements: the projector writes them inside the command's one transaction.
import type { Tender } from '../../domain/payments';
import type { Sqlite } from '../../ledger/types';

export interface SaleLine {
  itemId: string;
  nameZh: string;
  nameEn: string;
  category: string;
  unitPrice: number;
  quantity: number;
  /** unitPrice × quantity, before any coupon. */
  amount: number;
}

/** A coupon applied to a sale: the member's claim it used and what it saved. */
export interface AppliedCoupon {
  claimId: string;
  couponId: string;
  titleZh: string;
  titleEn: string;
  saving: number;
}

export type CouponState = 'none' | 'pending' | 'confirmed' | 'failed';

export interface SaleRow {
  id: string;
  commandId: string;
  day: string;
  createdAt: string;
  staffId: string;
  staffName: string;
  memberId: string | null;
  memberNumber: string | null;
  memberName: string | null;
  lines: SaleLine[];
  subtotal: number;
  /** What the coupons saved; the customer paid subtotal − discount (= total). */
  discount: number;
  total: number;
  coupons: AppliedCoupon[];
  /** As kept (cash net of change). */
  tenders: Tender[];
  change: number;
  paymentTransferId: string;
  couponState: CouponState;
  couponProblem: string | null;
  updatedAt: string;
}

const COLUMNS: [keyof SaleRow, string][] = [
  ['id', 'id'],
  ['commandId', 'command_id'],
  ['day', 'day'],
  ['createdAt', 'created_at'],
  ['staffId', 'staff_id'],
  ['staffName', 'staff_name'],
  ['memberId', 'member_id'],
  ['memberNumber', 'member_number'],
  ['memberName', 'member_name'],
  ['lines', 'lines'],
  ['subtotal', 'subtotal'],
  ['discount', 'discount'],
  ['total', 'total'],
  ['coupons', 'coupons'],
  ['tenders', 'tenders'],
  ['change', 'change'],
  ['paymentTransferId', 'payment_transfer_id'],
  ['couponState', 'coupon_state'],
  ['couponProblem', 'coupon_problem'],
  ['updatedAt', 'updated_at'],
];
const JSON_COLUMNS = new Set<keyof SaleRow>(['lines', 'coupons', 'tenders']);

function fromDb(r: Record<string, unknown>): SaleRow {
  const out: Record<string, unknown> = {};
  for (const [key, col] of COLUMNS) out[key] = JSON_COLUMNS.has(key) ? JSON.parse(String(r[col])) : r[col];
  return out as unknown as SaleRow;
}

export class ShopStore {
  private readonly s;

  constructor(readonly db: Sqlite) {
    this.s = {
      insert: db.prepare(`INSERT INTO shop_sale (${COLUMNS.map(([, c]) => c).join(', ')}) VALUES (${COLUMNS.map(([k]) => `@${k}`).join(', ')})`),
      byId: db.prepare(`SELECT * FROM shop_sale WHERE id = ?`),
      byCommand: db.prepare(`SELECT * FROM shop_sale WHERE command_id = ?`),
      ofDay: db.prepare(`SELECT * FROM shop_sale WHERE day = ? ORDER BY created_at DESC`),
      pending: db.prepare(`SELECT * FROM shop_sale WHERE coupon_state = 'pending' ORDER BY created_at`),
      setCoupon: db.prepare(`UPDATE shop_sale SET coupon_state = ?, coupon_problem = ?, updated_at = ? WHERE id = ?`),
    };
  }

  insert(row: SaleRow): void {
    const params: Record<string, unknown> = {};
    for (const [key] of COLUMNS) params[key] = JSON_COLUMNS.has(key) ? JSON.stringify(row[key]) : row[key];
    this.s.insert.run(params);
  }

  setCouponState(id: string, state: CouponState, problem: string | null, at: string): void {
    this.s.setCoupon.run(state, problem, at, id);
  }

  sale(id: string): SaleRow | null {
    const r = this.s.byId.get(id) as Record<string, unknown> | undefined;
    return r ? fromDb(r) : null;
  }

  byCommand(commandId: string): SaleRow | null {
    const r = this.s.byCommand.get(commandId) as Record<string, unknown> | undefined;
    return r ? fromDb(r) : null;
  }

  ofDay(day: string): SaleRow[] {
    return (this.s.ofDay.all(day) as Record<string, unknown>[]).map(fromDb);
  }

  /** Sales whose coupon the server has not confirmed yet (recovery at start). */
  pending(): SaleRow[] {
    return (this.s.pending.all() as Record<string, unknown>[]).map(fromDb);
  }
}
