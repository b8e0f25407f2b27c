// Card readers that expose a vendor HID interface (wristbands, member cards) read
// with node-hid raw reports. Keyboard-wedge readers type into the window instead
// and are caught by the renderer's burst detector (src-renderer/src/devices/wedge.ts).
//
// Report layout we decode (the common vendor-mode layout of 13.56 MHz desk readers):
//   [report id, if the reader numbers its reports] [UID length n] [n UID bytes] [zero padding]
// An all-zero payload means "no card on the reader".
import { StatusHolder, TypedEmitter, defaultTiming, errorReason, maskId, nextBackoff, type DeviceLogger, type DeviceStatus, type DeviceTiming } from '../common';
import type { CardReaderSettings } from '../settings';

export interface CardEvent {
  source: 'hid' | 'wedge';
  /** Upper-case hex UID ("04A1B2C3D4E5F6"); logs only ever show its last 4 characters. */
  uid: string;
  at: string;
}

export interface CardReaderEvents {
  card: CardEvent;
  status: DeviceStatus;
}

export interface CardReader {
  start(): void;
  stop(): Promise<void>;
  status(): DeviceStatus;
  on<K extends keyof CardReaderEvents & string>(event: K, cb: (payload: CardReaderEvents[K]) => void): () => void;
}

/** The slice of node-hid's HIDAsync the reader uses, so tests can inject a fake device. */
export interface HidDeviceHandle {
  on(event: 'data', cb: (report: Buffer) => void): unknown;
  on(event: 'error', cb: (err: unknown) => void): unknown;
  close(): unknown;
}

export type OpenHidDevice = (target: { vendorId: number; productId: number; path?: string }) => Promise<HidDeviceHandle>;

/** Opens a real reader through node-hid, loaded lazily so a missing native module is 'offline', not a crash. */
export const openNodeHidDevice: OpenHidDevice = async (target) => {
  const { HIDAsync } = await import('node-hid');
  const device = target.path ? await HIDAsync.open(target.path) : await HIDAsync.open(target.vendorId, target.productId);
  return device as unknown as HidDeviceHandle;
};

export type CardReport = { kind: 'card'; uid: string } | { kind: 'empty' } | { kind: 'malformed'; reason: string };

const UID_LENGTHS = new Set([4, 7, 10]); // ISO 14443 single, double and triple size UIDs

export function decodeCardReport(report: Buffer, hasReportId: boolean): CardReport {
  const body = hasReportId ? report.subarray(1) : report;
  if (body.length === 0) return { kind: 'malformed', reason: 'empty report' };
  if (body.every((b) => b === 0)) return { kind: 'empty' };
  const length = body[0]!;
  if (!UID_LENGTHS.has(length)) return { kind: 'malformed', reason: `unexpected UID length ${length}` };
  if (body.length < 1 + length) return { kind: 'malformed', reason: 'report shorter than its UID' };
  return { kind: 'card', uid: body.subarray(1, 1 + length).toString('hex').toUpperCase() };
}

/** Readers repeat the UID while the card lies on them; one tap is one event. */
const SAME_CARD_WINDOW_MS = 1500;

export class HidCardReader implements CardReader {
  private readonly events = new TypedEmitter<CardReaderEvents>();
  private readonly holder = new StatusHolder('cardReader', (s) => this.events.emit('status', s));
  private device: HidDeviceHandle | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private backoffMs: number | undefined;
  private running = false;
  private lastUid: string | undefined;
  private lastSeenAt = 0;

  constructor(
    private readonly settings: CardReaderSettings,
    private readonly logger: DeviceLogger,
    private readonly timing: DeviceTiming = defaultTiming,
    private readonly openDevice: OpenHidDevice = openNodeHidDevice,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    if (!this.settings.path && (this.settings.vendorId === 0 || this.settings.productId === 0)) {
      this.holder.set('offline', 'no reader selected (vendor/product id)');
      return;
    }
    void this.open();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.retryTimer);
    this.closeDevice();
    this.holder.set('disabled');
  }

  status(): DeviceStatus {
    return this.holder.get();
  }

  on<K extends keyof CardReaderEvents & string>(event: K, cb: (payload: CardReaderEvents[K]) => void): () => void {
    return this.events.on(event, cb);
  }

  private async open(): Promise<void> {
    if (!this.running) return;
    this.holder.set('connecting');
    try {
      const device = await this.openDevice({ vendorId: this.settings.vendorId, productId: this.settings.productId, ...(this.settings.path ? { path: this.settings.path } : {}) });
      if (!this.running) {
        device.close();
        return;
      }
      this.device = device;
      device.on('data', (report) => this.onReport(report));
      device.on('error', (err) => {
        if (this.device !== device) return;
        this.closeDevice();
        this.dropped(`reader lost: ${errorReason(err)}`);
      });
      this.backoffMs = undefined;
      this.holder.set('online');
    } catch (err) {
      this.dropped(errorReason(err));
    }
  }

  private closeDevice(): void {
    const device = this.device;
    this.device = undefined;
    try {
      device?.close();
    } catch {
      // already gone with the USB cable
    }
  }

  private dropped(reason: string): void {
    if (!this.running) return;
    this.holder.set('offline', reason);
    this.backoffMs = nextBackoff(this.backoffMs, this.timing);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.open(), this.backoffMs);
  }

  private onReport(report: Buffer): void {
    const decoded = decodeCardReport(report, this.settings.reportId);
    if (decoded.kind === 'malformed') {
      this.logger.warn({ device: 'cardReader', reason: decoded.reason, bytes: report.length }, 'malformed card report ignored');
      return;
    }
    if (decoded.kind === 'empty') {
      this.lastUid = undefined;
      return;
    }
    const now = Date.now();
    const repeat = decoded.uid === this.lastUid && now - this.lastSeenAt < SAME_CARD_WINDOW_MS;
    this.lastUid = decoded.uid;
    this.lastSeenAt = now;
    if (repeat) return;
    this.logger.info({ device: 'cardReader', uid: maskId(decoded.uid) }, 'card presented');
    this.events.emit('card', { source: 'hid', uid: decoded.uid, at: new Date(now).toISOString() });
  }
}
