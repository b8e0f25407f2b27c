import type { SyncErrorBody } from '../src-main/domain/sync/protocol';

/** A refusal with a stable code (the terminal maps it to a PosError) and an HTTP status. */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: SyncErrorBody,
  ) {
    super(body.message);
    this.name = 'SyncHttpError';
  }
}

export const unauthenticated = (message = 'Sign in or enroll first.') => new SyncHttpError(401, { code: 'UNAUTHENTICATED', message });
export const invalidInput = (message: string) => new SyncHttpError(400, { code: 'INVALID_INPUT', message });
