import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { PushMessage } from '../../src-main/domain/sync/reference';
import type { ServerDb } from '../db';
import type { AuthedTerminal } from '../terminals';
import { changesSince, latestVersion } from './reference-store';

/**
 * The push channel: one WebSocket per connected terminal (authenticated with its credential
 * before the upgrade), told "reference data changed" with the streams that did. A change made
 * through this process is told at once; a change made through another server process on the
 * same database is noticed by a cheap poll of the reference counter (`pollMs`), so processes
 * stay stateless. Nothing is lost if a message is: the terminal also pulls by cursor on a timer.
 */
export class PushHub {
  private readonly sockets = new Map<WebSocket, AuthedTerminal>();
  private seen = 0;
  private timer: NodeJS.Timeout | null = null;
  private pinger: NodeJS.Timeout | null = null;
  private polling = false;
  private polls = 0;

  constructor(
    private readonly db: ServerDb,
    private readonly log: FastifyBaseLogger,
    private readonly pollMs = 1000,
  ) {}

  async start(): Promise<void> {
    this.seen = await latestVersion(this.db);
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
    // Keeps idle connections open through NATs and lets both ends notice a dead peer.
    this.pinger = setInterval(() => {
      for (const ws of this.sockets.keys()) ws.ping();
    }, 20_000);
    this.pinger.unref();
  }

  add(ws: WebSocket, terminal: AuthedTerminal): void {
    this.sockets.set(ws, terminal);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('error', () => ws.terminate());
    this.send(ws, { type: 'hello', at: new Date().toISOString() });
  }

  connected(): number {
    return this.sockets.size;
  }

  /** Tells every terminal the changed streams it may read (scope '*' or its own store). */
  notify(changes: { stream: string; scope: string }[]): void {
    for (const [ws, t] of this.sockets) {
      const streams = [...new Set(changes.filter((c) => c.scope === '*' || c.scope === t.storeId).map((c) => c.stream))];
      if (streams.length) this.send(ws, { type: 'reference.changed', streams });
    }
  }

  /** Sends one message to every connected terminal of a store (a member paid from their phone). */
  toStore(storeId: string, msg: PushMessage): number {
    let sent = 0;
    for (const [ws, t] of this.sockets) {
      if (t.storeId !== storeId || ws.readyState !== ws.OPEN) continue;
      this.send(ws, msg);
      sent++;
    }
    return sent;
  }

  /** Closes the sockets of a revoked terminal at once. */
  drop(terminalId: string): void {
    for (const [ws, t] of this.sockets) if (t.id === terminalId) ws.close(4001, 'revoked');
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.pinger) clearInterval(this.pinger);
    for (const ws of this.sockets.keys()) ws.close(1001, 'server stopping');
    this.sockets.clear();
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      if (++this.polls % 5 === 0) await this.dropRevoked();
      const latest = await latestVersion(this.db);
      if (latest <= this.seen) return;
      const changes = this.sockets.size ? await changesSince(this.db, this.seen) : [];
      this.seen = latest;
      this.notify(changes);
    } catch (e) {
      this.log.warn({ err: e instanceof Error ? e.message : String(e) }, 'push channel: poll failed');
    } finally {
      this.polling = false;
    }
  }

  /** A terminal revoked (through any server process) loses its socket within a few polls. */
  private async dropRevoked(): Promise<void> {
    const ids = [...new Set([...this.sockets.values()].map((t) => t.id))];
    if (!ids.length) return;
    const rows = await this.db.all<{ id: string }>(`SELECT id FROM terminal WHERE revoked_at IS NOT NULL AND id IN (${ids.map(() => '?').join(', ')})`, ids);
    for (const r of rows) this.drop(r.id);
  }

  private send(ws: WebSocket, msg: PushMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  }
}
