import { describe, expect, it } from 'vitest';
import { buildReport, reportCsv, reportReceipt, type FigureRow } from '../../../src-main/domain/settlement';
import { COLUMNS_BY_PAPER_MM, displayWidth, layoutReceipt, receiptProblems } from '../../../src-main/domain/receipt';

const row = (p: Partial<FigureRow>): FigureRow => ({ day: '2026-12-04', terminal: 'T1', staff: 'A', kind: 'sale', key: 'lockers', count: 1, amount: 0, volume: 0, ...p });
const report = buildReport({
  kind: 'Z',
  day: '2026-12-04',
  currency: 'CNY',
  timeZone: 'Asia/Shanghai',
  generatedAt: '2026-12-04T14:00:00.000Z',
  closedAt: '2026-12-04T14:00:00.000Z',
  closedBy: 'M',
  figures: [
    row({ kind: 'sale', key: 'lockers', count: 2, amount: 30_000 }),
    row({ kind: 'sale', key: 'fuel', count: 1, amount: 20_000, volume: 2635 }),
    row({ kind: 'grade', key: '92#汽油', count: 1, amount: 20_000, volume: 2635 }),
    row({ kind: 'tender', key: 'cash', amount: 35_000 }),
    row({ kind: 'tender', key: 'mobile', amount: 15_000 }),
    row({ kind: 'sale', key: 'lockers', staff: 'B', count: 0, amount: 0 }),
  ],
  shifts: [{ id: 's', terminal: 'T1', staff: 'A', openedAt: '2026-12-04T01:00:00Z', closedAt: '2026-12-04T13:30:00Z', float: 50_000, cashSales: 35_000, cashRefunds: 0, payIns: 0, payOuts: 2_000, expected: 83_000, counted: 83_000, difference: 0, approvedBy: null }],
  exceptions: [{ at: '2026-12-04T05:00:00Z', kind: 'pay_out', workflow: 'cash', ref: '', amount: 2_000, staff: 'A', approvedBy: 'M', reason: '=HYPERLINK("x"),"买冰块"' }],
  openItems: [],
  receipts: { first: 'C1-20261204-0001', last: 'C1-20261204-0003', count: 3 },
  names: { A: '李娜 Li Na', M: '王芳 Wang Fang', B: '=1+2' },
});

describe('the report on paper and in files', () => {
  it('CSV: UTF-8 BOM, CRLF, quoted cells, and a cell that starts like a formula is quoted', () => {
    const csv = reportCsv(report, 'zh-CN');
    expect(csv.startsWith('\uFEFF栏目,项目,数值\r\n')).toBe(true);
    expect(csv).toContain('销售,手牌消费 (2),¥300.00\r\n');
    expect(csv).toContain('油品,92#汽油 26.35 升,¥200.00\r\n');
    expect(csv).toContain('小票号,首张,C1-20261204-0001\r\n');
    // Times on the store's clock (Shanghai), not UTC.
    expect(csv).toContain('营业日,日结人,王芳 Wang Fang 2026/12/04 22:00:00\r\n');
    expect(csv).toContain('班次,李娜 Li Na 09:00–21:30,¥830.00 / ¥830.00\r\n');
    // The reason a person typed reaches the CSV only inside quotes, its quotes doubled.
    // A name that a spreadsheet would run as a formula is text.
    expect(csv).toContain("收银员,'=1+2 (0),¥0.00\r\n");
    expect(csv).toContain('"支出 =HYPERLINK(""x""),""买冰块"" · 李娜 Li Na · 授权 王芳 Wang Fang",¥20.00');
  });

  it('the Z receipt: its total is the day\'s sales, paid by the tenders; every line fits 58 mm; the yen sign is the GBK ￥', () => {
    const r = reportReceipt(report, { storeName: '清泉浴场', terminal: 'Counter 1', cashier: '王芳 Wang Fang', locale: 'zh-CN', time: report.generatedAt });
    expect(receiptProblems(r)).toEqual([]);
    expect(r.transactionId).toBe('Z-2026-12-04');
    const lines = layoutReceipt(r, COLUMNS_BY_PAPER_MM[58]);
    for (const l of lines) if (l.kind === 'text') expect(displayWidth(l.text, 'multibyte')).toBeLessThanOrEqual(32);
    const text = lines.map((l) => (l.kind === 'text' ? l.text : '')).join('\n');
    expect(text).toMatch(/应收\s+￥500\.00/);
    expect(text).toContain('Z 日结报表 2026-12-04');
    expect(text).not.toContain('¥');
  });
});
