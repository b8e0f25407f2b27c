import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/services';

const CHILD = path.join(import.meta.dirname, 'fixtures/demo-child.ts');

/** Pids of processes whose command line mentions `text` (Linux /proc). */
function processesMentioning(text: string): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) found.push(Number(entry));
    } catch {
      /* gone meanwhile */
    }
  }
  return found;
}

async function gone(text: string, waitMs: number): Promise<boolean> {
  for (const end = Date.now() + waitMs; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    if (processesMentioning(text).length === 0) return true;
  }
  return processesMentioning(text).length === 0;
}

describe.runIf(process.platform === 'linux')('no stray processes (issue 11, item 9)', () => {
  it("a SIGKILLed --demo host's socat processes die with it", async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, tempDir()], { stdio: ['ignore', 'pipe', 'inherit'] });
    const ports = await new Promise<string[]>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /READY (.+)\n/.exec(out);
        if (m) resolve(JSON.parse(m[1]!) as string[]);
      });
      child.once('exit', (code) => reject(new Error(`demo child exited with ${code}: ${out}`)));
    });
    const dirs = ports.map((p) => path.dirname(p));
    try {
      for (const dir of dirs) expect(processesMentioning(dir).length).toBeGreaterThan(0); // socat runs
      child.kill('SIGKILL');
      for (const dir of dirs) expect(await gone(dir, 5000), `socat for ${dir} still running`).toBe(true);
    } finally {
      child.kill('SIGKILL');
      for (const dir of dirs) for (const pid of processesMentioning(dir)) process.kill(pid, 'SIGKILL');
    }
  });
});
