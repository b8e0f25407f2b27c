import type * as z from 'zod';

/** Who may call a method. Checked in main by the dispatcher, not only hidden in the UI. */
export type Access = 'public' | 'staff' | 'manager';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** One line for the README and the API listing. */
  summary: string;
}

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

/** Merges workflow contracts; a name declared twice fails at start, not at the first call. */
export function mergeContracts<T extends Record<string, Record<string, MethodSpec>>>(
  parts: T,
): UnionToIntersection<T[keyof T]> {
  const merged: Record<string, MethodSpec> = {};
  for (const part of Object.values(parts)) {
    for (const [name, spec] of Object.entries(part)) {
      if (name in merged) throw new Error(`API method ${name} is declared twice`);
      merged[name] = spec;
    }
  }
  return merged as UnionToIntersection<T[keyof T]>;
}

type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;
