// The real node-thermal-printer code printing to the ESC/POS emulator over TCP.
import iconv from 'iconv-lite';
import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EscPosPrinter } from '../../../src-main/devices/printer/escpos-printer';
import { PrinterSettingsSchema } from '../../../src-main/devices/settings';
import { decodeEscPos } from '../../emulators/escpos-decoder';
import { startPrinterEmulator, type PrinterEmulator } from '../../emulators/printer-emulator';
import { blackPng, mixedReceipt } from './fixtures';

describe('receipt printer over TCP (EPSON)', () => {
  let emulator: PrinterEmulator;
  beforeAll(async () => {
    emulator = await startPrinterEmulator({ port: 0 });
  });
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.clear());

  it('prints Chinese and English in GB18030 Chinese mode with the transaction QR, drawer kick and cut', async () => {
    expect(emulator.port).toBeGreaterThan(0);
    const printer = new EscPosPrinter({ settings: PrinterSettingsSchema.parse({ enabled: true, address: emulator.address, paperMm: 80 }) });
    await printer.print(mixedReceipt);

    const [job] = await emulator.waitForJobs(1);
    expect(job!.chineseMode).toBe(true);
    expect(job!.text).toContain('清泉浴场 Spring Spa');
    expect(job!.text).toMatch(/收银员\s+张喆 Zhang Zhe/);
    expect(job!.text).toMatch(/洗浴 Bath x2\s+¥176\.00/);
    expect(job!.text).toMatch(/合计\s+¥188\.30/);
    expect(job!.text).toMatch(/手环额度 Quota\s+¥500\.00/);
    expect(job!.text).toContain('刘䶮 欢迎再来 Welcome back');
    expect(job!.qr).toEqual([mixedReceipt.transactionId]);
    expect(job!.cuts).toBe(1);
    expect(job!.drawerKicks).toBe(1);
    expect(job!.unknown).toEqual([]);
    // 80 mm paper: 48 columns, Chinese counted double.
    expect(job!.lines.find((l) => l.startsWith('合计'))).toMatch(/^合计 {37}¥188\.30$/);
  });

  it('lays out 58 mm receipts at 32 columns and leaves the drawer shut when not asked', async () => {
    const printer = new EscPosPrinter({ settings: PrinterSettingsSchema.parse({ address: emulator.address, paperMm: 58 }) });
    await printer.print({ ...mixedReceipt, openDrawer: false });
    const [job] = await emulator.waitForJobs(1);
    expect(job!.lines.find((l) => l.startsWith('合计'))).toMatch(/^合计 {21}¥188\.30$/);
    expect(job!.drawerKicks).toBe(0);
  });

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

describe('receipt printer over TCP (STAR)', () => {
  it('prints Chinese, English and the QR in STAR line mode', async () => {
    const emulator = await startPrinterEmulator({ commandSet: 'star' });
    try {
      const printer = new EscPosPrinter({ settings: PrinterSettingsSchema.parse({ type: 'star', address: emulator.address }) });
      await printer.print(mixedReceipt);
      const [job] = await emulator.waitForJobs(1);
      expect(job!.text).toMatch(/收银员\s+张喆 Zhang Zhe/);
      expect(job!.qr).toEqual([mixedReceipt.transactionId]);
      expect(job!.cuts).toBe(1);
      expect(job!.drawerKicks).toBe(1);
    } finally {
      await emulator.stop();
    }
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
