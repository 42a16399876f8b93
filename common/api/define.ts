import type { z } from 'zod';
import type { Permission } from '../permissions';

/** `public`: callable before sign-in. `signedIn`: any signed-in, unlocked staff member. */
export type Access = Permission | 'public' | 'signedIn';

declare const OUTPUT: unique symbol;
/** Phantom carrier of a method's output type; it has no runtime value. */
export interface Out<T> {
  readonly [OUTPUT]?: T;
}
export const out = <T>(): Out<T> => ({});

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  kind: 'query' | 'command';
  input: I;
  output: Out<O>;
  access: Access;
  /** Calls a screen makes on its own (status refresh) do not count as staff activity. */
  background?: boolean;
}

export function query<I extends z.ZodType, O>(spec: Omit<MethodSpec<I, O>, 'kind'>): MethodSpec<I, O> {
  return { kind: 'query', ...spec };
}

export function command<I extends z.ZodType, O>(spec: Omit<MethodSpec<I, O>, 'kind'>): MethodSpec<I, O> {
  return { kind: 'command', ...spec };
}

export type OutputOf<S> = S extends MethodSpec<z.ZodType, infer O> ? O : never;
