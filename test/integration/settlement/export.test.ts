import { afterEach, describe, expect, it } from 'vitest';
import { cmd, openCounter, type Counter } from './support';

let c: Counter;
afterEach(async () => {
  await c?.close();
});

describe('exporting a day report', () => {
  it('CSV with a BOM and a PDF with the CJK font embedded', async () => {
    c = await openCounter();
    await c.lockerSale(101, 12_000);
    await c.ok('settlement.closeDay', { commandId: cmd(), day: '2026-12-04' });
    const csv = await c.ok<{ fileName: string; base64: string }>('settlement.export', { day: '2026-12-04', format: 'csv', locale: 'zh-CN' });
    expect(csv.fileName).toBe('Z-2026-12-04.csv');
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('手牌消费 (1),¥120.00');
    const pdf = await c.ok<{ fileName: string; mime: string; base64: string }>('settlement.export', { day: '2026-12-04', format: 'pdf', locale: 'zh-CN' });
    expect(pdf).toMatchObject({ fileName: 'Z-2026-12-04.pdf', mime: 'application/pdf' });
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toMatch(/NotoSansCJK/);
    const bad = await c.refused('settlement.export', { day: '2026-13-01x', format: 'pdf', locale: 'zh-CN' });
    expect(bad.code).toBe('INVALID_INPUT');
  });

  it('a PDF without a CJK font on the machine is refused with PDF_FONT_MISSING, the CSV still works', async () => {
    c = await openCounter();
    process.env.POS_CJK_FONT = '/nonexistent/font.ttc';
    try {
      const e = await c.refused('settlement.export', { day: '2026-12-04', format: 'pdf', locale: 'en' });
      expect(e.code).toBe('PDF_FONT_MISSING');
      expect(e.message['zh-CN']).toContain('fonts-noto-cjk');
      await c.ok('settlement.export', { day: '2026-12-04', format: 'csv', locale: 'en' });
    } finally {
      delete process.env.POS_CJK_FONT;
    }
  });
});
