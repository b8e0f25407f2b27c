import { PosError } from '../domain/errors';
import type { LedgerError } from '../domain/ledger';

export { isLedgerError } from '../domain/ledger';

/**
 * A ledger refusal that a workflow did not translate itself becomes a plain PosError.
 * Workflows should translate the ones a cashier meets (a wristband quota, say) with
 * their own words and formatted money; this is the fallback.
 */
export function fromLedgerError(e: LedgerError): PosError {
  const d = e.details;
  switch (e.code) {
    case 'QUOTA_EXCEEDED': {
      const limit = Number(d.limit ?? 0);
      const used = Number(d.used ?? 0);
      return new PosError('QUOTA_EXCEEDED', { left: Math.max(0, limit - used), requested: Number(d.requested ?? 0) });
    }
    case 'INSUFFICIENT_FUNDS':
      return new PosError('INSUFFICIENT_FUNDS', { left: Number(d.available ?? d.balance ?? 0) });
    case 'IDEMPOTENCY_CONFLICT':
      return new PosError('IDEMPOTENCY_CONFLICT');
    case 'ACCOUNT_NOT_FOUND':
    case 'HOLD_NOT_FOUND':
    case 'TRANSFER_NOT_FOUND':
      return new PosError('NOT_FOUND', { what: e.code.split('_')[0]!.toLowerCase() });
    case 'HOLD_NOT_PENDING':
    case 'HOLD_EXPIRED':
    case 'CAPTURE_EXCEEDS_HOLD':
    case 'ALREADY_REVERSED':
      return new PosError('CONFLICT', { reason: e.code.toLowerCase().replace(/_/g, ' ') });
    case 'DAY_CLOSED':
      return new PosError('DAY_CLOSED', { day: String(d.day ?? '') });
    default:
      return new PosError('INTERNAL');
  }
}
