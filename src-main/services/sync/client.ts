import {
  enrollResponse,
  errorResponse,
  pushResponse,
  signedAck,
  type EnrollRequest,
  type EnrollResponse,
  type PushResponse,
  type SignedAck,
  type SyncErrorBody,
  type WireEntry,
} from '../../domain/sync/protocol';
import * as z from 'zod';
import { pullResponse, type PullResponse } from '../../domain/sync/reference';

/** The server could not be reached or did not answer properly (down, timeout, 5xx, garbage): try again later. */
export class SyncTransportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SyncTransportError';
  }
}

/** The server answered and refused (bad code, revoked, gap, broken chain): retrying the same thing will not help. */
export class SyncRefusal extends Error {
  constructor(
    readonly status: number,
    readonly body: SyncErrorBody,
  ) {
    super(body.message);
    this.name = 'SyncRefusal';
  }
}

/** HTTP to the central server: one request per call, a timeout on each, answers checked against the protocol. */
export class SyncClient {
  constructor(
    readonly baseUrl: string,
    private readonly credential: string | null,
    private readonly timeoutMs = 15_000,
  ) {}

  enroll(input: EnrollRequest): Promise<EnrollResponse> {
    return this.call('POST', '/api/v1/enroll', input, enrollResponse);
  }

  push(entries: WireEntry[], localSeq?: number): Promise<PushResponse> {
    return this.call('POST', '/api/v1/journal', { entries, ...(localSeq !== undefined ? { localSeq } : {}) }, pushResponse);
  }

  async head(): Promise<SignedAck> {
    return (await this.call('GET', '/api/v1/head', undefined, z.object({ ack: signedAck }))).ack;
  }

  /** Reference data of one stream after `after` (the server answers for this terminal's store only). */
  pull(stream: string, after: number): Promise<PullResponse> {
    return this.call('GET', `/api/v1/reference/${encodeURIComponent(stream)}?after=${after}`, undefined, pullResponse);
  }

  private async call<S extends z.ZodType>(method: string, path: string, body: unknown, schema: S): Promise<z.output<S>> {
    let res: Response;
    try {
      res = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(this.credential ? { authorization: `Bearer ${this.credential}` } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      const reason = err.name === 'TimeoutError' ? `no answer within ${this.timeoutMs / 1000} s` : (err.cause?.code ?? err.message);
      throw new SyncTransportError(reason);
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw new SyncTransportError(`HTTP ${res.status} without a readable answer`);
    }
    if (res.status >= 500) throw new SyncTransportError(`HTTP ${res.status}`);
    if (!res.ok) {
      const err = errorResponse.safeParse(json);
      if (err.success) throw new SyncRefusal(res.status, err.data.error);
      throw new SyncTransportError(`HTTP ${res.status}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new SyncTransportError('the server answered in an unknown format');
    return parsed.data;
  }
}
