import { PosError, type PosErrorData } from '../domain/errors';
import type { Services } from '../services';
import { contract, type CallResult, type MethodName } from './contract';
import type { CallContext } from './context';
import { createHandlers } from './handlers';
import { fieldIssues } from './field-messages';
import { fromLedgerError, isLedgerError } from './ledger-errors';
import { fromStorageError } from './storage-errors';

export type Dispatch = (ctx: CallContext, method: string, input: unknown) => Promise<CallResult>;

/**
 * The one dispatcher: checks who may call, validates the input against the contract,
 * runs the handler, checks the output, and turns every failure into plain error data.
 */
export function createDispatcher(services: Services): Dispatch {
  const handlers = createHandlers(services) as Record<string, (input: unknown, ctx: CallContext) => unknown>;
  const log = services.log;

  return async (ctx, method, input) => {
    try {
      if (typeof method !== 'string' || !Object.hasOwn(contract, method)) {
        throw new PosError('UNKNOWN_METHOD', { method: String(method).slice(0, 60) });
      }
      const spec = contract[method as MethodName];
      const staff = ctx.session.staff;
      if (spec.access !== 'public' && !staff) throw new PosError('NOT_SIGNED_IN');
      if (spec.access === 'manager' && staff?.role !== 'manager') {
        await services.audit.record(method, 'refused', staff?.id ?? null, { reason: 'not a manager' });
        throw new PosError('FORBIDDEN');
      }
      const parsed = spec.input.safeParse(input);
      if (!parsed.success) throw new PosError('INVALID_INPUT', {}, fieldIssues(parsed.error));
      const value = await handlers[method]!(parsed.data, ctx);
      // Parsing the output strips anything the contract does not declare (a hash, an internal id).
      return { ok: true, value: spec.output.parse(value) };
    } catch (e) {
      return { ok: false, error: toErrorData(e, method, log) };
    }
  };
}

export function toErrorData(e: unknown, method: string, log: Services['log']): PosErrorData {
  if (isLedgerError(e)) e = fromLedgerError(e);
  e = fromStorageError(e) ?? e;
  if (e instanceof PosError) {
    if (e.code !== 'INVALID_INPUT') log.info({ method, code: e.code, params: e.params }, 'request refused');
    return e.toData();
  }
  log.error({ method, err: e }, 'request failed');
  return new PosError('INTERNAL').toData();
}
