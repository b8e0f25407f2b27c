import WebSocket from 'ws';
import { PosError, type PosErrorData } from '../../../domain/errors';
import { pushMessage, type PushMessage } from '../../../domain/sync/reference';
import type { Logger } from '../../../ops/logging';
import type { CommandPath } from '../../commands';
import { SyncClient, SyncRefusal, SyncTransportError } from '../client';
import type { SyncState } from '../state';
import type { ReferenceData } from './reference-data';
import { Nap } from '../nap';

export interface PullTiming {
  /** Without a push, every stream is pulled this often (the catch-up when the push channel is down). */
  pullMs: number;
  /** Reconnecting the push channel: doubles from 1 s up to this. */
  maxReconnectMs: number;
  requestTimeoutMs: number;
}

export const DEFAULT_PULL_TIMING: PullTiming = { pullMs: 60_000, maxReconnectMs: 30_000, requestTimeoutMs: 15_000 };

export interface ReferenceStatus {
  streams: { stream: string; cursor: number; appliedAt: string | null }[];
  lastPullAt: string | null;
  /** A batch the terminal refused (a record that does not fit its schema): shown on the Sync screen until a pull succeeds. */
  error: PosErrorData | null;
  /** The push channel from the server is open. */
  pushConnected: boolean;
}

/** Workflows' handlers of push messages other than the channel's own (a member's phone payment …), by type. */
export type PushHandlers = { [T in Exclude<PushMessage['type'], 'hello' | 'reference.changed'>]?: (msg: Extract<PushMessage, { type: T }>) => unknown };

export interface PullerDeps {
  data: ReferenceData;
  commands: CommandPath;
  /** The enrolled terminal's server and credential (null: not enrolled). */
  state: () => SyncState | null;
  log: Logger;
  now: () => Date;
  /** Called whenever what status() returns may have changed. */
  changed: () => void;
  /** The push channel closed (the server may be down). */
  disconnected?: () => void;
  push?: PushHandlers;
  timing?: Partial<PullTiming>;
}

/**
 * Pulls reference data streams from the central server in the background: at start, every
 * `pullMs`, and at once when the push channel (a WebSocket the server keeps to each enrolled
 * terminal) says reference data changed. A dropped socket costs nothing but latency: the next
 * poll catches up by cursor. Never blocks a sale: HTTP runs between short local transactions.
 */
export class ReferencePuller {
  private readonly timing: PullTiming;
  private running = false;
  private requested = true;
  private readonly nap = new Nap();
  private loopDone: Promise<void> = Promise.resolve();
  private lastPullAt: string | null = null;
  private error: PosErrorData | null = null;
  private socket: WebSocket | null = null;
  private socketFor = '';
  private pushConnected = false;
  private reconnectMs = 1000;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(private readonly d: PullerDeps) {
    this.timing = { ...DEFAULT_PULL_TIMING, ...d.timing };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.closeSocket();
    this.nap.wake();
    await this.loopDone;
  }

  /** Pull every stream now (after enrolment, on a push, from the Sync screen). */
  pullNow(): void {
    this.requested = true;
    this.nap.wake();
  }

  status(): ReferenceStatus {
    return { streams: this.d.data.cursors(), lastPullAt: this.lastPullAt, error: this.error, pushConnected: this.pushConnected };
  }

