/**
 * Typed ledger errors. The `code` is stable and is what the API layer localizes;
 * the message is an English hint for developers only.
 */
export type LedgerErrorCode =
  | 'INVALID_AMOUNT'
  | 'INVALID_COMMAND'
  | 'INVALID_COMMAND_ID'
  | 'ACCOUNT_NOT_FOUND'
  | 'ACCOUNT_EXISTS'
  | 'ACCOUNT_IS_GROUP'
  | 'ACCOUNT_CLOSED'
  | 'ACCOUNT_NOT_EMPTY'
  | 'INVALID_PARENT'
  | 'QUOTA_EXCEEDED'
  | 'INSUFFICIENT_FUNDS'
  | 'HOLD_NOT_FOUND'
  | 'HOLD_NOT_PENDING'
  | 'HOLD_EXPIRED'
  | 'CAPTURE_EXCEEDS_HOLD'
  | 'UNBALANCED'
  | 'UNIT_MISMATCH'
  | 'TRANSFER_NOT_FOUND'
  | 'ALREADY_REVERSED'
  | 'IDEMPOTENCY_CONFLICT'
  | 'JOURNAL_MISMATCH'
  | 'DAY_CLOSED';

export type LedgerErrorDetails = Record<string, string | number | boolean | null>;

export class LedgerError extends Error {
  override readonly name = 'LedgerError';
  constructor(
    readonly code: LedgerErrorCode,
    readonly details: LedgerErrorDetails = {},
    message?: string,
  ) {
    super(message ?? `${code} ${JSON.stringify(details)}`);
  }
}

export function isLedgerError(e: unknown, code?: LedgerErrorCode): e is LedgerError {
  return e instanceof LedgerError && (code === undefined || e.code === code);
}
