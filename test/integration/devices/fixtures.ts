// Shared test data and helpers for the device integration tests.
import zlib from 'node:zlib';
import type { Receipt } from '../../../src-main/domain/receipt';
import type { DeviceLogger, DeviceTiming } from '../../../src-main/devices/common';

/** Chinese and English on one receipt; 喆 is outside GB2312 and 䶮 outside GBK: only GB18030 has both. */
export const mixedReceipt: Receipt = {
  storeName: '清泉浴场 Spring Spa',
  terminal: 'T-01',
  cashier: '张喆 Zhang Zhe',
  footer: '刘䶮 欢迎再来 Welcome back',
  time: '2025-03-01T04:05:06Z',
  timeZone: 'Asia/Shanghai',
  locale: 'zh-CN',
  currency: 'CNY',
  items: [
    { name: '洗浴 Bath', quantity: 2, unitPrice: 8800, amount: 17600 },
    { name: 'Towel 毛巾', quantity: 1, amount: 1230 },
  ],
  tenders: [{ name: '现金 Cash', amount: 18830 }],
  balances: [{ label: '手环额度 Quota', amount: 50000, currency: 'CNY' }],
  transactionId: '0195f0c2-7b1e-7cc3-9a55-1d2e3f405060',
  openDrawer: true,
};

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  obj: object;
  msg?: string;
}

/** A logger that remembers what was logged, so tests can check malformed frames and masking. */
export function memoryLogger(): DeviceLogger & { entries: LogEntry[]; text(): string } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (obj: object, msg?: string) => entries.push({ level, obj, ...(msg ? { msg } : {}) });
  return { entries, info: at('info'), warn: at('warn'), error: at('error'), text: () => JSON.stringify(entries) };
}

/** Polls until `check` returns truthy (device events are asynchronous). */
export async function eventually<T>(check: () => T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A solid black RGBA PNG: stands in for the host's text rasterizer in raster mode. */
export function blackPng(width: number, height: number): Buffer {
  const row = Buffer.alloc(1 + width * 4);
  for (let x = 0; x < width; x++) row.writeUInt32BE(0x000000ff, 1 + x * 4);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const chunk = (type: string, body: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(type), body])));
    return Buffer.concat([len, Buffer.from(type), body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Device timing for tests: reconnects and polls in tens of milliseconds. */
export const fastTiming: DeviceTiming = { backoffInitialMs: 20, backoffMaxMs: 100, pollMs: 30, probeMs: 50, requestTimeoutMs: 300 };
