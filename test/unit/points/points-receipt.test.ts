import { describe, expect, it } from 'vitest';
import { receiptPreview, receiptProblems } from '../../../src-main/domain/receipt';
import { redemptionReceipt, refundReceipt } from '../../../src-main/services/points/points-receipt';
import type { RedemptionRow } from '../../../src-main/services/points/points-store';

const CONTEXT = { storeName: '机场柜台', terminal: 'Desk 1', timeZone: 'Asia/Shanghai', currency: 'CNY' };
const SALE: RedemptionRow = {
  id: '0193a000-0000-7000-8000-00000000aaaa',
  commandId: '0193a000-0000-7000-8000-00000000bbbb',
  day: '2026-12-04',
  createdAt: '2026-12-04T03:00:00.000Z',
  staffId: 's1',
  staffName: '李娜',
  memberId: 'm1',
  memberNumber: 'CA88001234',
  memberName: '张三',
  flight: 'CA1501',
  origin: 'PEK',
  destination: 'SHA',
  flightDate: '2026-12-04',
  serviceType: 'baggage',
  price: 30_001,
  points: 9_000,
  pointsValue: 9_000,
  cash: 21_001,
  sharePct: 30,
  roundedUp: 0,
  pointsLeft: 16_000,
  ruleId: 'r',
  tenders: [{ method: 'cash', amount: 21_001 }],
  change: 8_999,
  paymentTransferId: 't',
  captureState: 'captured',
  captureProblem: null,
  state: 'made',
  refundCommandId: null,
  reversalTransferId: null,
  refundedAt: null,
  updatedAt: '2026-12-04T03:00:00.000Z',
};

describe('miles receipts', () => {
  it('the sale adds up (miles value + cash handed over − change = price) and shows miles used and left', () => {
    const r = redemptionReceipt(SALE, CONTEXT);
    expect(receiptProblems(r)).toEqual([]);
    const paper = receiptPreview(r);
    expect(paper).toMatch(/应收\s+￥300\.01/);
    expect(paper).toMatch(/实收 里程 Miles\s+￥90\.00/);
    expect(paper).toMatch(/实收 现金 Cash\s+￥300\.00/);
    expect(paper).toMatch(/找零\s+￥89\.99/);
    expect(paper).toContain('使用里程 Miles used 9000');
    expect(paper).toContain('剩余里程 Miles left 16000');
    expect(r.openDrawer).toBe(true);
  });

  it('a miles-only sale has no cash line and opens no drawer; the refund slip adds up to zero', () => {
    const milesOnly = { ...SALE, price: 20_000, points: 20_000, pointsValue: 20_000, cash: 0, tenders: [], change: 0, sharePct: 100 };
    const r = redemptionReceipt(milesOnly, CONTEXT);
    expect(receiptProblems(r)).toEqual([]);
    expect(r.tenders).toEqual([{ name: '里程 Miles', amount: 20_000 }]);
    expect(r.openDrawer).toBe(false);
    const refund = refundReceipt({ ...SALE, state: 'refunded', pointsLeft: 25_000, refundedAt: '2026-12-04T04:00:00.000Z' }, CONTEXT);
    expect(receiptProblems(refund)).toEqual([]);
    expect(receiptPreview(refund)).toContain('退回里程 Miles returned 9000');
  });
});
