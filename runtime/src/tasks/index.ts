/** Tasks: start/run `$task` operations, wait with backoff, cancel, list/get tasks by id. */
import type { CallArgs, OperationName, OpsOf, ResultOf } from '../types.js';
import type { WaitOptions } from './handle.js';

export { DEFAULT_POLL_POLICY, pollBounds, pollDelay, resolvePollPolicy, systemClock, type PollPolicy, type ResolvedPollPolicy, type TaskClock } from './backoff.js';
export { findTaskEndpoints, requireTaskEndpoints, type TaskEndpoints } from './endpoints.js';
export { parseTaskError, taskFailure, taskIdOf, TaskNotFound, TaskTimeout, toTaskInfo, type LocalizableMessage, type TaskInfo, type TaskProgress, type TaskStatus } from './info.js';
export { pollUntilDone, type PollLoop } from './poller.js';
export { TaskHandle, TaskRuntime, type Task, type TaskDefaults, type TaskFilter, type TaskService, type WaitOptions } from './handle.js';

/** The `vmw-task=true` operations of a descriptor: names ending in `$task`. */
export type TaskOperationName<D> = string extends OperationName<D> ? string : Extract<OperationName<D>, `${string}$task`>;

/** `vcenter.vm.clone$task` → `vcenter.vm.clone`. */
export type SyncTwinName<N> = N extends `${infer B}$task` ? B : never;

/** What `wait` resolves with: the result of the synchronous twin (unknown when the release has no twin). */
export type TaskResultOf<D, N> = SyncTwinName<N> extends keyof OpsOf<D> ? ResultOf<OpsOf<D>[SyncTwinName<N>]> : unknown;

/** `run(name, init?, options?)`: the operation's arguments, then the wait options. */
export type RunArgs<D, N extends keyof OpsOf<D>> = [...CallArgs<OpsOf<D>[N]>, options?: RunOptions<TaskResultOf<D, N>>];

export type RunOptions<R = unknown> = WaitOptions<R>;