  /** Pulls every registered stream until the server has nothing more; resolves when done (tests call it directly). */
  async pullAll(): Promise<void> {
    const s = this.d.state();
    if (!s) return;
    const client = new SyncClient(s.serverUrl, s.credential, this.timing.requestTimeoutMs);
    let refused: PosErrorData | null = null;
    for (const stream of this.d.data.streams()) {
      for (;;) {
        const after = this.d.data.cursor(stream);
        let batch;
        try {
          batch = await client.pull(stream, after);
        } catch (e) {
          if (e instanceof SyncRefusal || e instanceof SyncTransportError) {
            this.d.log.warn({ stream, err: e.message }, 'sync: reference pull failed');
            return; // Offline or refused: the next poll tries again; what was applied stays applied.
          }
          throw e;
        }
        if (batch.stream !== stream) throw new SyncTransportError(`the server answered for stream ${batch.stream}, not ${stream}`);
        try {
          const r = await this.d.data.apply(this.d.commands, batch, after);
          if (r.applied) this.d.log.info({ stream, applied: r.applied, cursor: r.cursor }, 'sync: reference data applied');
        } catch (e) {
          if (!(e instanceof PosError)) throw e;
          // The whole batch is refused and nothing changed; the other streams still move on.
          refused = e.toData();
          this.d.log.error({ stream, err: e.message, params: e.params }, 'sync: reference batch refused');
          break;
        }
        if (!batch.more) break;
      }
    }
    this.error = refused;
    this.lastPullAt = this.d.now().toISOString();
    this.d.changed();
  }

  private async loop(): Promise<void> {
    let last = 0;
    while (this.running) {
      const s = this.d.state();
      this.ensureSocket(s);
      if (s && (this.requested || Date.now() - last >= this.timing.pullMs)) {
        this.requested = false;
        last = Date.now();
        try {
          await this.pullAll();
        } catch (e) {
          this.d.log.error({ err: e instanceof Error ? e.message : String(e) }, 'sync: reference pull step failed');
        }
        continue;
      }
      await this.nap.sleep(s ? Math.max(10, this.timing.pullMs - (Date.now() - last)) : 1000);
    }
  }

  /** One socket per enrolment (server and credential); reconnects with backoff when it drops. */
  private ensureSocket(s: SyncState | null): void {
    const key = s ? `${s.serverUrl} ${s.credential}` : '';
    if (key === this.socketFor && (this.socket || this.reconnectTimer)) return;
    if (key !== this.socketFor) this.closeSocket();
    this.socketFor = key;
    if (!s || !this.running) return;
    const url = new URL('api/v1/events', s.serverUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${s.credential}` }, handshakeTimeout: this.timing.requestTimeoutMs });
    this.socket = ws;
    ws.on('message', (data) => {
      let msg;
      try {
        msg = pushMessage.safeParse(JSON.parse(String(data)));
      } catch {
        return;
      }
      if (!msg.success) return;
      const m = msg.data;
      if (m.type !== 'hello' && m.type !== 'reference.changed') {
        // A workflow's message: handed over as it is; its handler journals it idempotently, so a
        // repeat (the server resends after a drop) changes nothing. It does not mean data changed.
        try {
          this.d.push?.[m.type]?.(m);
        } catch (e) {
          this.d.log.error({ type: m.type, err: e instanceof Error ? e.message : String(e) }, 'sync: push message not applied');
        }
        return;
      }
      if (msg.data.type === 'hello') {
        this.pushConnected = true;
        this.reconnectMs = 1000;
        this.d.changed();
      }
      // Connected (maybe after a drop: catch up) or told that data changed: pull at once.
      this.pullNow();
    });
    ws.on('error', (e) => this.d.log.debug({ err: e.message }, 'sync: push channel error'));
    ws.on('close', () => {
      if (this.socket !== ws) return;
      this.socket = null;
      if (this.pushConnected) {
        this.pushConnected = false;
        this.d.changed();
        this.d.disconnected?.();
      }
      if (!this.running) return;
      const delay = Math.round(this.reconnectMs * (0.75 + Math.random() * 0.5));
      this.reconnectMs = Math.min(this.timing.maxReconnectMs, this.reconnectMs * 2);
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = null;
        this.nap.wake();
      }, delay);
      this.reconnectTimer.unref?.();
    });
  }

  private closeSocket(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const ws = this.socket;
    this.socket = null;
    this.pushConnected = false;
    if (ws) {
      ws.removeAllListeners('message');
      ws.on('error', () => undefined);
      ws.terminate();
    }
  }
}
