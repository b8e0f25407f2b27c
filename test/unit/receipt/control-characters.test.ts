// Text a person typed never reaches the printer as a command: a note holding ESC p would
// open the cash drawer, GS V would cut the paper.
import { describe, expect, it } from 'vitest';
import { hasControlCharacters, layoutReceipt, printable, type Receipt } from '../../../src-main/domain/receipt';

const ESC_P = '\x1bp\x00\x19\xfa';
const GS_V = '\x1dV\x00';

describe('control characters in user text', () => {
  it('are removed, line breaks and tabs become spaces, printable text stays', () => {
    expect(printable(`按摩${ESC_P}加钟${GS_V}`)).toBe('按摩pú加钟V');
    expect(printable('毛巾\n2 条\tTowel')).toBe('毛巾 2 条 Towel');
    expect(printable('\u202eevil\u200b name\ufeff\u0085')).toBe('evil name');
    expect(printable('刘䶮 O’Neil · ￥12.30')).toBe('刘䶮 O’Neil · ￥12.30');
    expect(hasControlCharacters(`note${ESC_P}`)).toBe(true);
    expect(hasControlCharacters('王芳 Wang Fang')).toBe(false);
    expect(hasControlCharacters('a\u202eb')).toBe(true);
  });

  it('never appear in any laid-out line, whatever field they were typed into', () => {
    const receipt: Receipt = {
      storeName: `Spa${ESC_P}`,
      header: { address: `路${GS_V}`, phone: '010\x07', taxNumber: '9\x1c&1', invoiceNote: '发\x10\x04票' },
      title: `T\x1b@`,
      terminal: `C1\x1b!0`,
      cashier: `张\x1dV\x41\x00`,
      time: '2025-03-01T04:05:06Z',
      timeZone: 'Asia/Shanghai',
      locale: 'zh-CN',
      currency: 'CNY',
      items: [{ name: `按摩 ${ESC_P} 加钟 ${GS_V}`, quantity: 1, amount: 100 }],
      details: [{ label: `油枪\x1b`, value: `1\x1d` }],
      tenders: [{ name: `现金${ESC_P}`, amount: 100 }],
      balances: [{ label: `q\x1b`, amount: 1 }],
      notes: [`客人 ${GS_V}`],
      footer: `bye${ESC_P}`,
      transactionId: `id${GS_V}`,
    };
    for (const columns of [32, 48]) {
      for (const line of layoutReceipt(receipt, columns)) {
        const text = line.kind === 'text' ? line.text : line.kind === 'qr' ? line.payload : '';
        // eslint-disable-next-line no-control-regex
        expect(text, text).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      }
    }
  });
});
