// Receipt printer adapter on node-thermal-printer: EPSON ESC/POS or STAR line mode,
// over TCP 9100, a device file or a CUPS queue; 58 or 80 mm; QR; cut; drawer kick.
//
// Chinese: node-thermal-printer encodes non-ASCII characters with its CHINA code page,
// which is EUC-CN (GB2312), so characters outside GB2312 turn into '?'. In 'gb18030'
// mode we encode each line with iconv-lite's GB18030 ourselves and add the bytes with
// the printer's Chinese mode on (EPSON and compatibles: FS &; STAR: ESC $ 1, the
// multi-byte mode of Star models with a Chinese font); in 'raster' mode the text is
// printed as a bitmap (for a STAR model without a Chinese font).
import iconv from 'iconv-lite';
import { BreakLine, CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { DeviceError, errorReason } from '../common';
import { COLUMNS_BY_PAPER_MM, layoutReceipt, printable, type Receipt, type ReceiptLine, type TextMode } from '../../domain/receipt';
import type { PrinterSettings } from '../settings';
import { CupsRawPrinterInterface } from './os-printer';
import type { ReceiptPrinter, ReceiptRasterizer } from './printer';

/** Printable dots per line: 58 mm heads are 384 dots wide, 80 mm heads 576. */
export const DOTS_BY_PAPER_MM = { 58: 384, 80: 576 } as const;

// EPSON (and the Chinese ESC/POS compatibles): FS & enters Chinese character mode, FS . leaves it.
const EPSON_CHINESE_ON = Buffer.from([0x1c, 0x26]);
// STAR line mode: ESC $ n (n = '1') selects the multi-byte (Kanji/Chinese) character mode;
// without it a Star printer prints GB18030 bytes only if its memory switch happens to say so.
const STAR_CHINESE_ON = Buffer.from([0x1b, 0x24, 0x31]);

/** How the layout must count columns for these settings: by the bytes each character becomes. */
export function textModeFor(settings: Pick<PrinterSettings, 'chinese'>): TextMode {
  return settings.chinese === 'gb18030' ? 'multibyte' : settings.chinese === 'latin' ? 'single-byte' : 'unicode';
}
// ESC p m t1 t2: pulse drawer pin 2 for 50 ms on / 500 ms off. node-thermal-printer's EPSON
// openCashDrawer() sends `ESC p 0` without t1 t2, which swallows the next command's bytes.
const EPSON_DRAWER_KICK = Buffer.from([0x1b, 0x70, 0x00, 0x19, 0xfa]);

/**
 * STAR line-mode QR. node-thermal-printer 4.6's STAR printQR() omits the `ESC GS y D 1 m`
 * header before the data length, so a Star printer would read the payload as commands.
 */
function starQr(payload: string, cellSize: number): Buffer {
  const data = Buffer.from(payload, 'latin1');
  return Buffer.concat([
    Buffer.from([0x1b, 0x1d, 0x79, 0x53, 0x30, 0x02]), // model 2
    Buffer.from([0x1b, 0x1d, 0x79, 0x53, 0x31, 0x01]), // correction M
    Buffer.from([0x1b, 0x1d, 0x79, 0x53, 0x32, cellSize]),
    Buffer.from([0x1b, 0x1d, 0x79, 0x44, 0x31, 0x00, data.length & 0xff, data.length >> 8]),
    data,
    Buffer.from([0x1b, 0x1d, 0x79, 0x50]), // print
  ]);
}

export interface EscPosPrinterOptions {
  settings: PrinterSettings;
  /** Needed only in 'raster' mode. */
  rasterize?: ReceiptRasterizer;
  /** Socket/write timeout for one job. */
  timeoutMs?: number;
}

export class EscPosPrinter implements ReceiptPrinter {
  private readonly settings: PrinterSettings;
  private readonly rasterize: ReceiptRasterizer | undefined;
  private readonly timeoutMs: number;

  constructor(options: EscPosPrinterOptions) {
    this.settings = options.settings;
    this.rasterize = options.rasterize;
    this.timeoutMs = options.timeoutMs ?? 3000;
  }

  get columns(): number {
    return COLUMNS_BY_PAPER_MM[this.settings.paperMm];
  }

  /** A fresh library printer per job: its buffer is per-instance state. */
  private createPrinter(): ThermalPrinter {
    const address = this.settings.address;
    const printerQueue = /^printer:(.+)$/i.exec(address)?.[1];
    return new ThermalPrinter({
      type: this.settings.type === 'star' ? PrinterTypes.STAR : PrinterTypes.EPSON,
      // The library accepts an interface object; its own OS-printer path needs a native driver.
      interface: (printerQueue ? new CupsRawPrinterInterface(printerQueue) : address) as string,
      width: this.columns,
      characterSet: this.settings.type === 'star' ? undefined : CharacterSet.PC437_USA,
      // Lines arrive already wrapped by display width; the library's fold counts UTF-16 units.
      breakLine: BreakLine.NONE,
      options: { timeout: this.timeoutMs },
    });
  }

  /** The exact bytes a receipt becomes; exposed so tests and a preview-to-file can check them. */
  async render(receipt: Receipt): Promise<Buffer> {
    const p = this.createPrinter();
    const lines = layoutReceipt(receipt, this.columns, textModeFor(this.settings));
    if (this.settings.chinese === 'gb18030') p.add(this.settings.type === 'star' ? STAR_CHINESE_ON : EPSON_CHINESE_ON);

    let pendingRaster: ReceiptLine[] = [];
    const flushRaster = async () => {
      if (pendingRaster.length === 0) return;
      if (!this.rasterize) throw new DeviceError('INVALID_INPUT', 'raster printing needs a rasterizer from the host');
      p.alignLeft();
      await p.printImageBuffer(await this.rasterize(pendingRaster, DOTS_BY_PAPER_MM[this.settings.paperMm]));
      pendingRaster = [];
    };

    for (const line of lines) {
      if (this.settings.chinese === 'raster' && line.kind !== 'qr') {
        pendingRaster.push(line);
        continue;
      }
      await flushRaster();
      this.addLine(p, line);
    }
    await flushRaster();

    if (receipt.openDrawer && this.settings.cashDrawer) this.addDrawerKick(p);
    p.cut();
    return p.getBuffer();
  }

  private addLine(p: ThermalPrinter, line: ReceiptLine): void {
    switch (line.kind) {
      case 'feed':
        p.newLine();
        return;
      case 'rule':
        this.addText(p, '-'.repeat(this.columns));
        return;
      case 'qr':
        p.alignCenter();
        // Transaction ids are ASCII; the library counts the payload length in characters.
        if (this.settings.type === 'star') p.add(starQr(line.payload, this.settings.paperMm === 58 ? 5 : 6));
        else p.printQR(line.payload, { cellSize: this.settings.paperMm === 58 ? 5 : 6, correction: 'M', model: 2 });
        p.newLine();
        p.alignLeft();
        return;
      case 'text':
        if (line.align === 'center') p.alignCenter();
        else if (line.align === 'right') p.alignRight();
        if (line.bold) p.bold(true);
        if (line.large) p.setTextQuadArea();
        this.addText(p, line.text);
        if (line.large) p.setTextNormal();
        if (line.bold) p.bold(false);
        if (line.align !== 'left') p.alignLeft();
    }
  }

  private addText(p: ThermalPrinter, raw: string): void {
    // The layout already cleans every string; this is the last gate before bytes go out.
    const text = printable(raw);
    if (this.settings.chinese === 'latin') {
      p.println(text);
      return;
    }
    // GB18030 is ASCII-compatible, so mixed Chinese and English lines encode in one pass.
    p.add(iconv.encode(text, 'gb18030'));
    p.newLine();
  }

  private addDrawerKick(p: ThermalPrinter): void {
    if (this.settings.type === 'star') p.openCashDrawer();
    else p.add(EPSON_DRAWER_KICK);
  }

  async print(receipt: Receipt): Promise<void> {
    const bytes = await this.render(receipt);
    await this.send(bytes);
  }

  async openDrawer(): Promise<void> {
    const p = this.createPrinter();
    this.addDrawerKick(p);
    await this.send(p.getBuffer());
  }

  private async send(bytes: Buffer): Promise<void> {
    const p = this.createPrinter();
    p.setBuffer(bytes);
    try {
      await p.execute();
    } catch (err) {
      throw new DeviceError('DEVICE_OFFLINE', `printer ${this.settings.address}: ${errorReason(err)}`);
    }
  }

  async probe(): Promise<boolean> {
    try {
      return await this.createPrinter().isPrinterConnected();
    } catch {
      return false;
    }
  }
}
