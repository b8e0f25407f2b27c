import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The demo back office's sign-in, printed at start like the demo staff PINs. */
export const DEMO_ADMIN = { username: 'admin', password: 'demo-admin-1234' } as const;

export interface DemoServer {
  /** The server address the demo terminal enrolls with (stays the same across stop/start). */
  url: string;
  backOfficeUrl: string;
  /** A fresh one-time pairing code for the demo store, from the last start. */
  pairingCode: string;
  running(): boolean;
  /** Stops the server (the terminal goes offline and its backlog grows). */
  stop(): Promise<void>;
  /** Starts it again on the same port (the terminal drains its backlog). */
  start(): Promise<void>;
}

interface Options {
  /** The built server entry (out/main/central-server.js) or src-server/main.ts run through tsx. */
  entry: string;
  dataDir: string;
  storeName: string;
  /** Node to run it with; under Electron, the Electron binary with ELECTRON_RUN_AS_NODE. */
  execPath?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * `npm start --demo` runs a central server next to the terminal: SQLite in `<demo data dir>/server`,
 * on a free loopback port (kept in `server/port` so a restart and the enrolled terminal agree),
 * as a child process that holds a pipe from this one on its stdin and stops when it closes, so it
 * dies with the host however the host ends (SIGKILL included), like the demo's socat cables.
 */
export async function startDemoServer(o: Options): Promise<DemoServer> {
  fs.mkdirSync(o.dataDir, { recursive: true });
  const portFile = path.join(o.dataDir, 'port');
  let child: ChildProcess | null = null;
  let url = '';
  let pairingCode = '';

  const launch = async (port: number): Promise<void> => {
    const args = [...(o.entry.endsWith('.ts') ? ['--import', 'tsx'] : []), o.entry, '--host', '127.0.0.1', '--port', String(port), '--data-dir', o.dataDir, '--demo', o.storeName];
    const demoFile = path.join(o.dataDir, 'demo.json');
    fs.rmSync(demoFile, { force: true });
    // Its log goes straight to a file: a pipe through this process would block its logger once we are gone.
    const log = fs.openSync(path.join(o.dataDir, 'server.log'), 'a');
    const c = spawn(o.execPath ?? process.execPath, args, {
      stdio: ['pipe', log, log],
      env: { ...process.env, ...o.env, ELECTRON_RUN_AS_NODE: '1', SERVER_EXIT_WITH_PARENT: '1', SERVER_ADMIN_PASSWORD: DEMO_ADMIN.password, DATABASE_URL: '', LOG_LEVEL: 'info' },
    });
    fs.closeSync(log);
    c.stdin!.on('error', () => undefined);
    child = c;
    let exited: number | null | undefined;
    c.once('exit', (code) => {
      exited = code;
      if (child === c) child = null;
    });
    const until = Date.now() + 30_000;
    for (;;) {
      if (exited !== undefined) throw new Error(`the demo server exited with ${exited}; see ${path.join(o.dataDir, 'server.log')}`);
      if (fs.existsSync(demoFile)) break;
      if (Date.now() > until) {
        c.kill('SIGKILL');
        throw new Error(`the demo server did not start within 30 s; see ${path.join(o.dataDir, 'server.log')}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const demo = JSON.parse(fs.readFileSync(demoFile, 'utf8')) as { code: string; address: string };
    pairingCode = demo.code;
    url = `${demo.address}/`;
    fs.writeFileSync(portFile, new URL(url).port);
  };

  const saved = Number(fs.existsSync(portFile) ? fs.readFileSync(portFile, 'utf8') : 0);
  // The port of the last run, so the enrolled terminal finds it again; a free one if it is taken.
  await launch(saved).catch(() => launch(0));

  return {
    get url() {
      return url;
    },
    get backOfficeUrl() {
      return new URL('admin', url).toString();
    },
    get pairingCode() {
      return pairingCode;
    },
    running: () => child !== null,
    async stop() {
      const c = child;
      if (!c) return;
      child = null;
      const exited = new Promise((r) => c.once('exit', r));
      c.stdin!.end(); // the server stops gracefully when its stdin closes
      await exited;
    },
    async start() {
      if (child) return;
      await launch(Number(new URL(url).port));
    },
  };
}

/**
 * Enrolls the demo terminal with the demo server (once; again only if the server's address
 * changed) through the same `sync.enroll` path a manager uses, and hands the server to the Sync
 * screen's stop/start buttons. A failure is printed, never fatal: the demo still sells offline.
 */
export async function connectDemoServer(
  sync: { status(): { enrolled: boolean; serverUrl: string | null }; enroll(url: string, code: string): Promise<unknown>; attachDemoServer(d: DemoServer): void },
  demo: DemoServer,
): Promise<void> {
  sync.attachDemoServer(demo);
  const s = sync.status();
  if (s.enrolled && s.serverUrl === demo.url) return;
  await sync.enroll(demo.url, demo.pairingCode);
}

/** Whether `--demo` starts a demo server: yes unless `--no-demo-server` or POS_DEMO_SERVER=0. */
export function wantsDemoServer(argv: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  return !argv.includes('--no-demo-server') && env.POS_DEMO_SERVER !== '0';
}
