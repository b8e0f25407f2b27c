// The real node-thermal-printer code printing to the ESC/POS emulator over TCP.
import iconv from 'iconv-lite';
import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EscPosPrinter } from '../../../src-main/devices/printer/escpos-printer';
import { PrinterSettingsSchema } from '../../../src-main/devices/settings';
import { decodeEscPos } from '../../emulators/escpos-decoder';
import { startPrinterEmulator, type PrintedJob, type PrinterEmulator } from '../../emulators/printer-emulator';
import { blackPng, mixedReceipt } from './fixtures';

/** Every text line of a job fits the paper, counted from the bytes received; the yen sign is A3 A4, never 81 30 84 36. */
function expectPrintable(job: PrintedJob, columns: number): void {
  job.lineColumns.forEach((cols, i) => expect(cols, job.lines[i]).toBeLessThanOrEqual(columns));
  const all = Buffer.concat(job.lineBytes);
  expect(all.includes(Buffer.from([0x81, 0x30, 0x84, 0x36]))).toBe(false);
  expect(all.includes(Buffer.from([0xa3, 0xa4]))).toBe(true);
  expect(job.unknown).toEqual([]);
}

for (const type of ['epson', 'star'] as const) {
  describe(`receipt printer over TCP (${type.toUpperCase()})`, () => {
    let emulator: PrinterEmulator;
    beforeAll(async () => {
      emulator = await startPrinterEmulator({ port: 0, commandSet: type });
    });
    afterAll(() => emulator.stop());
    beforeEach(() => emulator.clear());

    it('prints Chinese and English in the printer\'s Chinese mode with the transaction QR, drawer kick and cut', async () => {
      expect(emulator.port).toBeGreaterThan(0);
      const printer = new EscPosPrinter({ settings: PrinterSettingsSchema.parse({ type, enabled: true, address: emulator.address, paperMm: 80 }) });
      await printer.print(mixedReceipt);

      const [job] = await emulator.waitForJobs(1);
      expect(job!.chineseMode).toBe(true);
      expect(job!.text).toContain('清泉浴场 Spring Spa');
      expect(job!.text).toMatch(/收银员\s+张喆 Zhang Zhe/);
      expect(job!.text).toMatch(/洗浴 Bath\n\s+2 × ￥88\.00\s+￥176\.00/);
      expect(job!.text).toMatch(/实收 现金 Cash\s+￥188\.30/);
      expect(job!.text).toMatch(/手环额度 Quota\s+￥500\.00/);
      expect(job!.text).toContain('刘䶮 欢迎再来 Welcome back');
      expect(job!.qr).toEqual([mixedReceipt.transactionId]);
      expect(job!.cuts).toBe(1);
      expect(job!.drawerKicks).toBe(1);
      // 80 mm paper: 48 columns, every multi-byte character counted double.
      expect(job!.lines.find((l) => l.startsWith('应收'))).toMatch(/^应收 {36}￥188\.30$/);
      expectPrintable(job!, 48);
    });

    it('lays out 58 mm receipts at 32 columns and leaves the drawer shut when not asked', async () => {
      const printer = new EscPosPrinter({ settings: PrinterSettingsSchema.parse({ type, address: emulator.address, paperMm: 58 }) });
      await printer.print({ ...mixedReceipt, openDrawer: false, storeName: '清泉温泉洗浴中心（朝阳门分店）Spring Hot-Spring Bathhouse' });
      const [job] = await emulator.waitForJobs(1);
      expect(job!.lines.find((l) => l.startsWith('应收'))).toMatch(/^应收 {20}￥188\.30$/);
      expect(job!.drawerKicks).toBe(0);
      expectPrintable(job!, 32);
    });

    it('prints what a person typed, never as commands: ESC p and GS V in a note neither open the drawer nor cut', async () => {
      const printer = new EscPosPrinter({ settings: PrinterSettingsSchema.parse({ type, address: emulator.address, paperMm: 58 }) });
      await printer.print({ ...mixedReceipt, openDrawer: false, notes: ['加钟\x1bp\x00\x19\xfa 毛巾\x1dV\x00\x1b\x07\x0b\x37\x07'], items: [{ name: '按摩\x1bd\x02', quantity: 1, amount: 18830 }] });
      const [job] = await emulator.waitForJobs(1);
      expect(job!.drawerKicks).toBe(0);
      expect(job!.cuts).toBe(1);
      expect(job!.text).toContain('按摩d');
      expectPrintable(job!, 32);
    });

    it('kicks the drawer alone (no-sale) without printing or cutting', async () => {
      const printer = new EscPosPrinter({ settings: PrinterSettingsSchema.parse({ type, address: emulator.address }) });
      await printer.openDrawer();
      const [job] = await emulator.waitForJobs(1);
      expect(job!.drawerKicks).toBe(1);
      expect(job!.cuts).toBe(0);
      expect(job!.text.trim()).toBe('');
    });
  });
}

describe('receipt printer over TCP (EPSON), other modes', () => {
  let emulator: PrinterEmulator;
  beforeAll(async () => {
    emulator = await startPrinterEmulator({ port: 0 });
  });
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.clear());

  it('prints the text as a raster image in raster mode, keeping the QR native', async () => {
    const calls: number[] = [];
    const printer = new EscPosPrinter({
      settings: PrinterSettingsSchema.parse({ address: emulator.address, paperMm: 58, chinese: 'raster' }),
      rasterize: async (lines, widthDots) => {
        calls.push(lines.length);
        return blackPng(widthDots, 24);
      },
    });
    await printer.print(mixedReceipt);
    const [job] = await emulator.waitForJobs(1);
    expect(job!.images).toEqual([
      { widthDots: 384, heightDots: 24 },
      { widthDots: 384, heightDots: 24 },
    ]);
    expect(job!.qr).toEqual([mixedReceipt.transactionId]);
    expect(job!.text).not.toContain('清泉');
    expect(calls.length).toBe(2);
  });

  it('reports a DEVICE_OFFLINE error when nothing listens', async () => {
    const printer = new EscPosPrinter({ settings: PrinterSettingsSchema.parse({ address: 'tcp://127.0.0.1:1' }), timeoutMs: 500 });
    await expect(printer.print(mixedReceipt)).rejects.toMatchObject({ code: 'DEVICE_OFFLINE' });
    expect(await printer.probe()).toBe(false);
    expect(await new EscPosPrinter({ settings: PrinterSettingsSchema.parse({ address: emulator.address }) }).probe()).toBe(true);
    expect(emulator.jobs()).toEqual([]); // a probe is not a job
  });
});

describe("why we bypass node-thermal-printer's CHINA code page", () => {
  it('turns characters outside GBK into ? where GB18030 prints them', () => {
    // 䶮 (CJK Ext. A, as in the name 刘䶮) and 𠮷 (as in 𠮷野家) need GB18030's extra planes.
    const p = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: 'tcp://127.0.0.1:1', characterSet: CharacterSet.CHINA });
    p.println('刘䶮 𠮷野家');
    const printed = decodeEscPos(Buffer.concat([Buffer.from([0x1c, 0x26]), p.getBuffer()])).text;
    expect(printed).toContain('刘?');
    expect(printed).not.toContain('䶮');
    expect(printed).not.toContain('𠮷');
    expect(iconv.decode(iconv.encode('刘䶮 𠮷野家', 'gb18030'), 'gb18030')).toBe('刘䶮 𠮷野家');
  });
});
