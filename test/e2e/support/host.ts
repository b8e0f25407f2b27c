import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface HostProcess {
  /** The URL with the token, as printed for a person to open. */
  openUrl: string;
  origin: string;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

const ENTRY = path.resolve('out/main/browser-host.js');

/** Starts the built browser host (`npm run build` first) on a fresh data dir and an ephemeral port. */
export async function startHost(options: { demo?: boolean; dataDir?: string; args?: string[]; env?: Record<string, string> } = {}): Promise<HostProcess> {
  if (!fs.existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run \`npm run build\` first.`);
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pos-e2e-'));
  const args = [ENTRY, '--data-dir', dataDir, '--port', '0', ...(options.demo ? ['--demo'] : []), ...(options.args ?? [])];
  // The host's stdin is a pipe from this process and POS_EXIT_WITH_PARENT tells it to stop when
  // the pipe closes: a Playwright worker that dies takes its hosts (and their socat) with it.
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: ['pipe', 'pipe', 'pipe'],
    // No demo central server unless a spec asks for it (POS_DEMO_SERVER: '1'): most specs test one terminal alone.
    env: { ...process.env, npm_config_demo: '', POS_EXIT_WITH_PARENT: '1', POS_DEMO_SERVER: '0', ...options.env },
  });
  child.stdin!.on('error', () => {}); // EPIPE once the host has gone
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // never leave a host that did not start behind
      reject(new Error(`browser host did not start:\n${out}`));
    }, 20_000);
    const check = () => {
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser host exited with ${code}:\n${out}`));
    });
  });
  return {
    openUrl,
    origin: new URL(openUrl).origin,
    dataDir,
    output: () => out,
    /** Stops the host as a person would (SIGTERM: it closes its services and emulators), or kills it after 10 s. */
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
