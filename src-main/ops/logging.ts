import path from 'node:path';
import pino, { type Logger } from 'pino';
import { createStream } from 'rotating-file-stream';

export type { Logger };

/** Fields that must never reach a log file in clear. */
const REDACT = ['pin', '*.pin', '*.*.pin', 'cardNumber', '*.cardNumber', 'uid', '*.uid', 'token', '*.token'];

/**
 * Structured JSON logs in `<dataDir>/logs/counter-pos.log`, rotated at 10 MB, 10 files kept.
 * Secrets are redacted by path; callers log masked card numbers only.
 */
export function createLogger(dataDir: string, options: { level?: string; echo?: boolean } = {}): Logger {
  const file = createStream('counter-pos.log', {
    path: path.join(dataDir, 'logs'),
    size: '10M',
    maxFiles: 10,
  });
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
