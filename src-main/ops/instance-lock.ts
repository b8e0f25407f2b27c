import fs from 'node:fs';
import path from 'node:path';

export class AlreadyRunningError extends Error {
  readonly code = 'ALREADY_RUNNING';
  constructor(readonly pid: number, readonly dataDir: string) {
    super(`Counter POS is already running on ${dataDir} (process ${pid}). Close it first; nothing was changed.`);
  }
}

/** Who holds the lock: enough to tell our process from another that got the same pid later. */
export interface LockOwner {
  pid: number;
  /** The process's start time in clock ticks since boot (/proc/<pid>/stat field 22), where known. */
  started?: string;
  /** The kernel's boot id, where known: a lock from before a reboot is always stale. */
  boot?: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

/** Start time of a process in clock ticks since boot (Linux); null elsewhere or when it is gone. */
export function processStartTicks(pid: number): string | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return null;
  // The command name (field 2) may hold spaces and parentheses: fields are counted after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null; // field 22 overall
}

export function bootId(): string | null {
  return readText('/proc/sys/kernel/random/boot_id');
}

/** Epoch ms when a process started (Linux, to 10 ms), for lock files that only name a pid. */
function processStartMs(pid: number): number | null {
  const ticks = processStartTicks(pid);
  const btime = /^btime (\d+)$/m.exec(readText('/proc/stat') ?? '')?.[1];
  if (!ticks || !btime) return null;
  return Number(btime) * 1000 + Number(ticks) * 10; // USER_HZ is 100 on every Linux we ship to
}

export function currentOwner(): LockOwner {
  const started = processStartTicks(process.pid);
  const boot = bootId();
  return { pid: process.pid, ...(started ? { started } : {}), ...(boot ? { boot } : {}) };
}

function parseOwner(text: string): LockOwner | null {
  if (/^\d+$/.test(text)) return { pid: Number(text) }; // written by an older version: a bare pid
  try {
    const o = JSON.parse(text) as LockOwner;
    return Number.isInteger(o.pid) && o.pid > 0 ? o : null;
  } catch {
    return null;
  }
}

/**
 * Whether the process that wrote the lock still runs. A pid alone is not enough: after a crash
 * or a reboot the same pid may belong to an unrelated process, so the lock also records the
 * boot id and the process's start time, and both must still match.
 */
export function ownerStillRunning(owner: LockOwner, lockWrittenMs: number): boolean {
  if (!alive(owner.pid)) return false;
  const boot = bootId();
  if (owner.boot && boot && owner.boot !== boot) return false;
  const started = processStartTicks(owner.pid);
  if (owner.started && started) return owner.started === started;
  // An old lock file (pid only): a process that started after the file was written is not its writer.
  const startMs = processStartMs(owner.pid);
  return startMs === null || startMs <= lockWrittenMs + 2000;
}

/**
 * One process per data dir. The lock file is created with O_EXCL and names our process (pid,
 * start time, boot id); a lock whose process is gone (a crash, a reboot, the pid reused) is
 * taken over. Must be taken before the database is opened, so a second process touches nothing.
 */
export function acquireInstanceLock(dataDir: string): { release(): void } {
  const file = path.join(dataDir, 'counter-pos.lock');
  const me = JSON.stringify(currentOwner());
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, me);
      fs.closeSync(fd);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          if (fs.readFileSync(file, 'utf8') === me) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let text: string;
      let writtenMs: number;
      try {
        text = fs.readFileSync(file, 'utf8').trim();
        writtenMs = fs.statSync(file).mtimeMs;
      } catch {
        continue; // released between our open and our read: try again
      }
      const owner = parseOwner(text);
      if (owner && ownerStillRunning(owner, writtenMs)) throw new AlreadyRunningError(owner.pid, dataDir);
      fs.rmSync(file, { force: true }); // stale: its process is gone, or the file is unreadable
    }
  }
  throw new Error(`Could not take the lock on ${dataDir}`);
}
