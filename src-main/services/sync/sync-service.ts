import type { Database as Sqlite } from 'better-sqlite3';
import { PosError } from '../../domain/errors';
import { verifyAck, type SignedAck } from '../../domain/sync/protocol';
import type { Logger } from '../../ops/logging';
import type { CommandPath } from '../commands';
import type { EventBus } from '../events';
import type { ReferenceData } from './reference/reference-data';
import { ReferencePuller, type PullTiming, type PushHandlers, type ReferenceStatus } from './reference/reference-puller';
import { SyncClient, SyncRefusal, SyncTransportError } from './client';
import { SyncStatements, type SyncState } from './state';
import { Nap } from './nap';

export type SyncPhase = 'not-enrolled' | 'online' | 'offline' | 'error';

export interface SyncStatus {
  phase: SyncPhase;
  enrolled: boolean;
  online: boolean;
  serverUrl: string | null;
  storeName: string | null;
  /** Local entries the server has not acknowledged yet. */
  backlog: number;
  localSeq: number;
  ackedSeq: number;
  lastSyncAt: string | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  /** Reference data pulled from the server (null when no stream is registered). */
  reference: ReferenceStatus | null;
  /** `npm start --demo`: the demo server started next to this terminal. */
  demoServer: { running: boolean; backOfficeUrl: string } | null;
}

/** What the demo host hands over so a manager can stop and start the demo server from the Sync screen. */
export interface DemoServerControl {
  url: string;
  backOfficeUrl: string;
  running(): boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface SyncTiming {
  /** How often the local journal head is looked at when idle (a commit is pushed within this). */
  pollMs: number;
  /** Backoff after a failure: doubles from minBackoffMs up to maxBackoffMs, with jitter. */
  minBackoffMs: number;
  maxBackoffMs: number;
  /** Per HTTP request. */
  requestTimeoutMs: number;
  batchSize: number;
  /** With nothing to push, the server's head is fetched this often, so "online" stays true to fact. */
  heartbeatMs: number;
}

export const DEFAULT_SYNC_TIMING: SyncTiming = { pollMs: 200, minBackoffMs: 1000, maxBackoffMs: 60_000, requestTimeoutMs: 15_000, batchSize: 1000, heartbeatMs: 15_000 };

export interface SyncServiceDeps {
  sqlite: Sqlite;
  terminalId: string;
  terminalName: () => string;
  events: EventBus;
  log: Logger;
  now: () => Date;
  timing?: Partial<SyncTiming>;
  /** Reference data streams to pull (and the push channel that says when). */
  reference?: { data: ReferenceData; commands: CommandPath; timing?: Partial<PullTiming>; push?: PushHandlers };
}

/**
 * Pushes this terminal's journal to the central server in the background. It only reads the
 * journal (its own statements) and writes sync_state, so a sale never waits for it; HTTP runs
 * between commits. Push order: from the server's head + 1, in batches; a lost answer is resent
 * and counted as duplicates by the server; a GAP answer moves the cursor to what the server
 * expects. Every ack is checked against the server's key and the local journal before it is kept.
 */
export class SyncService {
  private readonly st: SyncStatements;
  private readonly timing: SyncTiming;
  private state: SyncState | null;
  /** The next push starts after this seq (the server's head as last known). */
  private cursor = 0;
  private online = false;
  private failures = 0;
  private nextAttemptAt: Date | null = null;
  private running = false;
  private readonly nap = new Nap();
  private loopDone: Promise<void> = Promise.resolve();
  private lastEmitted = '';
  private lastContact = 0;
  readonly puller: ReferencePuller | null;
  private demo: DemoServerControl | null = null;

  constructor(private readonly deps: SyncServiceDeps) {
    this.st = new SyncStatements(deps.sqlite, deps.terminalId);
    this.timing = { ...DEFAULT_SYNC_TIMING, ...deps.timing };
    this.state = this.st.read();
    this.cursor = this.state?.ack.seq ?? 0;
    const ref = deps.reference;
    this.puller = ref
      ? new ReferencePuller({
          data: ref.data,
          commands: ref.commands,
          state: () => this.state,
          log: deps.log,
          now: deps.now,
          changed: () => this.emit(),
          ...(ref.push ? { push: ref.push } : {}),
          // The push channel dropped: find out now whether the server is gone, not at the next heartbeat.
          disconnected: () => {
            this.lastContact = 0;
            this.nap.wake();
          },
          timing: { requestTimeoutMs: this.timing.requestTimeoutMs, ...ref.timing },
        })
      : null;
  }

