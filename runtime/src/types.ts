/**
 * Type-level plumbing: from a descriptor's phantom `Ops` (name → openapi-typescript
 * operation object) to the parameters, body and result of `client.call(name, ...)`.
 */
import type { ReleaseDescriptor } from './descriptor.js';

export type AnyDescriptor = ReleaseDescriptor<any, any>;

/** The typed operation map of a descriptor (loose when the descriptor has none). */
export type OpsOf<D> = D extends { readonly __ops?: infer O }
  ? unknown extends O
    ? Record<string, unknown>
    : NonNullable<O>
  : Record<string, unknown>;

/** The openapi-typescript `paths` map of a descriptor (loose when absent). */
export type PathsOf<D> = D extends { readonly __paths?: infer P }
  ? unknown extends P
    ? Record<string, any>
    : NonNullable<P>
  : Record<string, any>;

export type OperationName<D> = Extract<keyof OpsOf<D>, string>;

// biome-ignore lint/complexity/noBannedTypes: `{}` is the empty parameter object, intersected with others.
type ParamsOf<O> = [O] extends [{ parameters: infer P }] ? P : {};

type Part<P, K extends string, Loose> = [P] extends [{ [k in K]: infer X }]
  ? [X] extends [never]
    ? { [k in K]?: never }
    : [X] extends [undefined]
      ? { [k in K]?: never }
      : { [k in K]: X }
  : [P] extends [{ [k in K]?: infer X }]
    ? [X] extends [never] | [undefined]
      ? { [k in K]?: never }
      : { [k in K]?: X }
    : { [k in K]?: Loose };

export type PathParamsPart<O> = unknown extends O ? { path?: Record<string, unknown> } : Part<ParamsOf<O>, 'path', Record<string, unknown>>;
export type QueryParamsPart<O> = unknown extends O
  ? { query?: Record<string, unknown> }
  : Part<ParamsOf<O>, 'query', Record<string, unknown>>;

type JsonOf<C> = C extends { content: { 'application/json': infer B } } ? B : C extends { content: { [k: string]: infer B } } ? B : never;

export type BodyPart<O> = unknown extends O
  ? { body?: unknown }
  : [O] extends [{ requestBody: infer RB }]
    ? [JsonOf<RB>] extends [never]
      ? { body?: never }
      : { body: JsonOf<RB> }
    : [O] extends [{ requestBody?: infer RB }]
      ? [JsonOf<NonNullable<RB>>] extends [never]
        ? { body?: never }
        : { body?: JsonOf<NonNullable<RB>> }
      : { body?: never };

/** Per-call options common to every operation. */
export interface CallOptions {
  /** Extra request headers (session and cookie headers are ignored). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Per-attempt timeout (default: the client's `timeoutMs`). */
  timeoutMs?: number;
}

export type CallInit<O> = PathParamsPart<O> & QueryParamsPart<O> & BodyPart<O> & CallOptions;

// biome-ignore lint/complexity/noBannedTypes: `{} extends Pick<T, K>` is how a key is told optional.
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

/** `[init]` when something is required, else `[init?]`. */
export type CallArgs<O> = RequiredKeys<CallInit<O>> extends never ? [init?: CallInit<O>] : [init: CallInit<O>];

type SuccessCodes = 200 | 201 | 202 | 203 | 204 | 206 | '200' | '201' | '202' | '203' | '204' | '206' | '2XX';

/** The decoded result of an operation (`/rest` results are already unwrapped in the generated types). */
export type ResultOf<O> = unknown extends O
  ? unknown
  : [O] extends [{ responses: infer R }]
    ? [JsonOf<R[Extract<keyof R, SuccessCodes>]>] extends [never]
      ? // biome-ignore lint/suspicious/noConfusingVoidType: an operation with no body resolves like a void function.
        void
      : JsonOf<R[Extract<keyof R, SuccessCodes>]>
    : unknown;
