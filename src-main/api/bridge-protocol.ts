import * as z from 'zod';

import type { CallResult, PosErrorData } from './contract';
/**
 * Frames on the browser host's WebSocket. Every call has an id so concurrent calls never
 * collide; the client times out a call that gets no reply.
 */
export const callFrame = z.object({ id: z.number().int().nonnegative(), method: z.string().max(100), input: z.unknown() }).strict();
export type CallFrame = z.infer<typeof callFrame>;

export type ServerFrame =
  | { type: 'result'; id: number; result: CallResult }
  | { type: 'event'; event: string; payload: unknown }
  /**
   * The answer to a frame that is not a call at all (not JSON, not an object, no usable id):
   * never left unanswered. `id` echoes the frame's id when it had one of the wrong kind.
   */
  | { type: 'error'; id: number | string | null; error: PosErrorData };

/** Why a frame is not a call, in a few words for the log and the protocol error. */
export type FrameProblem = 'not JSON' | 'not an object' | 'no usable id' | 'too deep';
