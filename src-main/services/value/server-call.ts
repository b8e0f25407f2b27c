import type { Database as Sqlite } from 'better-sqlite3';
import type * as z from 'zod';
import type { PosError } from '../../domain/errors';
import { readSyncState } from '../sync/state';

/** How one workflow words the three ways a call to the central server can fail. */
export interface ServerCallErrors {
  /** No server configured (the terminal is not enrolled): nothing was sent. */
  notConnected(): PosError;
  /** No usable answer (down, timeout, 5xx, garbage): the request MAY have been applied. */
  offline(reason: string): PosError;
  /** The workflow's refusal for an error body the server answered with, or null when it is not one. */
  refusal(status: number, json: unknown): Error | null;
}

export interface ServerCallTarget {
  sqlite: Sqlite;
  terminalId: string;
  /** Per request. A counter waits at most this long before saying "offline". */
  timeoutMs: number;
}

/**
 * One request of a counter to the central server's customer-value routes (miles, member cards,
 * coupons), over the terminal's own credential. The server and credential are read from
 * `sync_state` on every call, so a re-enrolment takes effect at once. The answer is checked
 * against the protocol's schema: a terminal never acts on a shape it does not know.
 */
export async function callServer<S extends z.ZodType>(target: ServerCallTarget, method: string, path: string, body: unknown, schema: S, errors: ServerCallErrors): Promise<z.output<S>> {
  const state = readSyncState(target.sqlite, target.terminalId);
  if (!state) throw errors.notConnected();
  let res: Response;
  try {
    res = await fetch(new URL(path, state.serverUrl), {
      method,
      headers: { authorization: `Bearer ${state.credential}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(target.timeoutMs),
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    throw errors.offline(err.name === 'TimeoutError' ? `no answer within ${Math.round(target.timeoutMs / 1000)} s` : (err.cause?.code ?? err.message));
  }
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw errors.offline(`HTTP ${res.status}`);
  }
  if (res.status >= 500) throw errors.offline(`HTTP ${res.status}`);
  if (!res.ok) throw errors.refusal(res.status, json) ?? errors.offline(`HTTP ${res.status}`);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw errors.offline('unknown answer');
  return parsed.data;
}