  /** Starts the background loop; returns at once (an unreachable server never delays start). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
    this.puller?.start();
    this.emit();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.nap.wake();
    await Promise.all([this.loopDone, this.puller?.stop()]);
  }

  /** Pushes now instead of waiting out a backoff (the Sync screen's "Sync now"). */
  pushNow(): void {
    this.nextAttemptAt = null;
    // With nothing to push, ask for the server's head at once: "online" is checked, not assumed.
    this.lastContact = 0;
    this.nap.wake();
    this.puller?.pullNow();
  }

  status(): SyncStatus {
    const localSeq = this.st.localHead();
    const s = this.state;
    const ackedSeq = s?.ack.seq ?? 0;
    return {
      phase: !s ? 'not-enrolled' : s.lastError && this.online ? 'error' : this.online ? 'online' : 'offline',
      enrolled: s !== null,
      online: this.online,
      serverUrl: s?.serverUrl ?? null,
      storeName: s?.serverStoreName ?? null,
      backlog: s ? Math.max(0, localSeq - ackedSeq) : localSeq,
      localSeq,
      ackedSeq,
      lastSyncAt: s?.lastSyncAt ?? null,
      lastError: s?.lastError ?? null,
      nextAttemptAt: this.nextAttemptAt?.toISOString() ?? null,
      reference: this.puller?.status() ?? null,
      demoServer: this.demo ? { running: this.demo.running(), backOfficeUrl: this.demo.backOfficeUrl } : null,
    };
  }

  /** Where this terminal's updates come from: the server it is enrolled with, with its credential. */
  updateFeed(): { url: string; headers: Record<string, string> } | null {
    const s = this.state;
    return s ? { url: new URL('api/v1/updates', s.serverUrl).toString(), headers: { authorization: `Bearer ${s.credential}` } } : null;
  }

  /** The demo host's server (see hosts/shared/demo-server.ts). */
  attachDemoServer(demo: DemoServerControl): void {
    this.demo = demo;
  }

  /** Stops or starts the demo server (demo only): offline with a growing backlog, then drained. */
  async demoServer(action: 'stop' | 'start'): Promise<SyncStatus> {
    if (!this.demo) throw new PosError('NOT_FOUND', { what: { en: 'A demo server', 'zh-CN': '演示服务器' } });
    if (action === 'stop') await this.demo.stop();
    else await this.demo.start();
    this.pushNow();
    return this.status();
  }

