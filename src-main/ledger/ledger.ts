import type { Transaction } from 'better-sqlite3';
import { newId as uuidv7 } from './ids';
import { LedgerError, assertAmount, assertCommandId, canonicalJson, fingerprint } from '../domain/ledger';
import { accountRecord, type Ctx } from './accounts';
import { EventProjectors, LedgerTx } from './command';
import { DayGuard } from './day-guard';
import { previousResult, recordResult } from './idempotency';
import { appendEntry, journalHead, type JournalHead } from './journal';
import { applyOp, reversalLegs } from './ops';
import { LedgerQueries } from './queries';
import { importEntries, type ImportRow } from './replay';
import { prepareStatements, type Statements } from './statements';
import type {
  AccountResult,
  AuthorizeInput,
  AuthorizeResult,
  CaptureResult,
  CommandMeta,
  CommandOutcome,
  CommitResult,
  EntryBody,
  LedgerOptions,
  Op,
  OpenAccountInput,
  PostLegInput,
  PostResult,
  ReverseResult,
  Sqlite,
  Step,
  StepResult,
  VoidResult,
} from './types';

interface Command {
  commandId: string;
  type: EntryBody['type'];
  /** What the fingerprint covers: the command body without its id. */
  payload: Record<string, unknown>;
  build: (entryId: string, at: string) => { ops: Op[]; results: StepResult[] | string };
}

/**
 * The local double-entry ledger. Every money-changing method is synchronous and runs
 * as one BEGIN IMMEDIATE transaction: idempotency lookup, expiry of overdue holds,
 * limit checks, writes, one journal entry and the idempotency record commit together
 * or not at all. See README.md in this folder for the guarantees.
 */
export class Ledger extends LedgerQueries {
  readonly storeId: string;
  readonly terminalId: string;
  private readonly now: () => Date;
  private readonly st: Statements;
  private readonly ctx: Ctx;
  private readonly tx: Transaction<(c: Command) => unknown>;
  private readonly expireTx: Transaction<() => number>;
  private readonly importTx: Transaction<(rows: Iterable<ImportRow>) => number>;
  private readonly commandTx: Transaction<(meta: CommandMeta, work: (tx: LedgerTx) => unknown) => CommandOutcome<unknown>>;
  /** Each workflow registers the projector of its business events here (by type prefix). */
  readonly projectors = new EventProjectors();
  /** Refuses entries dated into a day closed by a Z report (DAY_CLOSED). */
  readonly days: DayGuard;

  constructor(
    readonly db: Sqlite,
    options: LedgerOptions,
  ) {
    super(db);
    this.storeId = options.storeId;
    this.terminalId = options.terminalId;
    this.now = options.now ?? (() => new Date());
    this.st = prepareStatements(db);
    this.days = new DayGuard(db, options.timeZone ?? (() => 'UTC'));
    this.ctx = { st: this.st, parents: new Map() };
    this.tx = db.transaction((c: Command) => this.run(c));
    this.expireTx = db.transaction(() => {
      const head = journalHead(this.st, this.terminalId);
      return this.sweep(head, this.now().toISOString()).seq - head.seq;
    });
    this.importTx = db.transaction((rows: Iterable<ImportRow>) => importEntries(this.ctx, this.projectors, rows));
    this.commandTx = db.transaction((meta: CommandMeta, work: (tx: LedgerTx) => unknown) => this.runCommand(meta, work));
  }

  /**
   * Runs one business command once per client command id: the idempotency check, every ledger
   * step and business event the work makes, ONE journal entry (v2: method, actor, cause, ops,
   * events) and the idempotency record commit together in one synchronous BEGIN IMMEDIATE
   * transaction, or not at all. A replay returns the first result and writes nothing; the same
   * id with another method or body is IDEMPOTENCY_CONFLICT. `work` must not await.
   */
  command<T>(meta: CommandMeta, work: (tx: LedgerTx) => T): CommandOutcome<T> {
    assertCommandId(meta.commandId);
    return this.commandTx.immediate(meta, work) as CommandOutcome<T>;
  }

  /** The first result of a business command id if it already ran (a replay), without running anything. */
  previous<T>(meta: Pick<CommandMeta, 'commandId' | 'method' | 'body'>): T | undefined {
    if (typeof meta.commandId !== 'string') return undefined;
    const row = this.st.commandById.get(meta.commandId);
    if (!row) return undefined;
    if (row.fingerprint !== commandFingerprint(meta)) throw new LedgerError('IDEMPOTENCY_CONFLICT', { commandId: meta.commandId });
    return JSON.parse(row.result) as T;
  }

  openAccount(input: OpenAccountInput): AccountResult {
    const { commandId, ...rest } = input;
    return this.exec(commandId, 'open_account', rest, (entryId, at) => {
      const op: Op = { op: 'open', account: accountRecord(uuidv7(), rest) };
      applyOp(this.ctx, op, entryId, at);
      return { ops: [op], results: op.account.id };
    }) as AccountResult;
  }

