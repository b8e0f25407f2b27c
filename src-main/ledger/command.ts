import { LedgerError, canonicalJson } from '../domain/ledger';
import { accountRecord, type Ctx } from './accounts';
import { newId } from './ids';
import { applyOp } from './ops';
import type { AccountKind, AuthorizeStep, BusinessEvent, Op, OpenAccountInput, PostLegInput, Step, StepResult } from './types';

/** Writes a workflow's tables for one business event; the same function runs live and on replay. */
export type EventProjector = (event: BusinessEvent, at: string) => void;

/** The projectors of every workflow, by event type prefix (`lockers.party.bound` → `lockers`). */
export class EventProjectors {
  private readonly byPrefix = new Map<string, EventProjector>();
  private readonly observers: EventProjector[] = [];

  register(prefix: string, project: EventProjector): void {
    if (this.byPrefix.has(prefix)) throw new Error(`event prefix registered twice: ${prefix}`);
    this.byPrefix.set(prefix, project);
  }

  /**
   * A reader of every workflow's events (the day's sales figures of the settlement reports): it
   * runs after the event's own projector, in the same transaction, live and on replay, so what
   * it writes is rebuilt from the journal like any workflow table.
   */
  observe(project: EventProjector): void {
    this.observers.push(project);
  }

  apply(event: BusinessEvent, at: string): void {
    const type = typeof event?.type === 'string' ? event.type : '';
    const project = this.byPrefix.get(type.slice(0, type.indexOf('.')));
    if (!project) throw new LedgerError('JOURNAL_MISMATCH', { reason: `no projector for event ${type || '(none)'}` });
    project(event, at);
    for (const observer of this.observers) observer(event, at);
  }
}

/**
 * The ledger as ONE business command sees it. Every account opened, hold placed, transfer posted
 * and business event recorded through it lands in the same journal entry, under the client's
 * command id, inside the one synchronous transaction Ledger.command opened: all or nothing.
 */
export class LedgerTx {
  readonly ops: Op[] = [];
  readonly events: BusinessEvent[] = [];

  constructor(
    private readonly ctx: Ctx,
    private readonly projectors: EventProjectors,
    private readonly runStep: (s: Step, entryId: string, at: string, ops: Op[]) => StepResult,
    readonly entryId: string,
    /** The entry's time (ISO, UTC): what every row this command writes is dated. */
    readonly at: string,
    readonly commandId: string,
  ) {}

  newId(): string {
    return newId();
  }

  openAccount(input: Omit<OpenAccountInput, 'commandId'>): string {
    const op: Op = { op: 'open', account: accountRecord(newId(), input) };
    applyOp(this.ctx, op, this.entryId, this.at);
    this.ops.push(op);
    return op.account.id;
  }

  /** Closes an empty account for good (a legacy account merged into its successor). */
  closeAccount(accountId: string): void {
    const op: Op = { op: 'close', accountId };
    applyOp(this.ctx, op, this.entryId, this.at);
    this.ops.push(op);
  }

  /** The id of the account with this code, opening it on first use. */
  ensureAccount(code: string, name: string, kind: AccountKind, unit: string): string {
    return this.ctx.st.accountByCode.get(code)?.id ?? this.openAccount({ code, name, kind, unit });
  }

  accountId(code: string): string | undefined {
    return this.ctx.st.accountByCode.get(code)?.id;
  }

  authorize(step: Omit<AuthorizeStep, 'type'>): { holdId: string; expiresAt: string | null } {
    const r = this.step({ type: 'authorize', ...step });
    if (r.type !== 'authorize') throw new Error('unexpected step result');
    return { holdId: r.holdId, expiresAt: r.expiresAt };
  }

  capture(holdId: string, amount?: number, memo?: string): string {
    const r = this.step({ type: 'capture', holdId, ...(amount === undefined ? {} : { amount }), ...(memo === undefined ? {} : { memo }) });
    return r.type === 'capture' ? r.transferId : '';
  }

  void(holdId: string): void {
    this.step({ type: 'void', holdId });
  }

  post(legs: PostLegInput[], memo?: string): string {
    const r = this.step({ type: 'post', legs, ...(memo === undefined ? {} : { memo }) });
    return r.type === 'post' ? r.transferId : '';
  }

  reverse(transferId: string, memo?: string): string {
    const r = this.step({ type: 'reverse', transferId, ...(memo === undefined ? {} : { memo }) });
    return r.type === 'reverse' ? r.transferId : '';
  }

  /** Records what happened in business terms and writes the workflow's tables for it. */
  event(event: BusinessEvent): void {
    // Canonical now, so a float or an undefined slipping into an event fails the command, not a later replay.
    const clean = JSON.parse(canonicalJson(event)) as BusinessEvent;
    this.projectors.apply(clean, this.at);
    this.events.push(clean);
  }

  private step(s: Step): StepResult {
    return this.runStep(s, this.entryId, this.at, this.ops);
  }
}
