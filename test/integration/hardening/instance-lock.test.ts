import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireInstanceLock, AlreadyRunningError } from '../../../src-main/ops/instance-lock';
import { tempDir } from '../../support/services';

// Linux only: the lock's start time and boot id come from /proc.
const linux = process.platform === 'linux';
let other: ChildProcess | undefined;
afterEach(() => {
  other?.kill('SIGKILL');
  other = undefined;
});

const bootId = () => fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
const startTicks = (pid: number) => { const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8'); return s.slice(s.lastIndexOf(')') + 2).split(' ')[19]; };

/** A live process that is not Counter POS: what a reused pid points at after a crash or a reboot. */
async function unrelatedProcess(): Promise<number> {
  other = spawn('sleep', ['60'], { stdio: 'ignore' });
  await new Promise((resolve) => other!.once('spawn', resolve));
  return other.pid!;
}

describe.runIf(linux)('instance lock (issue 11, item 5)', () => {
  it('takes over a lock that names a live but unrelated process (the pid was reused)', async () => {
    const dir = tempDir();
    const pid = await unrelatedProcess();
    fs.writeFileSync(path.join(dir, 'counter-pos.lock'), JSON.stringify({ pid, started: '1', boot: bootId() }));
    const lock = acquireInstanceLock(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'counter-pos.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('takes over a lock from before a reboot', async () => {
    const dir = tempDir();
    const pid = await unrelatedProcess();
    fs.writeFileSync(path.join(dir, 'counter-pos.lock'), JSON.stringify({ pid, started: startTicks(pid), boot: 'another-boot' }));
    acquireInstanceLock(dir).release();
  });

  it('takes over an old pid-only lock written before its process started', async () => {
    const dir = tempDir();
    const pid = await unrelatedProcess();
    const file = path.join(dir, 'counter-pos.lock');
    fs.writeFileSync(file, String(pid));
    fs.utimesSync(file, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    acquireInstanceLock(dir).release();
  });

  it('still refuses while the process that holds the lock runs', () => {
    const dir = tempDir();
    const held = acquireInstanceLock(dir);
    expect(() => acquireInstanceLock(dir)).toThrow(AlreadyRunningError);
    held.release();
    acquireInstanceLock(dir).release();
  });
});
