import type * as z from 'zod';
import type { ValueErrorBody } from '../../src-main/domain/value/protocol';

/** A refusal of a value route: a stable code from the value protocol and an HTTP status. */
export class ValueHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ValueErrorBody,
  ) {
    super(body.message);
    this.name = 'ValueHttpError';
  }
}

export function parseValue<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw new ValueHttpError(400, { code: 'INVALID_INPUT', message: r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') });
  return r.data;
}

