import type { Ledger, LedgerTx } from '../../ledger';
import type { Logger } from '../../ops/logging';
import type { AuditTrail } from '../audit/audit-trail';
import type { EventBus } from '../events';

/** One money-changing command as a workflow describes it to the command path. */
export interface CommandSpec<T, P> {
  /** The client's command id (UUIDv7), the same on every retry of this request. */
  commandId: string;
  /** The contract method (`lockers.checkout`) or system step (`fuel.settle`). */
  method: string;
  /** The request without its command id: what idempotency compares on a replay. */
  body: unknown;
  /** Who asked (null: the system, e.g. a pump report or recovery at start). */
  actor: { id: string } | null;
  /** For a system step: the client command it follows from. */
  cause?: string | null;
  /** Asynchronous checks before the transaction (a manager's PIN). Skipped on a replay. */
  prepare?: () => Promise<P>;
  /** The synchronous work: every ledger step and business event goes through `tx`. Never awaits. */
  work: (tx: LedgerTx, prepared: P) => T;
  /** What the audit record keeps besides method, actor and command id. */
  audit?: (result: T) => Record<string, unknown>;
  /** Events announced to every window after the commit (never before: a refusal announces nothing). */
  announce?: (result: T) => [event: string, payload: unknown][];
}

export interface CommandPathDeps {
  ledger: Ledger;
  audit: AuditTrail;
  events: EventBus;
  log: Logger;
  /** Refuses every commit while the ledger failed its integrity check (read-only mode, LEDGER_TAMPERED). */
  integrity?: { assertWritable(): void };
}

/**
 * The one path every money-changing command takes, in every workflow:
 * 1. a replay of the command id returns the first result at once (no PIN asked again, nothing written);
 * 2. asynchronous checks run (`prepare`);
 * 3. the work, the idempotency record (one table, `ledger_command`), one journal entry holding the
 *    ledger ops AND the business events, all commit in ONE synchronous transaction (Ledger.command);
 * 4. after the commit: the audit record with the actor, then the events to the screens.
 * A refusal anywhere stores nothing, so the same command id may be retried.
 */
export class CommandPath {
  /** Checks that run inside the transaction of certain methods, before their work (an open shift for a sale). */
  private readonly guards = new Map<string, ((tx: LedgerTx, actor: { id: string } | null) => void)[]>();

  constructor(private readonly d: CommandPathDeps) {}

  /**
   * Runs `check` first inside the one transaction of each named method (`lockers.checkout`), so a
   * rule that spans workflows (sales need an open shift) is enforced on the one path, not
   * re-made in each workflow. A refusal rolls the whole command back.
   */
  guard(methods: string[], check: (tx: LedgerTx, actor: { id: string } | null) => void): void {
    for (const m of methods) this.guards.set(m, [...(this.guards.get(m) ?? []), check]);
  }

  async run<T, P = undefined>(spec: CommandSpec<T, P>): Promise<T> {
    const first = this.d.ledger.previous<T>(spec);
    if (first !== undefined) return first;
    this.d.integrity?.assertWritable();
    const prepared = (spec.prepare ? await spec.prepare() : undefined) as P;
    return this.commit(spec, prepared).result;
  }

  /** The same path for work that cannot wait (system steps run from device events); audit is written in the background. */
  runNow<T>(spec: Omit<CommandSpec<T, undefined>, 'prepare'>): { result: T; replay: boolean } {
    // Nothing runs before the transaction, so the replay check inside Ledger.command is the only one needed.
    this.d.integrity?.assertWritable();
    return this.commit(spec, undefined);
  }

  private commit<T, P>(spec: CommandSpec<T, P> | Omit<CommandSpec<T, undefined>, 'prepare'>, prepared: P): { result: T; replay: boolean } {
    const outcome = this.d.ledger.command(
      { commandId: spec.commandId, method: spec.method, body: spec.body, actor: spec.actor?.id ?? null, cause: spec.cause ?? null },
      (tx) => {
        for (const check of this.guards.get(spec.method) ?? []) check(tx, spec.actor);
        return (spec.work as (tx: LedgerTx, p: P) => T)(tx, prepared);
      },
    );
    if (outcome.replay) return outcome;
    const detail = { commandId: spec.commandId, entryId: outcome.entryId, ...(spec.audit?.(outcome.result) ?? {}) };
    // The command is committed: a failing audit write is logged, never turned into a refusal.
    this.d.audit.record(spec.method, 'ok', spec.actor?.id ?? null, detail).catch((err: unknown) => this.d.log.error({ err, method: spec.method }, 'audit record failed'));
    for (const [event, payload] of spec.announce?.(outcome.result) ?? []) this.d.events.emit(event, payload);
    return outcome;
  }
}