  /** Places a hold (pending transfer) after checking the quotas of both accounts and their groups. */
  authorize(input: AuthorizeInput): AuthorizeResult {
    const { commandId, ...step } = input;
    const r = this.commitSteps(commandId, 'authorize', [{ type: 'authorize', ...step }]);
    return r as unknown as AuthorizeResult;
  }

  /** Posts a pending hold for its amount or less; the rest is released. */
  capture(input: { commandId: string; holdId: string; amount?: number; memo?: string }): CaptureResult {
    const { commandId, ...step } = input;
    return this.commitSteps(commandId, 'capture', [{ type: 'capture', ...step }]) as unknown as CaptureResult;
  }

  /** Releases a pending hold. */
  void(input: { commandId: string; holdId: string }): VoidResult {
    const { commandId, ...step } = input;
    return this.commitSteps(commandId, 'void', [{ type: 'void', ...step }]) as unknown as VoidResult;
  }

  /** A balanced multi-leg transfer with no hold: Σ debits = Σ credits per unit. */
  post(input: { commandId: string; legs: PostLegInput[]; memo?: string }): PostResult {
    const { commandId, ...step } = input;
    return this.commitSteps(commandId, 'post', [{ type: 'post', ...step }]) as unknown as PostResult;
  }

  /** Posts the mirror image of a transfer, pointing at it; a transfer is reversed at most once. */
  reverse(input: { commandId: string; transferId: string; memo?: string }): ReverseResult {
    const { commandId, ...step } = input;
    return this.commitSteps(commandId, 'reverse', [{ type: 'reverse', ...step }]) as unknown as ReverseResult;
  }

  /** Several steps, all or nothing, in one transaction and one journal entry. */
  commit(input: { commandId: string; steps: Step[] }): CommitResult {
    if (!Array.isArray(input.steps) || input.steps.length === 0 || input.steps.length > 256) {
      throw new LedgerError('INVALID_COMMAND', { field: 'steps', value: String(input.steps?.length) });
    }
    return this.commitSteps(input.commandId, 'commit', input.steps) as unknown as CommitResult;
  }

  /** Releases every hold past its expiry, journaled as system entries; returns how many entries were written. */
  expireHolds(): number {
    return this.expireTx.immediate();
  }

  /** Applies journal rows (from this or another database) in order, in one transaction; returns the count. */
  importJournal(rows: Iterable<ImportRow>): number {
    return this.importTx.immediate(rows);
  }

  private commitSteps(commandId: string, type: EntryBody['type'], steps: Step[]): unknown {
    steps.forEach(validateStep);
    return this.exec(commandId, type, type === 'commit' ? { steps } : { ...steps[0] }, (entryId, at) => {
      const ops: Op[] = [];
      const results = steps.map((s) => this.step(s, entryId, at, ops));
      return { ops, results };
    });
  }

  private exec(commandId: string, type: EntryBody['type'], payload: Record<string, unknown>, build: Command['build']): unknown {
    assertCommandId(commandId);
    return this.tx.immediate({ commandId, type, payload, build });
  }

  private run(c: Command): unknown {
    let fp: string;
    try {
      fp = fingerprint({ type: c.type, ...c.payload });
    } catch (e) {
      throw new LedgerError('INVALID_COMMAND', { reason: (e as Error).message });
    }
    const previous = previousResult(this.st, c.commandId, fp);
    if (previous !== undefined) return previous;
    const at = this.now().toISOString();
    this.days.check(at);
    const head = this.sweep(journalHead(this.st, this.terminalId), at);
    const entryId = uuidv7();
    const seq = head.seq + 1;
    const { ops, results } = c.build(entryId, at);
    const result = shapeResult(c.type, results, entryId, seq);
    const body: EntryBody = {
      v: 1,
      id: entryId,
      store: this.storeId,
      terminal: this.terminalId,
      seq,
      at,
      type: c.type,
      command: { id: c.commandId, fingerprint: fp, result },
      ops,
    };
    appendEntry(this.st, head, body);
    recordResult(this.st, c.commandId, fp, result, entryId);
    return result;
  }

  private runCommand(meta: CommandMeta, work: (tx: LedgerTx) => unknown): CommandOutcome<unknown> {
    const fp = commandFingerprint(meta);
    const previous = this.st.commandById.get(meta.commandId);
    if (previous) {
      if (previous.fingerprint !== fp) throw new LedgerError('IDEMPOTENCY_CONFLICT', { commandId: meta.commandId });
      return { result: JSON.parse(previous.result) as unknown, replay: true, entryId: previous.entry_id };
    }
    const at = this.now().toISOString();
    this.days.check(at);
    const head = this.sweep(journalHead(this.st, this.terminalId), at);
    const entryId = uuidv7();
    const tx = new LedgerTx(this.ctx, this.projectors, (s, e, a, ops) => this.step(s, e, a, ops), entryId, at, meta.commandId);
    const result = work(tx);
    const stored = JSON.parse(canonicalJson(result ?? null)) as unknown;
    const body: EntryBody = {
      v: 2,
      id: entryId,
      store: this.storeId,
      terminal: this.terminalId,
      seq: head.seq + 1,
      at,
      type: 'command',
      command: { id: meta.commandId, fingerprint: fp, result: stored, method: meta.method, actor: meta.actor, cause: meta.cause ?? null },
      ops: tx.ops,
      events: tx.events,
    };
    appendEntry(this.st, head, body);
    recordResult(this.st, meta.commandId, fp, stored, entryId);
    return { result, replay: false, entryId };
  }

