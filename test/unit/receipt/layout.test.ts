// The receipt layout as the printer's Chinese mode prints it: columns counted from the
// bytes sent (every multi-byte character is 2 columns), at 58 mm (32) and 80 mm (48).
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  COLUMNS_BY_PAPER_MM,
  displayWidth,
  formatMoney,
  layoutReceipt,
  receiptPreview,
  toDecimalString,
  wrapToWidth,
  type Receipt,
  type ReceiptLine,
  type TextMode,
} from '../../../src-main/domain/receipt';

export const sampleReceipt: Receipt = {
  kind: 'locker-checkout',
  number: 'C1-20250301-0042',
  storeName: '清泉浴场 Spring Spa',
  header: { address: '北京市朝阳区建国路 88 号', phone: '010-8888 6666', taxNumber: '91110105MA01ABCD2X', invoiceNote: '如需发票请联系前台 Ask for a fapiao' },
  terminal: 'Counter 1',
  cashier: '王芳 Wang Fang',
  time: '2025-03-01T04:05:06Z',
  timeZone: 'Asia/Shanghai',
  locale: 'zh-CN',
  currency: 'CNY',
  items: [
    { name: '洗浴 Bath', quantity: 2, unitPrice: 8800, amount: 17600 },
    { name: 'Towel', quantity: 1, amount: 1230 },
  ],
  tenders: [{ name: '现金 Cash', amount: 20000 }],
  change: 1170,
  balances: [{ label: '手环额度 Quota', amount: 50000, currency: 'CNY' }, { label: 'Miles', amount: 12345 }],
  transactionId: '0195f0c2-7b1e-7cc3-9a55-1d2e3f405060',
  notes: ['客人 138****8000 · 手牌 101, 102'],
  footer: '欢迎再来 See you soon',
};

/** Columns a laid-out line takes on paper: large text is printed double width. */
function paperWidth(line: ReceiptLine, mode: TextMode): number {
  return line.kind === 'text' ? displayWidth(line.text, mode) * (line.large ? 2 : 1) : 0;
}

/** Columns counted from the GB18030 bytes themselves, independently of displayWidth. */
function bytesWidth(text: string): number {
  let cols = 0;
  for (const ch of text) cols += iconv.encode(ch, 'gb18030').length > 1 ? 2 : 1;
  return cols;
}

const longNames: Receipt = {
  ...sampleReceipt,
  storeName: '清泉温泉洗浴中心（朝阳门分店）Spring Hot-Spring Bathhouse, Chaoyangmen Branch',
  cashier: '欧阳娜娜娜娜娜娜娜娜娜娜 Ouyang Nanananananana',
  items: [
    { name: '特级养生足疗按摩套餐（含中药泡脚、肩颈放松、精油开背）', quantity: 3, unitPrice: 3_999_999, amount: 11_999_997 },
    { name: 'Premium aromatherapy full-body massage with hot stones — 120 minutes', quantity: 1, amount: 88_888_888 },
    { name: '92#·’汽油’', quantity: 1, quantityText: '123.45 L', unitPrice: 759, amount: 93_699 },
  ],
  tenders: [{ name: '银行卡 Bank card (UnionPay 6222 **** **** 1234)', amount: 100_982_584 }],
  change: 0,
};

