// The receipt printer as the rest of the app sees it: one small interface, whatever
// command set, connection or Chinese mode sits behind it.
import type { DeviceStatus } from '../common';
import type { Receipt, ReceiptLine } from '../../domain/receipt';

export interface ReceiptPrinter {
  /** Sends one receipt: text, QR of the transaction id, drawer kick if asked, cut. Throws DeviceError. */
  print(receipt: Receipt): Promise<void>;
  /** Kicks the cash drawer without printing (no-sale). */
  openDrawer(): Promise<void>;
  /** True when the printer answers (TCP connect, device file present, OS queue ready). */
  probe(): Promise<boolean>;
}

/** A print job the cashier can see and reprint when it failed. */
export interface PrintJob {
  id: string;
  receipt: Receipt;
  createdAt: string;
  attempts: number;
  state: 'printed' | 'failed';
  /** Why the last attempt failed, in English for the log; the UI shows a localized DEVICE_OFFLINE. */
  error?: string;
}

export type PrintResult = { jobId: string; state: 'printed' } | { jobId: string; state: 'failed'; code: string; message: string };

/**
 * Turns laid-out receipt text into a PNG for 'raster' Chinese mode. The device layer has no
 * font engine; the host injects one (an offscreen canvas in Electron or Chromium).
 */
export type ReceiptRasterizer = (lines: ReceiptLine[], widthDots: number) => Promise<Buffer>;

export type { DeviceStatus };
