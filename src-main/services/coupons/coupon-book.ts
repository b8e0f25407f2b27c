// The coupons this counter knows: head office's `coupons.rules` and `coupons.displays` records as
// pulled (reference_record keeps them, so they are usable offline once pulled), with the scope
// index built once per change instead of on every scan.
import { CouponIndex, type Coupon } from '../../domain/coupons';
import { COUPON_DISPLAYS_STREAM, COUPON_RULES_STREAM, couponDisplayRecord, couponRuleRecord, toDomainCoupon, type CouponDisplayRecord, type CouponRuleRecord } from '../../domain/coupons/protocol';
import type { CentralRecords, ReferenceStream } from '../sync/reference/reference-data';

export interface BookCoupon {
  coupon: Coupon;
  rule: CouponRuleRecord;
}

export interface Display extends CouponDisplayRecord {
  id: string;
}

export class CouponBook {
  private cached: { index: CouponIndex; byId: Map<string, BookCoupon> } | null = null;

  constructor(private readonly central: CentralRecords) {}

  /** Drops the index: the next read rebuilds it from the records (a batch was applied). */
  changed(): void {
    this.cached = null;
  }

  private load() {
    if (this.cached) return this.cached;
    const byId = new Map<string, BookCoupon>();
    for (const id of this.central.ids(COUPON_RULES_STREAM)) {
      const rule = this.central.body<CouponRuleRecord>(COUPON_RULES_STREAM, id);
      if (rule) byId.set(id, { coupon: toDomainCoupon(id, rule), rule });
    }
    this.cached = { index: new CouponIndex([...byId.values()].map((b) => b.coupon)), byId };
    return this.cached;
  }

  index(): CouponIndex {
    return this.load().index;
  }

  get(id: string): BookCoupon | undefined {
    return this.load().byId.get(id);
  }

  count(): number {
    return this.load().byId.size;
  }

  displays(): Display[] {
    return this.central
      .ids(COUPON_DISPLAYS_STREAM)
      .flatMap((id) => {
        const d = this.central.body<CouponDisplayRecord>(COUPON_DISPLAYS_STREAM, id);
        return d ? [{ id, ...d }] : [];
      })
      .sort((a, b) => a.sort - b.sort || (a.id < b.id ? -1 : 1));
  }

  /**
   * The two streams. Their records are what the counter reads (reference_record, written by the
   * reference projector in the batch's transaction), so apply only drops the cached index. The
   * schema already refused a bad record; the batch is applied whole or not at all.
   */
  streams(): [ReferenceStream<CouponRuleRecord>, ReferenceStream<CouponDisplayRecord>] {
    return [
      { name: COUPON_RULES_STREAM, schema: couponRuleRecord as never, apply: () => this.changed() },
      { name: COUPON_DISPLAYS_STREAM, schema: couponDisplayRecord, apply: () => this.changed() },
    ];
  }
}