describe('layout width in the printer’s Chinese mode', () => {
  for (const paper of [58, 80] as const) {
    const columns = COLUMNS_BY_PAPER_MM[paper];
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const [name, receipt] of [['sample', sampleReceipt], ['long names, large amounts', longNames]] as const) {
        it(`${paper} mm, ${locale}, ${name}: no line is wider than ${columns} columns`, () => {
          const lines = layoutReceipt({ ...receipt, locale }, columns, 'multibyte');
          for (const line of lines) {
            if (line.kind !== 'text') continue;
            expect(bytesWidth(line.text) * (line.large ? 2 : 1), line.text).toBeLessThanOrEqual(columns);
            expect(paperWidth(line, 'multibyte')).toBe(bytesWidth(line.text) * (line.large ? 2 : 1));
          }
        });
      }
    }
  }

  it('counts every multi-byte character as 2 columns: ¥, ·, ’ included', () => {
    expect(displayWidth('合计', 'multibyte')).toBe(4);
    expect(displayWidth('·’', 'multibyte')).toBe(4);
    expect(displayWidth('￥12.30', 'multibyte')).toBe(7);
    expect(displayWidth('·’', 'unicode')).toBe(2);
    expect(displayWidth('中', 'single-byte')).toBe(1);
  });

  it('pads the total line to exactly the paper width, the amount right-aligned', () => {
    for (const columns of [32, 48]) {
      const total = layoutReceipt(sampleReceipt, columns).find((l) => l.kind === 'text' && l.text.startsWith('应收'));
      expect(total).toMatchObject({ kind: 'text', bold: true });
      expect(total && total.kind === 'text' && bytesWidth(total.text)).toBe(columns);
      expect(total && total.kind === 'text' && total.text.endsWith('￥188.30')).toBe(true);
    }
  });

  it('wraps English at spaces and Chinese anywhere', () => {
    expect(wrapToWidth('测试店 Demo store', 16)).toEqual(['测试店 Demo', 'store']);
    expect(wrapToWidth('洗浴中心温泉大浴场', 8)).toEqual(['洗浴中心', '温泉大浴', '场']);
    expect(wrapToWidth('', 8)).toEqual(['']);
  });
});

describe('what the receipt carries', () => {
  const text = receiptPreview(sampleReceipt, 80);

  it('prints the yen sign as full-width ￥ (GB2312 A3 A4) in Chinese mode, never U+00A5', () => {
    expect(text).not.toContain('¥');
    expect(text).toContain('￥');
    expect(iconv.encode('￥', 'gb18030')).toEqual(Buffer.from([0xa3, 0xa4]));
    expect(receiptPreview({ ...sampleReceipt, locale: 'en' }, 80)).not.toMatch(/¥|CN￥/);
    // Drawn by a font (raster, screen) the ordinary sign stays.
    expect(receiptPreview(sampleReceipt, 80, 'unicode')).toContain('¥188.30');
  });

  it('shows the store header, receipt number, quantity × unit price, 应收 / 实收 / 找零 and the footer', () => {
    expect(text).toContain('清泉浴场 Spring Spa');
    expect(text).toContain('北京市朝阳区建国路 88 号');
    expect(text).toContain('电话 010-8888 6666');
    expect(text).toContain('税号 91110105MA01ABCD2X');
    expect(text).toContain('如需发票请联系前台');
    expect(text).toMatch(/单号\s+C1-20250301-0042/);
    expect(text).toContain('2025/03/01 12:05:06');
    expect(text).toMatch(/洗浴 Bath\n\s+2 × ￥88\.00\s+￥176\.00/);
    expect(text).toMatch(/应收\s+￥188\.30/);
    expect(text).toMatch(/实收 现金 Cash\s+￥200\.00/);
    expect(text).toMatch(/找零\s+￥11\.70/);
    expect(text).toMatch(/Miles\s+12,345/);
    expect(text).toContain('客人 138****8000 · 手牌 101, 102');
    expect(text).toContain(`[QR ${sampleReceipt.transactionId}]`);
    expect(text).toContain('欢迎再来 See you soon');
    expect(text).not.toContain('重印');
  });

  it('labels an English receipt in English', () => {
    const en = receiptPreview({ ...sampleReceipt, locale: 'en' }, 80);
    expect(en).toMatch(/Total due\s+￥188\.30/);
    expect(en).toMatch(/Received 现金 Cash\s+￥200\.00/);
    expect(en).toMatch(/Change\s+￥11\.70/);
    expect(en).toMatch(/No\.\s+C1-20250301-0042/);
  });

  it('marks a reprint 重印 / REPRINT at the top and the bottom', () => {
    const copy = receiptPreview({ ...sampleReceipt, reprint: true }, 58).split('\n');
    expect(copy[0]).toContain('** 重印 REPRINT **');
    expect(copy.filter((l) => l.includes('重印 REPRINT'))).toHaveLength(2);
  });
});

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
