import { LedgerError, canonicalJson } from '../domain/ledger';
import type { Statements } from './statements';

/**
 * The first result of a command id, if it was already committed. A replay with the
 * same body returns that result; a different body under the same id is refused.
 */
export function previousResult(st: Statements, commandId: string, fingerprint: string): unknown {
  const row = st.commandById.get(commandId);
  if (!row) return undefined;
  if (row.fingerprint !== fingerprint) throw new LedgerError('IDEMPOTENCY_CONFLICT', { commandId });
  return JSON.parse(row.result) as unknown;
}

export function recordResult(st: Statements, commandId: string, fingerprint: string, result: unknown, entryId: string): void {
  st.insertCommand.run(commandId, fingerprint, canonicalJson(result), entryId);
}
