import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { buildServer } from './app';
import { ensureAdmin } from './admin';
import { openServerDb } from './db';
import { loadSigner } from './secrets';
import { seedDemoMembers } from './members/demo';
import { DEMO_FILE, prepareDemo } from './demo';

/**
 * `npm run server -- [--host 127.0.0.1] [--port 5780] [--data-dir DIR] [--demo STORE]`
 * PostgreSQL when DATABASE_URL is set, else an SQLite file in the data dir. JSON logs (pino) on
 * stdout. SIGTERM/SIGINT: stop taking requests, finish the ones in flight, close the database.
 * `--demo STORE` (the terminal's `npm start --demo` runs it): makes the store once and writes a
 * fresh pairing code for it, made by the back office's own code path, to `<data dir>/demo.json`.
 * SERVER_EXIT_WITH_PARENT=1: stops when stdin closes (the parent that holds the pipe ended).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: process.env.SERVER_HOST ?? '127.0.0.1' },
      port: { type: 'string', default: process.env.SERVER_PORT ?? '5780' },
      'data-dir': { type: 'string', default: process.env.SERVER_DATA_DIR ?? path.join(os.homedir(), '.counter-pos-server') },
      // --demo STORE: the demo store and its pairing code (the terminal's `npm start --demo`), and
      // the demo passengers with miles; SERVER_DEMO=1 seeds only the passengers.
      demo: { type: 'string' },
    },
  });
  const log = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'counter-pos-server', pid: process.pid } });
  const db = await openServerDb({ databaseUrl: process.env.DATABASE_URL, dataDir: values['data-dir'] });
  const signer = await loadSigner(db);
  const generated = await ensureAdmin(db, process.env.SERVER_ADMIN_PASSWORD, new Date());
  if (generated) log.warn({ username: 'admin', password: generated }, 'first start: back-office admin created; change this password');
  if (values.demo || process.env.SERVER_DEMO === '1') await seedDemoMembers(db, new Date()); // demo passengers with miles (src-server/members/demo.ts)
  const { app, markClosing } = await buildServer({ db, signer, logger: log });
  const address = await app.listen({ host: values.host, port: Number(values.port) });
  if (values.demo) {
    const demo = { ...(await prepareDemo(db, values.demo, new Date())), address };
    // For the terminal host that started it: written whole (rename), so it is never read half-written.
    fs.writeFileSync(path.join(values['data-dir'], 'demo.json.tmp'), JSON.stringify(demo));
    fs.renameSync(path.join(values['data-dir'], 'demo.json.tmp'), path.join(values['data-dir'], DEMO_FILE));
    log.info({ address, store: values.demo, memberCardsQr: `${address}${demo.memberCards.qrPath}` }, 'demo store ready');
  }
  log.info({ address, database: db.kind }, 'server ready');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'server stopping');
    markClosing();
    await app.close();
    await db.close();
    log.info('server stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  if (process.env.SERVER_EXIT_WITH_PARENT === '1') {
    process.stdin.on('end', () => void stop('parent ended'));
    process.stdin.on('error', () => void stop('parent ended'));
    process.stdin.resume();
  }
}

main().catch((e: unknown) => {
  console.error(JSON.stringify({ level: 60, msg: 'server failed to start', err: String((e as Error)?.stack ?? e) }));
  process.exit(1);
});