  /**
   * Enrolls with a one-time pairing code. The server's first signed head must be for this
   * terminal and must match the local journal (a re-enrolment of a terminal the server knows).
   */
  async enroll(serverUrl: string, code: string): Promise<SyncStatus> {
    const url = normalizeUrl(serverUrl);
    const client = new SyncClient(url, null, this.timing.requestTimeoutMs);
    let res;
    try {
      res = await client.enroll({ code, terminalId: this.deps.terminalId, terminalName: this.deps.terminalName() });
    } catch (e) {
      throw toPosError(e, url);
    }
    if (res.terminalId !== this.deps.terminalId || !verifyAck(res.head, res.serverKey) || res.head.terminalId !== this.deps.terminalId) {
      throw new PosError('SYNC_REFUSED', { reason: 'the server answered for another terminal or with a bad signature' });
    }
    const mismatch = this.ackMismatch(res.head);
    if (mismatch) throw new PosError('SYNC_REFUSED', { reason: mismatch });
    this.st.saveEnrollment({
      serverUrl: url,
      serverStoreId: res.storeId,
      serverStoreName: res.storeName,
      credential: res.credential,
      serverKey: res.serverKey,
      enrolledAt: this.deps.now().toISOString(),
      ack: res.head,
    });
    this.state = this.st.read();
    this.cursor = res.head.seq;
    this.failures = 0;
    this.online = true;
    this.deps.log.info({ serverUrl: url, store: res.storeName, ackedSeq: res.head.seq }, 'sync: enrolled');
    this.pushNow();
    this.emit();
    return this.status();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        await this.step();
      } catch (e) {
        // Never an unhandled rejection in the main process: a closed database ends the loop, anything else waits a poll.
        if (!this.deps.sqlite.open) {
          this.running = false;
          return;
        }
        this.deps.log.error({ err: e instanceof Error ? e.message : String(e) }, 'sync: loop step failed');
        await this.nap.sleep(this.timing.pollMs);
      }
    }
  }

  private async step(): Promise<void> {
    const s = this.state;
    const due = !this.nextAttemptAt || this.nextAttemptAt <= this.deps.now();
    if (s && due && this.st.localHead() > this.cursor) return this.pushOnce(s);
    if (s && due && Date.now() - this.lastContact >= this.timing.heartbeatMs) return this.heartbeat(s);
    this.emit();
    await this.nap.sleep(this.timing.pollMs);
  }

  /** One batch; on failure sets the backoff. Never throws. */
  private async pushOnce(s: SyncState): Promise<void> {
    const entries = this.st.entriesAfter(this.cursor, this.timing.batchSize);
    if (entries.length === 0) return;
    const client = new SyncClient(s.serverUrl, s.credential, this.timing.requestTimeoutMs);
    try {
      const res = await client.push(entries, this.st.localHead());
      this.accept(s, res.ack);
      this.failures = 0;
      this.nextAttemptAt = null;
      this.online = true;
    } catch (e) {
      if (e instanceof SyncRefusal && e.body.code === 'GAP' && e.body.head && verifyAck(e.body.head, s.serverKey)) {
        // The server holds less than we thought (our cursor ran ahead): resend from where it is.
        this.deps.log.warn({ cursor: this.cursor, serverSeq: e.body.head.seq }, 'sync: server expects an earlier entry; resending from there');
        this.cursor = e.body.head.seq;
        this.online = true;
        return;
      }
      this.fail(e);
    } finally {
      this.emit();
    }
  }

  /** Nothing to push: ask for the server's head, which also shows whether it still matches ours. */
  private async heartbeat(s: SyncState): Promise<void> {
    const client = new SyncClient(s.serverUrl, s.credential, this.timing.requestTimeoutMs);
    try {
      const head = await client.head();
      if (head.seq !== this.cursor) this.accept(s, head);
      else this.lastContact = Date.now();
      this.failures = 0;
      this.nextAttemptAt = null;
      this.online = true;
    } catch (e) {
      this.fail(e);
    } finally {
      this.emit();
    }
  }

  private accept(s: SyncState, ack: SignedAck): void {
    if (!verifyAck(ack, s.serverKey) || ack.terminalId !== this.deps.terminalId) throw new SyncTransportError('the server answered with an ack that is not signed by it');
    const mismatch = this.ackMismatch(ack);
    if (mismatch) throw new SyncRefusal(409, { code: 'CONFLICT', message: mismatch });
    this.cursor = ack.seq;
    this.lastContact = Date.now();
    this.st.saveAck(ack, this.deps.now().toISOString());
    this.state = this.st.read();
  }

  /** Why a signed head does not describe our journal, or null when it does. */
  private ackMismatch(ack: SignedAck): string | null {
    if (ack.seq === 0) return null;
    const local = this.st.localHash(ack.seq);
    if (local === null) return `the server holds entries up to ${ack.seq} but this terminal's journal ends at ${this.st.localHead()}`;
    if (local !== ack.hash) return `entry ${ack.seq} on the server differs from this terminal's entry ${ack.seq}`;
    return null;
  }

  private fail(e: unknown): void {
    this.failures++;
    const transport = e instanceof SyncTransportError;
    this.online = !transport;
    const message = e instanceof SyncRefusal ? `${e.body.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
    // A refusal will not pass on retry by itself (a revoked terminal, a broken chain): wait long.
    const base = transport ? Math.min(this.timing.maxBackoffMs, this.timing.minBackoffMs * 2 ** Math.min(this.failures - 1, 16)) : this.timing.maxBackoffMs;
    const delay = Math.round(base * (0.75 + Math.random() * 0.5));
    this.nextAttemptAt = new Date(this.deps.now().getTime() + delay);
    this.st.saveError(message);
    this.state = this.st.read();
    this.deps.log.warn({ err: message, failures: this.failures, retryInMs: delay }, 'sync: push failed');
  }

  private emit(): void {
    const s = this.status();
    const r = s.reference;
    const reference = r ? { referenceError: r.error?.code ?? null, pushConnected: r.pushConnected, lastPullAt: r.lastPullAt } : {};
    const payload = { online: s.online, backlog: s.backlog, enrolled: s.enrolled, phase: s.phase, lastSyncAt: s.lastSyncAt, ...reference };
    const key = JSON.stringify(payload);
    if (key === this.lastEmitted) return;
    this.lastEmitted = key;
    this.deps.events.emit('sync.status', payload);
  }
}

export function normalizeUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw.trim().includes('://') ? raw.trim() : `http://${raw.trim()}`);
  } catch {
    throw new PosError('SYNC_ADDRESS_INVALID');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new PosError('SYNC_ADDRESS_INVALID');
  return `${u.protocol}//${u.host}/`;
}

function toPosError(e: unknown, url: string): PosError {
  if (e instanceof SyncTransportError) return new PosError('SYNC_SERVER_UNREACHABLE', { url, reason: e.message });
  if (e instanceof SyncRefusal) {
    if (e.body.code === 'PAIRING_CODE_INVALID') return new PosError('SYNC_PAIRING_CODE_INVALID');
    if (e.body.code === 'RATE_LIMITED') return new PosError('SYNC_RATE_LIMITED');
    if (e.body.code === 'INVALID_INPUT') return new PosError('SYNC_PAIRING_CODE_INVALID');
    return new PosError('SYNC_REFUSED', { reason: e.message });
  }
  return new PosError('INTERNAL');
}
