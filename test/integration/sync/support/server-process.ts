import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Answers are read loosely here and checked by each test's assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const ADMIN_PASSWORD = 'correct horse battery';

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything it logged (JSON lines). */
  output(): string;
  /** SIGTERM, waits for the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no shutdown at all. */
  kill(): Promise<void>;
}

export interface ServerTarget {
  dataDir: string;
  databaseUrl?: string;
}

/** Starts `src-server/main.ts` in its own process (as `npm run server` does) and waits for "server ready". */
export function startServer(target: ServerTarget, port = 0): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src-server/main.ts'), '--port', String(port), '--data-dir', target.dataDir], {
    cwd: ROOT,
    env: {
      ...process.env,
      SERVER_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOG_LEVEL: 'info',
      ...(target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : { DATABASE_URL: '' }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    // A loaded 2-core machine can take long to compile and start it; one that never starts is killed, never left behind.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${out}`));
    }, 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /"address":"(http:\/\/[^"]+)".*"msg":"server ready"/.exec(out);
      if (m) {
        clearTimeout(timer);
        const url = m[1]!;
        resolve({
          url,
          port: Number(new URL(url).port),
          child,
          output: () => out,
          stop: async () => {
            child.kill('SIGTERM');
            return exited;
          },
          kill: async () => {
            child.kill('SIGKILL');
            await exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

/** A signed-in back-office session (cookie + CSRF token), as the admin pages use it. */
export class Admin {
  private constructor(
    readonly url: string,
    private readonly cookie: string,
    readonly csrf: string,
  ) {}

  static async signIn(url: string, password = ADMIN_PASSWORD): Promise<Admin> {
    const res = await fetch(new URL('/admin/api/sign-in', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return new Admin(url, cookie, csrfToken);
  }

  async request(method: string, p: string, body?: unknown, opts: { csrf?: string | null } = {}): Promise<{ status: number; json: Json }> {
    const csrf = opts.csrf === undefined ? this.csrf : opts.csrf;
    const res = await fetch(new URL(p, this.url), {
      method,
      headers: { cookie: this.cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, json: await res.json() };
  }

  async store(name = 'Test Spa'): Promise<{ id: string }> {
    const r = await this.request('POST', '/admin/api/stores', { name });
    if (r.status !== 200) throw new Error(JSON.stringify(r.json));
    return r.json;
  }

  async pairingCode(storeId: string, ttlMinutes = 30): Promise<string> {
    const r = await this.request('POST', `/admin/api/stores/${storeId}/pairing-codes`, { ttlMinutes });
    if (r.status !== 200) throw new Error(JSON.stringify(r.json));
    return r.json.code;
  }
}
