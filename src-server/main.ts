import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { buildServer } from './app';
import { ensureAdmin } from './admin';
import { openServerDb } from './db';
import { loadSigner } from './secrets';
import { seedDemoMembers } from './members/demo';

/**
 * `npm run server -- [--host 127.0.0.1] [--port 5780] [--data-dir DIR]`
 * PostgreSQL when DATABASE_URL is set, else an SQLite file in the data dir. JSON logs (pino) on
 * stdout. SIGTERM/SIGINT: stop taking requests, finish the ones in flight, close the database.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: process.env.SERVER_HOST ?? '127.0.0.1' },
      port: { type: 'string', default: process.env.SERVER_PORT ?? '5780' },
      'data-dir': { type: 'string', default: process.env.SERVER_DATA_DIR ?? path.join(os.homedir(), '.counter-pos-server') },
      demo: { type: 'boolean', default: process.env.SERVER_DEMO === '1' },
    },
  });
  const log = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'counter-pos-server', pid: process.pid } });
  const db = await openServerDb({ databaseUrl: process.env.DATABASE_URL, dataDir: values['data-dir'] });
  const signer = await loadSigner(db);
  const generated = await ensureAdmin(db, process.env.SERVER_ADMIN_PASSWORD, new Date());
  if (generated) log.warn({ username: 'admin', password: generated }, 'first start: back-office admin created; change this password');
  if (values.demo) await seedDemoMembers(db, new Date()); // demo passengers with miles (src-server/members/demo.ts)
  const { app, markClosing } = await buildServer({ db, signer, logger: log });
  const address = await app.listen({ host: values.host, port: Number(values.port) });
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
}

main().catch((e: unknown) => {
  console.error(JSON.stringify({ level: 60, msg: 'server failed to start', err: String((e as Error)?.stack ?? e) }));
  process.exit(1);
});