  /** Expires overdue holds inside the current transaction, one system entry per batch. */
  private sweep(head: JournalHead, at: string): JournalHead {
    for (;;) {
      const ids = this.st.expiredHolds.all(at);
      if (ids.length === 0) return head;
      const entryId = uuidv7();
      const ops: Op[] = ids.map((holdId) => ({ op: 'expire', holdId }));
      for (const op of ops) applyOp(this.ctx, op, entryId, at);
      const body: EntryBody = { v: 1, id: entryId, store: this.storeId, terminal: this.terminalId, seq: head.seq + 1, at, type: 'expire', command: null, ops };
      head = appendEntry(this.st, head, body);
    }
  }

  private step(s: Step, entryId: string, at: string, ops: Op[]): StepResult {
    const apply = (op: Op) => {
      applyOp(this.ctx, op, entryId, at);
      ops.push(op);
    };
    switch (s.type) {
      case 'authorize': {
        const holdId = uuidv7();
        const expiresAt = s.ttlMs === undefined ? null : new Date(Date.parse(at) + s.ttlMs).toISOString();
        apply({ op: 'hold', holdId, debit: s.debitAccountId, credit: s.creditAccountId, amount: s.amount, expiresAt, memo: s.memo });
        return { type: 'authorize', holdId, expiresAt };
      }
      case 'capture': {
        const hold = typeof s.holdId === 'string' ? this.st.holdById.get(s.holdId) : undefined;
        if (!hold) throw new LedgerError('HOLD_NOT_FOUND', { holdId: String(s.holdId) });
        const transferId = uuidv7();
        const amount = s.amount ?? hold.amount;
        apply({ op: 'capture', holdId: hold.id, transferId, amount, memo: s.memo });
        return { type: 'capture', holdId: hold.id, transferId, amount };
      }
      case 'void':
        apply({ op: 'void', holdId: s.holdId });
        return { type: 'void', holdId: s.holdId };
      case 'post': {
        const transferId = uuidv7();
        const legs = s.legs.map((l) => ({ accountId: l.accountId, side: l.side, amount: l.amount }));
        apply({ op: 'post', transferId, legs, memo: s.memo });
        return { type: 'post', transferId };
      }
      case 'reverse': {
        const transferId = uuidv7();
        apply({ op: 'reverse', transferId, reverses: s.transferId, legs: reversalLegs(this.ctx, s.transferId), memo: s.memo });
        return { type: 'reverse', transferId, reversesTransferId: s.transferId };
      }
    }
  }
}

/** What a business command's idempotency covers: its method and its body without the command id. */
function commandFingerprint(meta: Pick<CommandMeta, 'method' | 'body'>): string {
  try {
    return fingerprint({ method: meta.method, body: meta.body ?? null });
  } catch (e) {
    throw new LedgerError('INVALID_COMMAND', { reason: (e as Error).message });
  }
}

function shapeResult(type: EntryBody['type'], results: StepResult[] | string, entryId: string, seq: number): unknown {
  if (typeof results === 'string') return { accountId: results, entryId, seq };
  if (type === 'commit') return { entryId, seq, results };
  const { type: _t, ...rest } = results[0]!;
  return { ...rest, entryId, seq };
}

/** Shape checks done before the fingerprint, so a float or a missing field is INVALID_*, not a crash. */
function validateStep(s: Step, i: number): void {
  const bad = (field: string, value: unknown) => new LedgerError('INVALID_COMMAND', { field: `steps[${i}].${field}`, value: String(value) });
  if (typeof s !== 'object' || s === null) throw bad('type', s);
  switch (s.type) {
    case 'authorize':
      assertAmount(s.amount);
      if (s.ttlMs !== undefined && (!Number.isSafeInteger(s.ttlMs) || s.ttlMs <= 0)) throw bad('ttlMs', s.ttlMs);
      if (typeof s.debitAccountId !== 'string') throw bad('debitAccountId', s.debitAccountId);
      if (typeof s.creditAccountId !== 'string') throw bad('creditAccountId', s.creditAccountId);
      break;
    case 'capture':
      if (s.amount !== undefined) assertAmount(s.amount);
      break;
    case 'void':
    case 'reverse':
      break;
    case 'post':
      if (!Array.isArray(s.legs)) throw bad('legs', s.legs);
      s.legs.forEach((l, j) => assertAmount(l?.amount, `legs[${j}].amount`));
      break;
    default:
      throw bad('type', (s as { type?: unknown }).type);
  }
  if ('memo' in s && s.memo !== undefined && typeof s.memo !== 'string') throw bad('memo', s.memo);
}
