import type {
  EventName,
  EventPayload,
  Locale,
  MethodInput,
  MethodName,
  MethodOutput,
  PosBridge,
  PosErrorData,
} from '../../../src-main/api/contract';

declare global {
  interface Window {
    posBridge?: PosBridge;
  }
}

type Namespace<K> = K extends `${infer N}.${string}` ? N : never;
type Call<M extends MethodName> = (
  ...args: MethodInput<M> extends Record<string, never> ? [input?: MethodInput<M>] : [input: MethodInput<M>]
) => Promise<MethodOutput<M>>;

/** `pos.staff.signIn({...})`: typed from the contract, built on the two-function bridge. */
export type PosClient = {
  [N in Namespace<MethodName>]: { [M in MethodName as M extends `${N}.${infer R}` ? R : never]: Call<M> };
};

/** A refused call, with the error as main sent it (code, params, message per language, fields). */
export class PosApiError extends Error {
  constructor(readonly data: PosErrorData) {
    super(data.message.en);
    this.name = 'PosApiError';
  }

  get code() {
    return this.data.code;
  }

  localized(lang: string): string {
    return this.data.message[(lang in this.data.message ? lang : 'en') as Locale];
  }
}

export function createClient(bridge: PosBridge): PosClient {
  return new Proxy({} as PosClient, {
    get: (_t, ns: string) =>
      new Proxy(
        {},
        {
          get: (_t2, name: string) => async (input: unknown) => {
            const result = await bridge.invoke(`${ns}.${name}`, input ?? {});
            if (!result.ok) throw new PosApiError(result.error);
            return result.value;
          },
        },
      ),
  });
}

export function subscribe<E extends EventName>(bridge: PosBridge, event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return bridge.subscribe(event, (p) => listener(p as EventPayload<E>));
}
