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

/**
 * `keyof … & string`, not `Extract<keyof …, string>`: the same names, but Extract is a
 * conditional tsc instantiates once per name of the release (7,000 instantiations on every call).
 */
export type OperationName<D> = keyof OpsOf<D> & string;

type Parent<S extends string> = S extends `${infer H}.${infer T}` ? (T extends `${string}.${string}` ? `${H}.${Parent<T>}` : H) : '';
type Under<Names, P extends string> = Extract<Names, `${P}.${string}`>;
type Children<Names, P extends string> = Exclude<Under<Names, P>, `${P}.${string}.${string}`>;
type Around<Names, P extends string> = P extends ''
  ? Names
  : [Children<Names, P>] extends [never]
    ? [Under<Names, P>] extends [never]
      ? Around<Names, Parent<P>>
      : Under<Names, P>
    : Children<Names, P>;
type Nearest<Names extends string, N extends string> = [Extract<Names, `${N}${string}`>] extends [never]
  ? Around<Names, Parent<N>>
  : Extract<Names, `${N}${string}`>;

/**
 * The names a misspelled `N` is nearest to: those that begin with it, else its siblings (the
 * same dotted prefix), else what lies under the nearest prefix that has any; all when none.
 * Deferred while `N` is a type parameter (`Nearest` over a generic `N` is one deferred type
 * per name of the release).
 */
export type NearestNames<Names extends string, N extends string> = N extends string ? Nearest<Names, N> : never;

/**
 * The type of a `name` argument is `NameOk<Names, N> | NameSuggest<Names, N>`: `N` itself when
 * it is one of `Names`, else the names it is nearest to, so that a misspelling is one short
 * "not assignable" error that lists them. Written as that union at each use, not as one alias,
 * because tsc names a failed parameter type by its alias.
 *
 * Why this shape (each of these made a misspelled or even a correct call cost seconds of tsc):
 * - `N` is inferred unconstrained (`N extends string`): a name that fails a constraint is
 *   replaced by the constraint, the union of every operation, and every type derived from it
 *   then spans the whole release (TS2590);
 * - `[N, 0] extends [Names, 0]`, not `[N] extends [Names]`: a unary tuple makes tsc narrow `N`
 *   to `N & Names` in the true branch, one intersection per name of the release;
 * - two conditionals in a union, `NameOk` first: tsc takes the constraint of the parameter type
 *   of a string literal argument, and stops at the first member whose constraint is a string,
 *   so `NearestNames` is never expanded over a generic `N`; `NoInfer` keeps inference out of it.
 */
export type NameOk<Names extends string, N extends string> = [N, 0] extends [Names, 0] ? N : never;
/** See `NameOk`. */
export type NameSuggest<Names extends string, N extends string> = [N, 0] extends [Names, 0] ? never : NoInfer<NearestNames<Names, N>>;

/** The operation object named `N`; unknown (loose arguments, unknown result) when `N` names none. */
export type OpOf<D, N> = N extends keyof OpsOf<D> ? OpsOf<D>[N] : unknown;

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

/**
 * The arguments after the name of operation `N` (loose when `N` names none: the name is the error).
 * Distributive over `N` so that, while `N` is still being inferred, tsc takes the arguments'
 * contextual type from `N`'s constraint (`string`: loose arguments) instead of from the
 * constraint of `OpsOf<D>[N]`, the union of every operation of the release, which an object
 * argument (`{ path: { vm } }`) made it build on every call. `extends unknown`, not `extends
 * string`: the latter narrows `N` to `N & string` in the branch, one intersection per name.
 */
export type ArgsOf<D, N extends string> = [N] extends [never]
  ? CallArgs<OpOf<D, N>> // a name cast to never takes loose arguments, as before distributing (which would make it take none)
  : N extends unknown
    ? CallArgs<OpOf<D, N>>
    : never;

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

/** What `call(N)` resolves to (unknown when `N` names no operation). */
export type CallResult<D, N extends string> = ResultOf<OpOf<D, N>>;
