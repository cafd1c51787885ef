/**
 * The public types of a client: its options (createClient's, connect's) and the client itself,
 * with call/start/run typed from the release descriptor. The wiring lives in client.ts.
 */
import type { Credentials } from './auth/session.js';
import type { DecodeMode } from './decode/index.js';
import type { Hooks } from './hooks.js';
import type { RetryOptions } from './internal/retry.js';
import type { MergedDescriptor, NotNewerThan } from './merged.js';
import type { PathApi } from './path-types.js';
import type { RunArgs, Task, TaskDefaults, TaskOperationName, TaskResultOf, TaskService } from './tasks/index.js';
import type { TlsOptions } from './tls-options.js';
import type { DispatcherLike } from './transport.js';
import type { AnyDescriptor, ArgsOf, CallResult, NameOk, NameSuggest, OperationName, PathsOf } from './types.js';

export interface ClientOptionsBase {
  /** `https://vcenter.example.com` (no path). */
  baseUrl: string;
  auth: Credentials;
  tls?: TlsOptions;
  /** Retry policy for idempotent calls; `false` disables retries. */
  retry?: RetryOptions | false;
  /** Per-attempt timeout in ms (default 60000): the headers and the whole body (from 10 s on, to within about a second). */
  timeoutMs?: number;
  /** Response decoding policy (default `report`). */
  decode?: DecodeMode;
  /** How integers beyond 2^53 are parsed (default `number`). */
  int64?: 'number' | 'bigint';
  hooks?: Hooks;
  /**
   * Use this undici dispatcher (an `Agent`, a `MockAgent`...) instead of a client-owned Agent
   * (TLS options then do not apply; `close()` leaves it open).
   */
  dispatcher?: DispatcherLike;
  /** Header that carries the release id on every request (default `X-API-Version`). */
  versionHeader?: string;
  /** Touch the session when idle for this long (ms). Off by default. */
  keepAliveMs?: number;
  /** Task polling defaults (schedule, clock). */
  tasks?: TaskDefaults;
  /**
   * OpenTelemetry spans when `@opentelemetry/api` is installed (default true). `false` never
   * loads the package.
   */
  tracing?: boolean;
  /** Connections open at once to the server (default 16); calls beyond them queue. */
  maxConnections?: number;
  /** Largest response body accepted, in bytes (default 64 MiB); a larger one is `ResponseTooLarge`. */
  maxResponseBytes?: number;
  /** Allow credentials over plain `http://` to a host that is not loopback (default false). */
  allowInsecureHttp?: boolean;

  // ---- releases (several releases per client, drift) ----
  /**
   * Report every field a response carries that the release's spec does not declare, through
   * `hooks.onDecodeIssue` as an `undeclared_field` issue with its JSON path: a server running
   * ahead of the SDK. Never fatal, not even with `decode: 'strict'`. Off by default.
   */
  reportUndeclared?: boolean;
}

export interface CreateClientOptions<D extends AnyDescriptor> extends ClientOptionsBase {
  release: D;
  releases?: undefined;
}

/**
 * Several releases, no detection: each operation is sent with, and decoded by, the newest of
 * them that has it (the server is taken to speak them all). `client.release` is the newest.
 */
export interface CreateMultiClientOptions<Ds extends readonly AnyDescriptor[]> extends ClientOptionsBase {
  releases: Ds;
  release?: undefined;
}

export interface ConnectOptions<Ds extends readonly AnyDescriptor[]> extends ClientOptionsBase {
  /** The releases this program was built against (generated packages' default exports). */
  releases: Ds;
  /**
   * The server's release id, when known (`'7.0.3'`): no detection, and the client is the one
   * detection would pick for it (the newest of `releases` not newer than it).
   */
  serverRelease?: string;
  /** createClient's option, not connect's: connect picks among `releases` (`serverRelease` skips detection). */
  release?: never;
}

export type VsphereClient<D extends AnyDescriptor> = PathApi<PathsOf<D>> & {
  /** The release id this client speaks (narrow a `connect` result with it). */
  readonly release: D['release'];
  readonly descriptor: D;
  /** Call an operation by name; resolves to the decoded result (`/rest` results unwrapped). */
  call<N extends string>(
    name: NameOk<OperationName<D>, N> | NameSuggest<OperationName<D>, N>,
    ...args: NoInfer<ArgsOf<D, N>>
  ): Promise<CallResult<D, N>>;
  /** Start a `$task` operation (the `vmw-task=true` variant); resolves once the server has accepted it, with a handle on the task. */
  start<N extends string>(
    name: NameOk<TaskOperationName<D>, N> | NameSuggest<TaskOperationName<D>, N>,
    ...args: NoInfer<ArgsOf<D, N>>
  ): Promise<Task<TaskResultOf<D, N>>>;
  /** Start a `$task` operation and wait for it: its synchronous twin's result, or the task's typed error. */
  run<N extends string>(
    name: NameOk<TaskOperationName<D>, N> | NameSuggest<TaskOperationName<D>, N>,
    ...args: NoInfer<RunArgs<D, N>>
  ): Promise<TaskResultOf<D, N>>;
  /** Tasks by id (including tasks this client did not start). */
  readonly tasks: TaskService;
  /** Log out (a session this client created) and close the connection pool. Idempotent. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
};

/**
 * The union of clients for the given releases; narrow it with `client.release`. The client of
 * release R serves the operations of every given release not newer than R, each typed by the
 * newest of them that has it.
 */
export type ConnectedClient<Ds extends readonly AnyDescriptor[]> = {
  [K in keyof Ds]: VsphereClient<MergedDescriptor<NotNewerThan<Ds[number], Ds[K]['release']>>>;
}[number];

/** A client over several releases (`createClient({ releases })`). */
export type MultiReleaseClient<Ds extends readonly AnyDescriptor[]> = VsphereClient<MergedDescriptor<Ds[number]>>;
