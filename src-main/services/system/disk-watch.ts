import { freeBytes } from '../../ops/disk-space';
import type { EventBus } from '../events';

/** Below this much free space the manager is warned in the status bar (the ledger grows ~72 KB per charge). */
export const LOW_DISK_BYTES = 500 * 1024 * 1024;
const CHECK_EVERY_MS = 60_000;

export interface DiskStatus {
  /** Free bytes on the data dir's disk; null where the OS cannot tell. */
  freeBytes: number | null;
  lowBytes: number;
  low: boolean;
}

/**
 * Watches the free space of the data dir's disk, so a manager is warned before the disk fills
 * (a full disk refuses every change with DISK_FULL). Announces `system.disk` when the space
 * goes low or comes back.
 */
export class DiskWatch {
  private timer: ReturnType<typeof setInterval> | null = null;
  private last: DiskStatus | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly events: EventBus,
    readonly lowBytes: number = LOW_DISK_BYTES,
  ) {}

  status(): DiskStatus {
    const free = freeBytes(this.dataDir);
    return { freeBytes: free, lowBytes: this.lowBytes, low: free !== null && free < this.lowBytes };
  }

  /** Checks now, and announces a change of state. */
  check(): DiskStatus {
    const now = this.status();
    if (this.last === null || this.last.low !== now.low) this.events.emit('system.disk', now);
    this.last = now;
    return now;
  }

  start(): void {
    this.check();
    this.timer = setInterval(() => this.check(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
