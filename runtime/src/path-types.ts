/**
 * The type of the path API (`client.GET('/api/vcenter/vm/{vm}', { params })`): openapi-fetch's
 * `Client<Paths>`, each method taking the same init and resolving to the same response as
 * openapi-fetch's, but written so that tsc works out the init of the one path called, not of
 * every path.
 *
 * openapi-fetch constrains the path to the union of the paths that have the method, and the
 * init to the init of that path. Until the path is fixed, tsc reads the init's constraint over
 * the path's constraint: for the arity of a call and for the contextual type of its init object,
 * it builds the init of every path with the method (the 600 GETs of 7.0.3: some 20,000 types,
 * most of a consumer's check time), once per method a program calls. Here, as in `call()`, the
 * path is inferred as any string and checked against the paths with the method (`NameOk |
 * NameSuggest`), and the init is distributive over the path: while the path is generic, its
 * constraint is that of a string, the init of no path, which costs nothing.
 */
import type { Client, FetchOptions, FetchResponse } from 'openapi-fetch';
import type { NameOk, NameSuggest } from './types.js';

/** The methods of a path item, as openapi-typescript names them. */
type Method = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';
type MediaType = `${string}/${string}`;

// openapi-typescript-helpers' `RequiredKeysOf`, as openapi-fetch uses it (the helpers are not a dependency of ours).
// biome-ignore lint/complexity/noBannedTypes: `{} extends Pick<T, K>` is how a key is told optional.
type RequiredKeysOfHelper<T> = { [K in keyof T]: {} extends Pick<T, K> ? never : K }[keyof T];
type RequiredKeysOf<T> = RequiredKeysOfHelper<T> extends undefined ? never : RequiredKeysOfHelper<T>;

/** The paths of `Paths` that have method `M` (openapi-typescript-helpers' `PathsWithMethod`). */
export type PathsWithMethod<Paths, M extends Method> = {
  [P in keyof Paths]: Paths[P] extends { [K in M]: any } ? P : never;
}[keyof Paths] &
  string;

/**
 * The operation object of method `M` on `Path` (openapi-fetch's `Paths[Path][Method]`); when there
 * is none, an empty one, which takes no init (the error is then on the path alone).
 */
type PathOperation<Paths, Path, M extends Method> = Path extends keyof Paths
  ? Paths[Path] extends { [K in M]: infer O extends Record<string | number, any> }
    ? O
    : NoOperation
  : NoOperation;
type NoOperation = Record<never, never>;

/** openapi-fetch's `MaybeOptionalInit` of an operation object. */
type InitOf<O> = RequiredKeysOf<FetchOptions<O>> extends never ? FetchOptions<O> | undefined : FetchOptions<O>;

/**
 * The init of method `M` on `Path`. Distributive over `Path` so that its constraint, while `Path`
 * is generic, is that of a string (no path: a loose init); `extends unknown`, not `extends
 * string`, which would narrow `Path` to `Path & string` in the branch.
 */
type PathInit<Paths, Path, M extends Method> = Path extends unknown ? InitOf<PathOperation<Paths, Path, M>> : never;

/** openapi-fetch's `InitParam`: the init is optional when nothing in it is required. */
type InitParam<Init> = RequiredKeysOf<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];

/** One method of the path API (`GET`, `POST`...): openapi-fetch's `ClientMethod`, the path checked as `call()` checks a name. */
export type PathMethod<Paths, M extends Method, Media extends MediaType = MediaType> = <
  Path extends string,
  Init extends PathInit<Paths, Path, M>,
>(
  url: NameOk<PathsWithMethod<Paths, M>, Path> | NameSuggest<PathsWithMethod<Paths, M>, Path>,
  ...init: InitParam<Init>
) => Promise<FetchResponse<PathOperation<Paths, Path, M>, Init, Media>>;

/** The methods of the path API, each typed as `PathMethod`. */
export interface PathMethods<Paths, Media extends MediaType = MediaType> {
  GET: PathMethod<Paths, 'get', Media>;
  PUT: PathMethod<Paths, 'put', Media>;
  POST: PathMethod<Paths, 'post', Media>;
  DELETE: PathMethod<Paths, 'delete', Media>;
  OPTIONS: PathMethod<Paths, 'options', Media>;
  HEAD: PathMethod<Paths, 'head', Media>;
  PATCH: PathMethod<Paths, 'patch', Media>;
  TRACE: PathMethod<Paths, 'trace', Media>;
}

/**
 * The path API of a client: openapi-fetch's `Client<Paths>`, its methods typed as `PathMethods`
 * (`request`, `use` and `eject` are openapi-fetch's own). Not an intersection with `Client<Paths>`,
 * which would make each method two overloads: tsc tries every overload for subtype before any
 * for assignability, so openapi-fetch's would be built on every call again. A client is thus not
 * assignable to openapi-fetch's `Client<Paths>`.
 */
export type PathApi<Paths, Media extends MediaType = MediaType> = Pick<Client<Paths & {}, Media>, 'request' | 'use' | 'eject'> &
  PathMethods<Paths, Media>;
