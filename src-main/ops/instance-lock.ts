import fs from 'node:fs';
import path from 'node:path';

export class AlreadyRunningError extends Error {
  readonly code = 'ALREADY_RUNNING';
  constructor(readonly pid: number, readonly dataDir: string) {
    super(`Counter POS is already running on ${dataDir} (process ${pid}). Close it first; nothing was changed.`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process per data dir. The lock file is created with O_EXCL and holds our pid;
 * a lock left by a crashed process (pid no longer alive) is taken over.
 * Must be taken before the database is opened, so a second process touches nothing.
 */
export function acquireInstanceLock(dataDir: string): { release(): void } {
  const file = path.join(dataDir, 'counter-pos.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) throw new AlreadyRunningError(pid, dataDir);
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not take the lock on ${dataDir}`);
}
