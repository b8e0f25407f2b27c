// Each workflow's receipt is a case of the receipt rules: the printed total is the sum of
// the lines shown and equals what the customer paid, and no line is wider than the paper.
import { describe, expect, it } from 'vitest';
import { COLUMNS_BY_PAPER_MM, displayWidth, layoutReceipt, receiptPreview, receiptProblems, receiptTotals, type Receipt } from '../../../src-main/domain/receipt';
import { testReceipt } from '../../../src-main/devices/printer/printer-station';
import { finalReceipt, passReceipt } from '../../../src-main/services/fuel/fuel-receipts';
import type { OrderRow } from '../../../src-main/services/fuel/fuel-store';
import { checkoutReceipt } from '../../../src-main/services/lockers/locker-receipt';
import type { CheckoutResult } from '../../../src-main/services/lockers/checkout';

const ctx = { storeName: '清泉加油站', terminal: 'Counter 1', timeZone: 'Asia/Shanghai', currency: 'CNY', now: '2026-11-22T02:00:00Z' };

function order(o: Partial<OrderRow>): OrderRow {
  return {
    id: '0195f0c2-7b1e-7cc3-9a55-1d2e3f405060', commandId: 'c', fingerprint: 'f', day: '2026-11-22', createdAt: ctx.now, updatedAt: ctx.now,
    staffId: 's', staffName: '李娜 Li Na', stationId: 'st', stationName: '中石化清泉加油站（朝阳门北大街东侧加油站）Sinopec Qingquan', pump: 1, nozzle: 2,
    gradeId: 'g', gradeName: '92# 汽油 Gasoline', price: 759, mode: 'amount', amount: 20000, volume: 2635, tender: 'cash', customerPhone: null,
    memberId: null, state: 'released', paymentTransferId: 'p', reversalTransferId: null, pumpTransaction: null, dispensedVolume: null,
    chargedAmount: null, refundAmount: null, refundTransferId: null, passJobId: null, passState: null, problem: null, ...o,
  };
}

function checkout(r: Partial<CheckoutResult>, locale: 'zh-CN' | 'en' = 'zh-CN'): Receipt {
  const settings = {
    store: { id: '0195f0c2-7b1e-7cc3-9a55-1d2e3f405061', name: '清泉浴场 Spring Spa', currency: 'CNY', timeZone: 'Asia/Shanghai', locale },
    terminal: { id: '0195f0c2-7b1e-7cc3-9a55-1d2e3f405062', name: 'Counter 1' },
  };
  const result: CheckoutResult = {
    settlementId: '0195f0c2-7b1e-7cc3-9a55-1d2e3f405063', partyId: 'p', customer: '138****8000', lockers: [101, 102],
    lines: [{ locker: 101, description: '餐厅 Restaurant: 宫保鸡丁 Kung Pao chicken ×2, 扬州炒饭 Fried rice', amount: 12800 }, { locker: 102, description: '', amount: 0 }],
    total: 12800, received: 20000, change: 7200, tenders: [{ method: 'cash', amount: 12800 }], partyClosed: true, approvedBy: null, at: ctx.now, print: null, ...r,
  };
  return checkoutReceipt(settings, { id: 's', name: '李娜 Li Na', role: 'cashier' }, result);
}

const cases: [string, Receipt, number][] = [
  ['fuel pass ¥200.00', passReceipt(order({}), ctx), 20000],
  ['fuel pass 30 L', passReceipt(order({ mode: 'volume', volume: 3000, amount: 22770, tender: 'bank_card' }), ctx), 22770],
  ['fuel final, underrun refunded', finalReceipt(order({ state: 'refunded', dispensedVolume: 2000, chargedAmount: 15180, refundAmount: 4820 }), ctx), 15180],
  ['fuel final, full', finalReceipt(order({ state: 'completed', dispensedVolume: 2635, chargedAmount: 20000, refundAmount: 0 }), ctx), 20000],
  ['fuel final, nozzle never lifted', finalReceipt(order({ state: 'refunded', dispensedVolume: 0, chargedAmount: 0, refundAmount: 20000 }), ctx), 0],
  ['locker checkout, cash with change', checkout({}), 12800],
  ['locker checkout, English', checkout({}, 'en'), 12800],
  ['locker checkout, split card + mobile', checkout({ received: 12800, change: 0, tenders: [{ method: 'bank_card', amount: 10000 }, { method: 'mobile', amount: 2800 }] }), 12800],
  ['locker checkout, all cash given back as change', checkout({ lines: [{ locker: 101, description: '', amount: 0 }], total: 0, received: 5000, change: 5000, tenders: [] }), 0],
  ['test print', testReceipt({ time: ctx.now }), 0],
];

describe('every workflow receipt: printed total = Σ lines shown = what was paid', () => {
  for (const [name, receipt, paid] of cases) {
    it(name, () => {
      expect(receiptProblems(receipt)).toEqual([]);
      const totals = receiptTotals(receipt);
      expect(totals.total).toBe(paid);
      if (receipt.tenders.length > 0) expect(totals.paid).toBe(paid);
      for (const paper of [58, 80] as const) {
        const columns = COLUMNS_BY_PAPER_MM[paper];
        const lines = layoutReceipt(receipt, columns);
        for (const l of lines) if (l.kind === 'text') expect(displayWidth(l.text) * (l.large ? 2 : 1), l.text).toBeLessThanOrEqual(columns);
        // Exactly one total line, and it reads the amount paid.
        const text = receiptPreview(receipt, paper);
        const label = receipt.locale === 'en' ? 'Total due' : '应收';
        const totalLines = text.split('\n').filter((l) => l.startsWith(label));
        expect(totalLines).toHaveLength(1);
        expect(totalLines[0]).toMatch(new RegExp(`￥${(paid / 100).toFixed(2).replace(/\B(?=(\d{3})+\.)/g, ',').replace('.', '\\.')}$`));
      }
    });
  }

  it('the fuel pass names the pump (1号加油机) and the nozzle (2号油枪), not "1号油枪"', () => {
    const text = receiptPreview(passReceipt(order({}), ctx), 80);
    expect(text).toMatch(/加油机 Pump\s+1号加油机 Pump 1/);
    expect(text).toMatch(/油枪 Nozzle\s+2号油枪 Nozzle 2/);
    expect(text).not.toContain('1号油枪');
    expect(text).toMatch(/26\.35 L × ￥7\.59\s+￥200\.00/);
  });

  it('a cash underrun refund opens the drawer; a card one does not', () => {
    const refunded = { state: 'refunded' as const, dispensedVolume: 2000, chargedAmount: 15180, refundAmount: 4820 };
    expect(finalReceipt(order(refunded), ctx).openDrawer).toBe(true);
    expect(finalReceipt(order({ ...refunded, tender: 'bank_card' }), ctx).openDrawer).toBe(false);
    expect(receiptPreview(finalReceipt(order(refunded), ctx), 58)).toMatch(/退款 现金 Cash\s+￥48\.20/);
  });
});
