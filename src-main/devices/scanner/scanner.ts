// Barcode/QR scanners. A serial scanner is read here; a keyboard-wedge scanner types
// into the focused window and is caught by the renderer's burst detector instead.
import { StatusHolder, TypedEmitter, defaultTiming, maskId, type DeviceLogger, type DeviceStatus, type DeviceTiming } from '../common';
import { SerialLine } from '../serial/serial-line';
import type { ScannerSettings } from '../settings';

export interface ScanEvent {
  source: 'serial' | 'wedge';
  /** The scanned text without its terminator. */
  code: string;
  at: string;
}

export interface ScannerEvents {
  scan: ScanEvent;
  status: DeviceStatus;
}

export interface Scanner {
  start(): void;
  stop(): Promise<void>;
  status(): DeviceStatus;
  on<K extends keyof ScannerEvents & string>(event: K, cb: (payload: ScannerEvents[K]) => void): () => void;
}

export const TERMINATORS: Record<ScannerSettings['terminator'], string> = { CR: '\r', LF: '\n', CRLF: '\r\n', TAB: '\t' };

/** Longest code we accept: a QR on a boarding pass or coupon fits comfortably. */
const MAX_CODE_LENGTH = 2048;

/** Why a frame is not a scan, or undefined when it is one. */
export function rejectScanFrame(code: string): string | undefined {
  if (code.length === 0) return 'empty frame';
  if (code.length > MAX_CODE_LENGTH) return 'frame too long';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f\ufffd]/.test(code)) return 'control or undecodable bytes in frame';
  return undefined;
}

export class SerialScanner implements Scanner {
  private readonly events = new TypedEmitter<ScannerEvents>();
  private readonly holder = new StatusHolder('scanner', (s) => this.events.emit('status', s));
  private readonly line: SerialLine;

  constructor(settings: ScannerSettings, logger: DeviceLogger, timing: DeviceTiming = defaultTiming) {
    this.line = new SerialLine({
      path: settings.path,
      baudRate: settings.baudRate,
      delimiter: TERMINATORS[settings.terminator],
      timing,
      logger,
      status: this.holder,
      onLine: (raw) => {
        // A scanner set to CRLF while we split on CR leaves a leading LF: tolerate that.
        const code = raw.replace(/^[\r\n]+|[\r\n]+$/g, '');
        if (code.length === 0 && raw.length > 0) return;
        const why = rejectScanFrame(code);
        if (why) {
          logger.warn({ device: 'scanner', reason: why, length: code.length }, 'malformed scanner frame ignored');
          return;
        }
        logger.info({ device: 'scanner', code: maskId(code) }, 'scan');
        this.events.emit('scan', { source: 'serial', code, at: new Date().toISOString() });
      },
    });
  }

  start(): void {
    this.line.start();
  }

  stop(): Promise<void> {
    return this.line.stop().then(() => this.holder.set('disabled'));
  }

  status(): DeviceStatus {
    return this.holder.get();
  }

  on<K extends keyof ScannerEvents & string>(event: K, cb: (payload: ScannerEvents[K]) => void): () => void {
    return this.events.on(event, cb);
  }
}
