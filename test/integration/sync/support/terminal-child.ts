/**
 * A counter process for the "terminal SIGKILLed mid-push" test (run with `node --import tsx`):
 * opens an enrolled data dir with the real services and lets sync push; prints each status as a
 * JSON line. The parent kills it with SIGKILL while batches are in flight.
 */
import { createServices } from '../../../../src-main/services';

const dataDir = process.argv[2]!;
const batchSize = Number(process.argv[3] ?? 100);
const services = await createServices({
  dataDir,
  host: 'browser',
  version: 'test',
  logger: 'silent',
  sync: { timing: { pollMs: 20, minBackoffMs: 50, maxBackoffMs: 400, requestTimeoutMs: 2000, batchSize } },
});
services.events.onAny((event, payload) => {
  if (event === 'sync.status' || event === 'sync.reference') process.stdout.write(`${JSON.stringify(payload)}\n`);
});
process.stdout.write(`${JSON.stringify({ started: true, ...services.sync.status() })}\n`);
setInterval(() => undefined, 1000);
