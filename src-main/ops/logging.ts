import { Writable } from 'node:stream';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { createStream } from 'rotating-file-stream';

export type { Logger };

/** Fields that must never reach a log file in clear. */
const REDACT = ['pin', '*.pin', '*.*.pin', 'cardNumber', '*.cardNumber', 'uid', '*.uid', 'token', '*.token'];

/** After a failed write (a full disk), the log file is reopened no sooner than this. */
export const LOG_RETRY_MS = 5000;

/**
 * A log file that never fails its writer. A write error (ENOSPC on a full disk, EIO, the
 * folder removed) would otherwise be an unhandled 'error' event that ends the process; here
 * the failed file stream is dropped, lines are counted and dropped while it is down, and a
 * new file stream is opened on the next line after LOG_RETRY_MS, which notes what was lost.
 */
export class ResilientLogFile extends Writable {
  private inner: NodeJS.WritableStream | null = null;
  private retryAt = 0;
  private dropped = 0;

  constructor(
    private readonly open: () => NodeJS.WritableStream,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  /** Lines lost since the file last failed (0 while it works). */
  get droppedLines(): number {
    return this.dropped;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const inner = this.current();
    if (!inner) {
      this.dropped++;
      return callback();
    }
    if (this.dropped > 0) {
      const note = { level: 40, time: this.now(), pid: process.pid, droppedLines: this.dropped, msg: 'log lines were dropped: the log file could not be written (disk full?)' };
      this.dropped = 0;
      inner.write(`${JSON.stringify(note)}\n`);
    }
    inner.write(chunk, (err?: Error | null) => {
      if (err) this.fail(inner);
      callback(); // never an error: logging must not stop the app
    });
  }

  private current(): NodeJS.WritableStream | null {
    if (this.inner) return this.inner;
    if (this.now() < this.retryAt) return null;
    try {
      const stream = this.open();
      stream.on('error', () => this.fail(stream));
      this.inner = stream;
      return stream;
    } catch {
      this.retryAt = this.now() + LOG_RETRY_MS;
      return null;
    }
  }

  private fail(stream: NodeJS.WritableStream): void {
    if (this.inner !== stream) return;
    this.inner = null;
    this.retryAt = this.now() + LOG_RETRY_MS;
    this.dropped++;
    (stream as Writable).destroy?.();
  }
}

/**
 * Structured JSON logs in `<dataDir>/logs/counter-pos.log`, rotated at 10 MB, 10 files kept.
 * Secrets are redacted by path; callers log masked card numbers only. A full disk never
 * stops the app through its log (see ResilientLogFile).
 */
export function createLogger(dataDir: string, options: { level?: string; echo?: boolean; openFile?: () => NodeJS.WritableStream } = {}): Logger {
  const open = options.openFile ?? (() => createStream('counter-pos.log', { path: path.join(dataDir, 'logs'), size: '10M', maxFiles: 10 }));
  const file = new ResilientLogFile(open);
  const streams: pino.StreamEntry[] = [{ stream: file }];
  if (options.echo) streams.push({ stream: process.stderr, level: 'warn' });
  return pino(
    { level: options.level ?? 'info', redact: { paths: REDACT, censor: '[redacted]' }, base: { pid: process.pid } },
    pino.multistream(streams),
  );
}

/** A logger that writes nothing, for unit tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
