import * as z from 'zod';

import type { CallResult } from './contract';
/**
 * Frames on the browser host's WebSocket. Every call has an id so concurrent calls never
 * collide; the client times out a call that gets no reply.
 */
export const callFrame = z.object({ id: z.number().int().nonnegative(), method: z.string().max(100), input: z.unknown() }).strict();
export type CallFrame = z.infer<typeof callFrame>;

export type ServerFrame =
  | { type: 'result'; id: number; result: CallResult }
  | { type: 'event'; event: string; payload: unknown };
