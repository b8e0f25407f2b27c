// One serial device that speaks in lines (scanners, pump controllers): opens the
// port with serialport, splits input on a terminator, and treats an unplugged or
// missing port as 'offline' with reconnect attempts on a capped exponential backoff.
import fs from 'node:fs';
import { DelimiterParser, SerialPort } from 'serialport';
import { errorReason, nextBackoff, type DeviceLogger, type DeviceTiming, type StatusHolder } from '../common';

export interface SerialLineOptions {
  path: string;
  baudRate: number;
  /** Bytes that end one frame, e.g. "\r" for most scanners, "\n" for JSON lines. */
  delimiter: string;
  timing: DeviceTiming;
  logger: DeviceLogger;
  status: StatusHolder;
  onLine: (line: string) => void;
  /** Called each time the port (re)opens, so a protocol can resync. */
  onOpen?: () => void;
}

export class SerialLine {
  private port: SerialPort | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private backoffMs: number | undefined;
  private stopped = true;
  private watchdog: NodeJS.Timeout | undefined;

  constructor(private readonly options: SerialLineOptions) {}

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    if (!this.options.path) {
      this.options.status.set('offline', 'no serial port configured');
      return;
    }
    this.open();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.watchdog);
    this.retryTimer = undefined;
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  async write(data: string): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) throw new Error('serial port is not open');
    await new Promise<void>((resolve, reject) => {
      port.write(data, (err) => (err ? reject(err) : port.drain((e) => (e ? reject(e) : resolve()))));
    });
  }

  private open(): void {
    if (this.stopped) return;
    this.options.status.set('connecting');
    const port = new SerialPort({ path: this.options.path, baudRate: this.options.baudRate, autoOpen: false });
    const parser = port.pipe(new DelimiterParser({ delimiter: this.options.delimiter }));
    parser.on('data', (chunk: Buffer) => this.options.onLine(chunk.toString('utf8')));
    port.on('error', (err) => this.options.logger.warn({ path: this.options.path, err: errorReason(err) }, 'serial port error'));
    port.on('close', () => {
      if (this.port !== port) return;
      this.port = undefined;
      this.dropped('port closed (unplugged?)');
    });
    port.open((err) => {
      if (this.stopped) {
        if (!err) port.close();
        return;
      }
      if (err) {
        this.dropped(errorReason(err));
        return;
      }
      this.port = port;
      this.backoffMs = undefined;
      this.options.status.set('online');
      this.options.logger.info({ path: this.options.path }, 'serial device connected');
      this.options.onOpen?.();
      this.watch(port);
    });
  }

  /**
   * Belt and braces for unplug detection: a read error closes the port, but an idle
   * port may not read; on Unix an unplugged USB adapter's device node disappears.
   */
  private watch(port: SerialPort): void {
    clearInterval(this.watchdog);
    if (process.platform === 'win32' || !this.options.path.startsWith('/')) return;
    this.watchdog = setInterval(() => {
      if (this.port !== port) {
        clearInterval(this.watchdog);
        return;
      }
      if (!fs.existsSync(this.options.path)) {
        this.port = undefined;
        clearInterval(this.watchdog);
        if (port.isOpen) port.close();
        this.dropped('device node disappeared (unplugged?)');
      }
    }, this.options.timing.probeMs);
  }

  private dropped(reason: string): void {
    if (this.stopped) return;
    clearInterval(this.watchdog);
    this.options.status.set('offline', reason);
    this.backoffMs = nextBackoff(this.backoffMs, this.options.timing);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.open(), this.backoffMs);
  }
}
