import type { Logger } from '../../../ops/logging';

/**
 * The app updater as the update policy sees it. The Electron host implements it with
 * electron-updater (hosts/electron/updater.ts); it cannot run under plain Node, so tests use a
 * fake that reads the same feed over real HTTP.
 */
export interface AppUpdater {
  /** Reads the feed and downloads a newer version if there is one; its version once downloaded, null when there is none. */
  check(feed: UpdateFeed): Promise<{ version: string } | null>;
  /** Quits and installs the downloaded version (the app restarts on it). */
  install(): void;
}

export interface UpdateFeed {
  /** The generic provider's base URL: `<server>/api/v1/updates`. */
  url: string;
  /** The terminal's credential: the feed answers enrolled terminals only. */
  headers: Record<string, string>;
}

/** Says why the counter is busy now ("a fuel order is in progress"), or null when it is idle. */
export type BusyCheck = () => string | null;

export interface UpdateTiming {
  /** Feed checks: at start, then this often. */
  checkMs: number;
  /** With an update downloaded, how often the counter is looked at for an idle moment. */
  idlePollMs: number;
  /** Idle means also: no journal entry (no sale, no set-up change) for this long. */
  quietMs: number;
}

export const DEFAULT_UPDATE_TIMING: UpdateTiming = { checkMs: 4 * 3600_000, idlePollMs: 15_000, quietMs: 120_000 };

export interface UpdateStatus {
  state: 'no-updater' | 'not-enrolled' | 'up-to-date' | 'waiting-for-idle' | 'installing' | 'failed';
  version: string | null;
  lastCheckAt: string | null;
  /** While waiting: what keeps the counter busy. */
  busy: string | null;
  error: string | null;
}

export interface UpdateDeps {
  feed: () => UpdateFeed | null;
  /** The local journal head: a new entry means a customer is being served. */
  journalHead: () => number;
  log: Logger;
  timing?: Partial<UpdateTiming>;
}

/**
 * Auto-update, never mid-sale: the feed is checked at start and every few hours; a downloaded
 * update is installed only when the counter is idle between customers, i.e. every busy check
 * says idle (no fuel order running, …) AND no journal entry was committed for `quietMs`.
 * Until then it waits and looks again; nothing forces a restart.
 */
export class UpdateService {
  private readonly timing: UpdateTiming;
  private readonly busy: { name: string; check: BusyCheck }[] = [];
  private updater: AppUpdater | null = null;
  private downloaded: string | null = null;
  private st: UpdateStatus = { state: 'no-updater', version: null, lastCheckAt: null, busy: null, error: null };
  private checkTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private lastHead = -1;
  private lastHeadChangeAt = 0;
  private checking: Promise<void> | null = null;

  constructor(private readonly d: UpdateDeps) {
    this.timing = { ...DEFAULT_UPDATE_TIMING, ...d.timing };
  }

  /** A workflow says when it is mid-sale (registered at composition). */
  addBusyCheck(name: string, check: BusyCheck): this {
    this.busy.push({ name, check });
    return this;
  }

  /** The host's updater (Electron only); starts the checks. */
  attach(updater: AppUpdater): void {
    this.updater = updater;
    this.st = { ...this.st, state: 'up-to-date' };
    void this.checkNow();
    this.checkTimer = setInterval(() => void this.checkNow(), this.timing.checkMs);
    this.checkTimer.unref();
  }

  stop(): void {
    if (this.checkTimer) clearInterval(this.checkTimer);
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.checkTimer = this.idleTimer = null;
  }

  status(): UpdateStatus {
    return { ...this.st };
  }

  /** One feed check (also from tests); a downloaded update then waits for an idle moment. */
  checkNow(): Promise<void> {
    this.checking ??= this.check().finally(() => (this.checking = null));
    return this.checking;
  }

  /** Why the counter is busy now, or null when an update may install. */
  busyReason(): string | null {
    const head = this.d.journalHead();
    const now = Date.now();
    if (head !== this.lastHead) {
      // The first look counts as activity: after a restart, wait a quiet period before installing.
      this.lastHead = head;
      this.lastHeadChangeAt = now;
    }
    for (const b of this.busy) {
      const reason = b.check();
      if (reason) return reason;
    }
    const quietFor = now - this.lastHeadChangeAt;
    if (quietFor < this.timing.quietMs) return `a sale or change was made ${Math.round(quietFor / 1000)} s ago`;
    return null;
  }

  /** Installs the downloaded update if the counter is idle now; returns whether it did. */
  tryInstall(): boolean {
    if (!this.updater || !this.downloaded) return false;
    const busy = this.busyReason();
    this.st = { ...this.st, busy };
    if (busy) return false;
    this.st = { ...this.st, state: 'installing' };
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.idleTimer = null;
    this.d.log.info({ version: this.downloaded }, 'update: installing while idle');
    this.updater.install();
    return true;
  }

  private async check(): Promise<void> {
    if (!this.updater) return;
    const feed = this.d.feed();
    if (!feed) {
      this.st = { ...this.st, state: 'not-enrolled' };
      return;
    }
    try {
      const found = await this.updater.check(feed);
      this.st = { ...this.st, lastCheckAt: new Date().toISOString(), error: null };
      if (!found) {
        if (!this.downloaded) this.st = { ...this.st, state: 'up-to-date' };
        return;
      }
      this.downloaded = found.version;
      this.st = { ...this.st, state: 'waiting-for-idle', version: found.version };
      this.d.log.info({ version: found.version }, 'update: downloaded; installs when the counter is idle');
      this.busyReason(); // starts the quiet clock
      if (!this.idleTimer) {
        this.idleTimer = setInterval(() => this.tryInstall(), this.timing.idlePollMs);
        this.idleTimer.unref();
      }
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.st = { ...this.st, lastCheckAt: new Date().toISOString(), error: message, ...(this.downloaded ? {} : { state: 'failed' as const }) };
      this.d.log.warn({ err: message }, 'update: feed check failed');
    }
  }
}
