// The OS printer path: a CUPS queue fed raw ESC/POS bytes with `lp -o raw`.
// node-thermal-printer's own `printer:NAME` interface needs a native print driver
// module we do not ship, so we hand it this object instead (it accepts any
// object with execute/isPrinterConnected as its interface).
import { spawn } from 'node:child_process';

function run(cmd: string, args: string[], input?: Buffer, timeoutMs = 10_000): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stderr });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

export class CupsRawPrinterInterface {
  constructor(private readonly queue: string) {}

  getPrinterName(): string {
    return this.queue;
  }

  async isPrinterConnected(): Promise<boolean> {
    if (process.platform === 'win32') return false;
    try {
      const { code, stderr } = await run('lpstat', ['-p', this.queue]);
      return code === 0 && !/disabled/i.test(stderr);
    } catch {
      return false; // no CUPS client installed: the queue is simply unreachable
    }
  }

  async execute(buffer: Buffer): Promise<string> {
    if (process.platform === 'win32') throw new Error('OS printer queues are supported through CUPS (Linux, macOS) only');
    const { code, stderr } = await run('lp', ['-d', this.queue, '-o', 'raw'], buffer);
    if (code !== 0) throw new Error(`lp failed (${code}): ${stderr.trim()}`);
    return 'Print done';
  }
}
