import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LOG_RETRY_MS, ResilientLogFile } from '../../../src-main/ops/logging';

/** A log file on a disk that is full while `full` is true: every write fails with ENOSPC. */
function fakeDisk() {
  const disk = { full: false, lines: [] as string[], opened: 0 };
  const open = () => {
    disk.opened++;
    return new Writable({
      write(chunk: Buffer, _enc, cb) {
        if (disk.full) return cb(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
        disk.lines.push(chunk.toString());
        cb();
      },
    });
  };
  return { disk, open };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('the log file on a full disk (issue 11, item 2)', () => {
  it('never errors, drops lines while the disk is full, and reopens with a note once there is room', async () => {
    let now = 1_000_000;
    const { disk, open } = fakeDisk();
    const log = new ResilientLogFile(open, () => now);
    let errors = 0;
    log.on('error', () => errors++);
    log.write('one\n');
    await flush();
    disk.full = true;
    for (let i = 0; i < 10; i++) log.write(`lost ${i}\n`);
    await flush();
    disk.full = false;
    log.write('too early\n'); // the file is not retried at once
    await flush();
    now += LOG_RETRY_MS;
    log.write('two\n');
    await flush();
    expect(errors).toBe(0);
    expect(log.writable).toBe(true);
    expect(disk.opened).toBe(2);
    expect(disk.lines[0]).toBe('one\n');
    expect(JSON.parse(disk.lines[1]!)).toMatchObject({ droppedLines: 11 });
    expect(disk.lines[2]).toBe('two\n');
  });
});
