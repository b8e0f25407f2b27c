// A virtual serial cable: socat joins two pseudo-terminals and links them at
// stable paths. The app opens one end as if it were /dev/ttyUSB0; an emulator or
// presenter opens the other. stop() unplugs the cable, start() plugs it back in
// at the same paths.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * socat runs under a small shell that holds a pipe from this process on its stdin. When this
 * process ends in any way (a test run finishing, a `--demo` host SIGKILLed), the pipe closes,
 * `cat` returns and the shell stops socat: no socat is ever orphaned. stop() closes the pipe.
 */
const DIE_WITH_PARENT = 'command -v socat >/dev/null || exit 127; socat "$@" & s=$!; cat >/dev/null; kill $s 2>/dev/null; wait $s';

export class PtyPair {
  private child: ChildProcess | undefined;
  /** The app's end, e.g. /tmp/pos-pty-XXXX/app. */
  readonly appPath: string;
  /** The device's end, where an emulator or presenter writes. */
  readonly devicePath: string;
  readonly dir: string;

  constructor(name = 'serial') {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `pos-pty-${name}-`));
    this.appPath = path.join(this.dir, 'app');
    this.devicePath = path.join(this.dir, 'device');
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(timeoutMs = 5000): Promise<{ appPath: string; devicePath: string }> {
    if (this.child) return { appPath: this.appPath, devicePath: this.devicePath };
    const child = spawn('sh', ['-c', DIE_WITH_PARENT, 'socat', '-d', '-d', `pty,raw,echo=0,link=${this.appPath}`, `pty,raw,echo=0,link=${this.devicePath}`], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    child.stdin!.on('error', () => {}); // EPIPE once the shell has gone
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let stderr = '';
      const timer = setTimeout(() => fail(new Error(`socat did not start: ${stderr}`)), timeoutMs);
      const fail = (err: Error) => {
        clearTimeout(timer);
        child.stdin!.end(); // the shell stops socat, if it started, and exits
        this.child = undefined;
        reject(err);
      };
      child.once('error', fail); // no shell
      // exit 127: socat is not installed
      child.stderr!.on('data', (d: Buffer) => {
        stderr += d.toString();
        // "starting data transfer loop" is logged once both ptys and their links exist.
        if (/starting data transfer loop/.test(stderr)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => fail(new Error(`socat exited (${code}): ${stderr}`)));
    });
    child.removeAllListeners('exit');
    child.once('exit', () => {
      if (this.child === child) this.child = undefined;
    });
    return { appPath: this.appPath, devicePath: this.devicePath };
  }

  /** Unplugs the cable: both ends disappear; the open ports see EIO / close. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin!.end(); // the shell stops socat, waits for it, and exits
      });
    }
  }

  /** Stops socat and removes the link directory. */
  async dispose(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Starts `socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B` and returns both paths. */
export async function startPtyPair(name?: string): Promise<PtyPair> {
  const pair = new PtyPair(name);
  await pair.start();
  return pair;
}
