import { PosError } from '../../domain/errors';
import { newId } from '../../ledger';
import type { Logger } from '../../ops/logging';
import type { CommandPath } from '../commands';
import type { OnlineValueClient } from '../value/value-client';
import { ValueRefusal } from '../value/value-client';
import type { PointsStore, RedemptionRow } from './points-store';

export interface RecoveryDeps {
  store: PointsStore;
  commands: CommandPath;
  value: OnlineValueClient;
  log: Logger;
  /** Whether a redemption with this command id is running now (recovery leaves it alone). */
  inflight: (commandId: string) => boolean;
  /** How long to wait before asking an unreachable server again. */
  retryMs?: number;
}

export interface RecoveryReport {
  captured: string[];
  voided: string[];
  failed: string[];
}

/**
 * Finishes redemptions a crash or a network failure left half-way. The rule, keyed by the
 * redemption's command id (the same on the server's hold and the local sale):
 * - a hold still open on the server with NO local sale → void it (the sale never committed);
 * - a local sale whose capture did not happen → capture it (the sale committed; its hold waits);
 * - a capture the server refuses (the hold expired or was voided meanwhile) → the sale is marked
 *   'failed' with the reason, for a manager: never retried blindly, never dropped.
 * Redemptions running right now are left alone. Runs at start and again after any step that could
 * not reach the server, until the server has answered once.
 */
export class PointsRecovery {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RecoveryReport> | null = null;
  private stopped = false;

  constructor(private readonly d: RecoveryDeps) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Runs recovery now (one at a time); throws when the server cannot be reached. */
  run(): Promise<RecoveryReport> {
    this.running ??= this.sweep().finally(() => (this.running = null));
    return this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      let connected: boolean;
      try {
        connected = this.d.value.connected();
      } catch (err) {
        // The database was closed under us (the services are stopping): recovery runs at the next start.
        this.d.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'points: recovery skipped, the database is closed');
        return;
      }
      if (!connected) return; // nothing can be pending without a server
      this.run().catch((err: unknown) => {
        this.d.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'points: recovery could not reach the server; trying again later');
        this.schedule(this.d.retryMs ?? 30_000);
      });
    }, ms);
    this.timer.unref?.();
  }

  private async sweep(): Promise<RecoveryReport> {
    const report: RecoveryReport = { captured: [], voided: [], failed: [] };
    for (const h of await this.d.value.openHolds()) {
      if (this.d.inflight(h.commandId)) continue;
      const sale = this.d.store.byCommand(h.commandId);
      if (sale) continue; // captured below
      await this.d.value.void(h.commandId);
      this.d.log.info({ commandId: h.commandId, miles: h.amount }, 'points: voided a hold whose sale never committed');
      report.voided.push(h.commandId);
    }
    for (const r of this.d.store.pendingCaptures()) {
      if (this.d.inflight(r.commandId)) continue;
      const state = await this.capture(r, true);
      (state === 'captured' ? report.captured : report.failed).push(r.commandId);
    }
    return report;
  }

  /**
   * Captures a sale's hold and records it. Offline: left pending and recovery is scheduled (the
   * sale stands). `strict` (recovery): an offline error is thrown so the sweep is retried.
   */
  async capture(r: RedemptionRow, strict = false): Promise<'captured' | 'pending' | 'failed'> {
    try {
      const held = await this.d.value.capture(r.commandId);
      this.record(r, { type: 'points.redemption.captured', redemptionId: r.id, pointsLeft: held.balance.available });
      return 'captured';
    } catch (e) {
      if (e instanceof ValueRefusal) {
        this.d.log.error({ commandId: r.commandId, code: e.body.code }, 'points: the server refused to capture a sale already made');
        this.record(r, { type: 'points.redemption.captureFailed', redemptionId: r.id, problem: `${e.body.code}: ${e.body.message}` });
        return 'failed';
      }
      if (strict) throw e;
      this.d.log.warn({ commandId: r.commandId, err: e instanceof Error ? e.message : String(e) }, 'points: capture pending; retried by recovery');
      this.schedule(this.d.retryMs ?? 30_000);
      return 'pending';
    }
  }

  /** Voids a hold whose sale failed; if the server cannot be told now, recovery voids it later. */
  async voidQuietly(commandId: string): Promise<void> {
    try {
      await this.d.value.void(commandId);
    } catch (e) {
      if (e instanceof ValueRefusal) return; // no hold, or already settled: nothing to undo
      this.d.log.warn({ commandId, err: e instanceof PosError ? e.code : String(e) }, 'points: could not void a hold now; recovery will');
      this.schedule(this.d.retryMs ?? 30_000);
    }
  }

  private record(r: RedemptionRow, event: { type: 'points.redemption.captured'; redemptionId: string; pointsLeft: number | null } | { type: 'points.redemption.captureFailed'; redemptionId: string; problem: string }): void {
    this.d.commands.runNow({
      commandId: newId(),
      method: event.type === 'points.redemption.captured' ? 'points.capture' : 'points.captureFailed',
      body: { redemptionId: r.id },
      actor: null,
      cause: r.commandId,
      work: (tx) => {
        // Checked inside the transaction: a capture recorded meanwhile is not recorded twice.
        if (this.d.store.redemption(r.id)?.captureState !== 'pending') return;
        tx.event(event);
      },
    });
  }
}
