import type * as z from 'zod';
import type { Contract, MethodName } from '../contract';
import type { CallContext } from '../context';

export type Handler<M extends MethodName> = (
  input: z.output<Contract[M]['input']>,
  ctx: CallContext,
) => Promise<z.input<Contract[M]['output']>> | z.input<Contract[M]['output']>;

/** The handlers of the methods whose names start with `Prefix` (one workflow). */
export type HandlerMap<Prefix extends string> = { [M in MethodName as M extends `${Prefix}${string}` ? M : never]: Handler<M> };

export type AllHandlers = { [M in MethodName]: Handler<M> };
