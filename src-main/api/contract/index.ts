import * as z from 'zod';
import { mergeContracts, type MethodSpec } from './define';
import { staffContract } from './staff';
import { systemContract } from './system';
import { staffInfo } from './common';

/** Every method the renderer may call, merged from one module per workflow. */
export const contract = mergeContracts({ staff: staffContract, system: systemContract });
export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

/** Events main pushes to every window. */
export const events = {
  'session.changed': z.object({ staff: staffInfo.nullable() }),
  'device.status': z.object({ devices: z.array(z.object({ kind: z.string(), name: z.string(), state: z.string(), reason: z.string().optional() })) }),
  'sync.status': z.object({ online: z.boolean(), backlog: z.number().int() }),
};
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export type { MethodSpec };
export type { StaffInfo } from './common';
import type { PosErrorData } from '../../domain/errors';
export type { PosErrorData, Locale } from '../../domain/errors';

/** The reply of every call: a value, or a plain error object. Nothing else crosses the boundary. */
export type CallResult<T = unknown> = { ok: true; value: T } | { ok: false; error: PosErrorData };

/** What the preload (Electron) or the WebSocket bridge (browser host) exposes as window.posBridge. */
export interface PosBridge {
  invoke(method: string, input: unknown): Promise<CallResult>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
  readonly host: 'electron' | 'browser';
}
