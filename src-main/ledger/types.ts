import type BetterSqlite3 from 'better-sqlite3';
import type { Side } from '../domain/ledger';

export type Sqlite = BetterSqlite3.Database;

export type AccountKind =
  | 'tender'
  | 'revenue'
  | 'stored_value'
  | 'medium'
  | 'customer_group'
  | 'miles'
  | 'coupon_liability'
  | 'fuel_sales'
  | 'refund'
  | 'clearing';

export interface LedgerOptions {
  storeId: string;
  terminalId: string;
  /** Injectable clock (hold expiry, committed_at). Defaults to the system clock. */
  now?: () => Date;
  /** The store's time zone, for the business day of each entry (DAY_CLOSED). Defaults to UTC. */
  timeZone?: () => string;
}

export interface OpenAccountInput {
  commandId: string;
  code: string;
  name: string;
  kind: AccountKind;
  /** ISO currency code (CNY) or a unit such as MILES. */
  unit: string;
  /** Defaults by kind (see NORMAL_BY_KIND). */
  normal?: Side;
  /** A limit group: holds no postings itself, aggregates its children. */
  group?: boolean;
  parentId?: string | null;
  /** Maximum normal-side balance including pending increases. */
  quota?: number | null;
  /** Defaults to true for stored_value, miles and coupon_liability. */
  nonNegative?: boolean;
}

export interface AuthorizeInput {
  commandId: string;
  /** The account whose debit side the hold reserves (e.g. the wristband or stored-value card). */
  debitAccountId: string;
  creditAccountId: string;
  amount: number;
  /** The hold releases itself this many ms after it was placed. */
  ttlMs?: number;
  memo?: string;
}

export interface CaptureStep {
  type: 'capture';
  holdId: string;
  /** Defaults to the held amount; may be less, never more. */
  amount?: number;
  memo?: string;
}
export interface VoidStep {
  type: 'void';
  holdId: string;
}
export interface PostLegInput {
  accountId: string;
  side: Side;
  amount: number;
}
export interface PostStep {
  type: 'post';
  legs: PostLegInput[];
  memo?: string;
}
export interface ReverseStep {
  type: 'reverse';
  transferId: string;
  memo?: string;
}
export interface AuthorizeStep extends Omit<AuthorizeInput, 'commandId'> {
  type: 'authorize';
}
export type Step = AuthorizeStep | CaptureStep | VoidStep | PostStep | ReverseStep;

export interface EntryRef {
  entryId: string;
  seq: number;
}
export interface AccountResult extends EntryRef {
  accountId: string;
}
export interface AuthorizeResult extends EntryRef {
  holdId: string;
  expiresAt: string | null;
}
export interface CaptureResult extends EntryRef {
  holdId: string;
  transferId: string;
  amount: number;
}
export interface VoidResult extends EntryRef {
  holdId: string;
}
export interface PostResult extends EntryRef {
  transferId: string;
}
export interface ReverseResult extends EntryRef {
  transferId: string;
  reversesTransferId: string;
}

export type StepResult =
  | { type: 'authorize'; holdId: string; expiresAt: string | null }
  | { type: 'capture'; holdId: string; transferId: string; amount: number }
  | { type: 'void'; holdId: string }
  | { type: 'post'; transferId: string }
  | { type: 'reverse'; transferId: string; reversesTransferId: string };

export interface CommitResult extends EntryRef {
  results: StepResult[];
}

/** The effects recorded in a journal entry; applying them in order rebuilds the ledger. */
export interface AccountRecord {
  id: string;
  code: string;
  name: string;
  kind: string;
  unit: string;
  normal: Side;
  group: boolean;
  parentId: string | null;
  quota: number | null;
  nonNegative: boolean;
}
export type Op =
  | { op: 'open'; account: AccountRecord }
  | { op: 'close'; accountId: string }
  | { op: 'hold'; holdId: string; debit: string; credit: string; amount: number; expiresAt: string | null; memo?: string }
  | { op: 'capture'; holdId: string; transferId: string; amount: number; memo?: string }
  | { op: 'void'; holdId: string }
  | { op: 'expire'; holdId: string }
  | { op: 'post'; transferId: string; legs: { accountId: string; side: Side; amount: number }[]; memo?: string }
  | { op: 'reverse'; transferId: string; reverses: string; legs: { accountId: string; side: Side; amount: number }[]; memo?: string };

/**
 * What happened in business terms (party bound, charge, settlement, fuel order paid …), journaled
 * beside the ledger ops of the same command. `type` is `<workflow>.<event>`; the workflow that owns
 * the prefix registers the projector that writes its tables (see Ledger.registerEvents), so a
 * replay of the journal rebuilds them. Plain canonical data only (no floats, no undefined).
 */
export interface BusinessEvent {
  type: string;
  [field: string]: unknown;
}

/** Who and what a business command is, as its journal entry records it. */
export interface CommandMeta {
  /** The client's command id (UUIDv7); for a system follow-up, a fresh id. */
  commandId: string;
  /** The contract method (`lockers.checkout`) or system step (`fuel.settle`) that ran. */
  method: string;
  /** What the idempotency fingerprint covers: the request without its command id. */
  body: unknown;
  /** The staff member who asked; null for the system (a pump report, recovery at start). */
  actor: string | null;
  /** The client command this system step follows from (a pump's end follows `fuel.pay`). */
  cause?: string | null;
}

export interface CommandOutcome<T> {
  result: T;
  /** True when this command id had already run: nothing was written, `result` is the first one. */
  replay: boolean;
  entryId: string;
}

export interface EntryBody {
  /** 1: ledger ops only; 2: a business command (ops and business events). */
  v: 1 | 2;
  id: string;
  store: string;
  terminal: string;
  seq: number;
  at: string;
  type: 'open_account' | 'authorize' | 'capture' | 'void' | 'post' | 'reverse' | 'commit' | 'expire' | 'command';
  /** Null for system entries (hold expiry). Business commands also carry method, actor and cause. */
  command: { id: string; fingerprint: string; result: unknown; method?: string; actor?: string | null; cause?: string | null } | null;
  ops: Op[];
  /** v2 only: the business events of the command, in the order they happened. */
  events?: BusinessEvent[];
}

export interface BalanceView {
  accountId: string;
  unit: string;
  normal: Side;
  /** Normal-side posted balance. */
  posted: number;
  /** Net pending on the normal side (increases − decreases). */
  pending: number;
  pendingIncrease: number;
  pendingDecrease: number;
  /** Headroom under the quota / above zero; null when unlimited. */
  available: number | null;
  limit: number | null;
  debitsPosted: number;
  creditsPosted: number;
  debitsPending: number;
  creditsPending: number;
}

export interface HoldView {
  id: string;
  debitAccountId: string;
  creditAccountId: string;
  amount: number;
  unit: string;
  status: 'pending' | 'captured' | 'voided' | 'expired';
  capturedAmount: number | null;
  expiresAt: string | null;
  createdAt: string;
  resolvedAt: string | null;
  memo: string | null;
}

export interface PostingView {
  transferId: string;
  leg: number;
  accountId: string;
  side: Side;
  amount: number;
  committedAt: string;
}

export interface TransferView {
  id: string;
  kind: 'post' | 'capture' | 'reversal';
  holdId: string | null;
  reversesId: string | null;
  entryId: string;
  committedAt: string;
  memo: string | null;
  legs: PostingView[];
}
