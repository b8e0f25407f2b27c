import { describe, expect, it } from 'vitest';
import { displayWidth, formatMoney, wrapToWidth, layoutReceipt, receiptPreview, toDecimalString, type Receipt } from './index';

const sampleReceipt: Receipt = {
  storeName: '清泉浴场 Spring Spa',
  terminal: 'T-01',
  cashier: '王芳 Wang Fang',
  time: '2025-03-01T04:05:06Z',
  timeZone: 'Asia/Shanghai',
  locale: 'zh-CN',
  currency: 'CNY',
  items: [
    { name: '洗浴 Bath', quantity: 2, amount: 17600 },
    { name: 'Towel', quantity: 1, amount: 1230 },
  ],
  tenders: [{ name: '现金 Cash', amount: 18830 }],
  balances: [{ label: '手环额度 Quota', amount: 50000, currency: 'CNY' }, { label: 'Miles', amount: 12345 }],
  transactionId: '0195f0c2-7b1e-7cc3-9a55-1d2e3f405060',
};

describe('receipt money', () => {
  it('formats integer minor units exactly', () => {
    expect(toDecimalString(1230, 'CNY')).toBe('12.30');
    expect(toDecimalString(5, 'CNY')).toBe('0.05');
    expect(toDecimalString(-105, 'USD')).toBe('-1.05');
    expect(toDecimalString(500, 'JPY')).toBe('500');
    expect(formatMoney(123456789, 'CNY', 'zh-CN')).toBe('¥1,234,567.89');
    expect(() => toDecimalString(1.5, 'CNY')).toThrow(RangeError);
  });
});

describe('receipt layout', () => {
  it('wraps English at spaces and Chinese anywhere', () => {
    expect(wrapToWidth('测试店 Demo store', 16)).toEqual(['测试店 Demo', 'store']);
    expect(wrapToWidth('洗浴中心温泉大浴场', 8)).toEqual(['洗浴中心', '温泉大浴', '场']);
    expect(wrapToWidth('', 8)).toEqual(['']);
  });

  it('pads pairs by display width so Chinese columns line up', () => {
    expect(displayWidth('合计')).toBe(4);
    const lines = layoutReceipt(sampleReceipt, 32);
    for (const line of lines) if (line.kind === 'text') expect(displayWidth(line.text)).toBeLessThanOrEqual(32);
    const total = lines.find((l) => l.kind === 'text' && l.text.startsWith('合计'));
    expect(total).toMatchObject({ kind: 'text', bold: true });
    expect(total && total.kind === 'text' && displayWidth(total.text)).toBe(32);
  });

  it('previews store, local time, items, total, tenders, balances and the QR payload', () => {
    const text = receiptPreview(sampleReceipt, 80);
    expect(text).toContain('清泉浴场 Spring Spa');
    expect(text).toContain('2025/03/01 12:05:06');
    expect(text).toMatch(/洗浴 Bath x2\s+¥176\.00/);
    expect(text).toMatch(/合计\s+¥188\.30/);
    expect(text).toMatch(/Miles\s+12,345/);
    expect(text).toContain(`[QR ${sampleReceipt.transactionId}]`);
  });
});
