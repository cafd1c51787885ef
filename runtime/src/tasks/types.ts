/** The public types of tasks (no runtime code), which the service and the handle implement. */
import type { CallArgs, OperationName, OpOf, OpsOf, ResultOf } from '../types.js';
import type { PollPolicy, TaskClock } from './backoff.js';
import type { TaskStatus } from './status.js';

export type { TaskStatus };

export interface LocalizableMessage {
  id?: string;
  default_message?: string;
  args?: string[];
  [extra: string]: unknown;
}

export interface TaskProgress {
  total: number;
  completed: number;
  message?: LocalizableMessage | undefined;
}

/** `cis.task.info`, with the task id, and `result` decoded with the synchronous twin's result schema. */
export interface TaskInfo<R = unknown> {
  id: string;
  status: TaskStatus;
  /** False when the server does not say. */
  cancelable: boolean;
  progress?: TaskProgress | undefined;
  description?: LocalizableMessage | undefined;
  service?: string | undefined;
  operation?: string | undefined;
  /** As the server sent it: an object (`{error_type, messages}`) or a string (what the spec declares). */
  error?: unknown;
  /** Present when SUCCEEDED (and the operation has a result). */
  result?: R | undefined;
  start_time?: string | undefined;
  end_time?: string | undefined;
  target?: { type: string; id: string } | undefined;
  user?: string | undefined;
  /** Every field the server sent, as received. */
  raw: Record<string, unknown>;
}

export interface WaitOptions<R = unknown> {
  /** Stop waiting (and polling) at once when it aborts; `wait` rejects with its reason. */
  signal?: AbortSignal | undefined;
  /** Stop waiting after this long (from the call to `wait`); rejects with `TaskTimeout`. */
  timeoutMs?: number | undefined;
  /** Called when the task's status or progress changes (and on the first poll). */
  onProgress?: ((info: TaskInfo<R>) => void) | undefined;
  /** Poll schedule: a policy, or a fixed interval in ms. Default: the client's (`tasks.poll`). */
  pollMs?: PollPolicy | number | undefined;
  /** On abort or timeout, also ask the server to cancel the task (only sent when the task is cancelable). */
  cancelOnAbort?: boolean | undefined;
}

export type RunOptions<R = unknown> = WaitOptions<R>;

/** A task on the server, watched by this client. */
export interface Task<R = unknown> {
  readonly id: string;
  /** The `$task` operation that started it (undefined when attached without one). */
  readonly operation: string | undefined;
  /** The info of the latest poll, if any. */
  readonly last: TaskInfo<R> | undefined;
  /** One poll. */
  info(options?: { signal?: AbortSignal | undefined }): Promise<TaskInfo<R>>;
  /** Poll until the task ends; resolve with its result. */
  wait(options?: WaitOptions<R>): Promise<R>;
  /** Ask the server to cancel the task (the server refuses a task that is not cancelable: `Unsupported`). */
  cancel(options?: { signal?: AbortSignal | undefined }): Promise<void>;
}

/** `cis.tasks.FilterSpec`: every field optional, arrays match any of their values. */
export interface TaskFilter {
  tasks?: string[] | undefined;
  services?: string[] | undefined;
  operations?: string[] | undefined;
  status?: TaskStatus[] | undefined;
  targets?: { type: string; id: string }[] | undefined;
  users?: string[] | undefined;
}

export interface TaskService {
  /** Info of any task visible to the session (its `result` is not decoded: the operation is unknown). */
  get(id: string, options?: { signal?: AbortSignal | undefined }): Promise<TaskInfo>;
  /** Tasks matching the filter (the server returns at most 1000). */
  list(filter?: TaskFilter, options?: { signal?: AbortSignal | undefined }): Promise<TaskInfo[]>;
  /** A handle for a task this client did not start; name its `$task` operation to get a decoded result. */
  attach<R = unknown>(id: string, options?: { operation?: string | undefined }): Task<R>;
}

/** Client-wide task settings. */
export interface TaskDefaults {
  /** Default poll schedule (see `PollPolicy`). */
  poll?: PollPolicy | undefined;
  /** Time, sleep and randomness of the poller (tests, simulations). */
  clock?: Partial<TaskClock> | undefined;
}

/** The `vmw-task=true` operations of a descriptor: names ending in `$task`. */
export type TaskOperationName<D> = string extends OperationName<D> ? string : Extract<OperationName<D>, `${string}$task`>;

/** `vcenter.vm.clone$task` → `vcenter.vm.clone`. */
export type SyncTwinName<N> = N extends `${infer B}$task` ? B : never;

/** What `wait` resolves with: the result of the synchronous twin (unknown when the release has no twin). */
export type TaskResultOf<D, N> = SyncTwinName<N> extends keyof OpsOf<D> ? ResultOf<OpsOf<D>[SyncTwinName<N>]> : unknown;

/**
 * `run(name, init?, options?)`: the operation's arguments, then the wait options. Distributive
 * over `N` for the reason `ArgsOf` is (a cheap contextual type while `N` is being inferred).
 */
export type RunArgs<D, N extends string> = [N] extends [never]
  ? [...CallArgs<OpOf<D, N>>, options?: RunOptions<TaskResultOf<D, N>>]
  : N extends unknown
    ? [...CallArgs<OpOf<D, N>>, options?: RunOptions<TaskResultOf<D, N>>]
    : never;
