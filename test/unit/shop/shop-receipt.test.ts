import { describe, expect, it } from 'vitest';
import { receiptPreview, receiptProblems } from '../../../src-main/domain/receipt';
import { saleReceipt } from '../../../src-main/services/shop/shop-receipt';
import type { SaleRow } from '../../../src-main/services/shop/shop-store';

const ctx = { storeName: '清泉浴场', terminal: 'Counter 1', timeZone: 'Asia/Shanghai', currency: 'CNY' };
const sale = (over: Partial<SaleRow> = {}): SaleRow => ({
  id: 'sale-1',
  commandId: 'cmd-1',
  day: '2026-12-04',
  createdAt: '2026-12-04T04:00:00.000Z',
  staffId: 's1',
  staffName: '李娜',
  memberId: 'm1',
  memberNumber: 'CA88001234',
  memberName: '张三',
  lines: [
    { itemId: 'sun', nameZh: '防晒霜', nameEn: 'Sunscreen', category: '洗护', unitPrice: 12_800, quantity: 1, amount: 12_800 },
    { itemId: 'chips', nameZh: '薯片', nameEn: 'Chips', category: '零食', unitPrice: 850, quantity: 3, amount: 2_550 },
  ],
  subtotal: 15_350,
  discount: 3_000,
  total: 12_350,
  coupons: [{ claimId: 'c1', couponId: 'sun-30', titleZh: '防晒霜立减30', titleEn: 'Sunscreen 30 off', saving: 3_000 }],
  tenders: [{ method: 'cash', amount: 12_350 }],
  change: 7_650,
  paymentTransferId: 't1',
  couponState: 'confirmed',
  couponProblem: null,
  updatedAt: '2026-12-04T04:00:00.000Z',
  ...over,
});

describe('the shop receipt', () => {
  it('prints the coupon as a negative line, so the printed total is what the customer paid', () => {
    const r = saleReceipt(sale(), ctx);
    expect(receiptProblems(r)).toEqual([]);
    const paper = receiptPreview(r);
    expect(paper).toMatch(/优惠券 Coupon 防晒霜立减30\s+-￥30\.00/);
    expect(paper).toMatch(/应收\s+￥123\.50/);
    expect(paper).toMatch(/实收 现金 Cash\s+￥200\.00/);
    expect(paper).toMatch(/找零\s+￥76\.50/);
    expect(paper).toContain('会员 Member');
    expect(paper).toContain('已优惠 You saved 30.00 CNY');
  });

  it('without a coupon or member: no coupon line, no member, no saving note', () => {
    const r = saleReceipt(sale({ coupons: [], discount: 0, total: 15_350, memberId: null, memberName: null, memberNumber: null, tenders: [{ method: 'bank_card', amount: 15_350 }], change: 0 }), ctx);
    expect(receiptProblems(r)).toEqual([]);
    const paper = receiptPreview(r);
    expect(paper).not.toContain('优惠券');
    expect(paper).not.toContain('会员');
    expect(paper).toMatch(/应收\s+￥153\.50/);
  });
});
