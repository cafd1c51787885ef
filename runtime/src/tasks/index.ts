/** Tasks: start/run `$task` operations, wait with backoff, cancel, list/get tasks by id. */
export {
  DEFAULT_POLL_POLICY,
  pollBounds,
  pollDelay,
  resolvePollPolicy,
  systemClock,
  type PollPolicy,
  type ResolvedPollPolicy,
  type TaskClock,
} from './backoff.js';
export { findTaskEndpoints, requireTaskEndpoints, type TaskEndpoints } from './endpoints.js';
export { parseTaskError, taskFailure, taskIdOf, TaskNotFound, TaskTimeout, toTaskInfo } from './info.js';
export { pollUntilDone, type PollLoop } from './poller.js';
export { TaskRuntime } from './service.js';
export { TaskHandle } from './handle.js';
export type {
  LocalizableMessage,
  RunArgs,
  RunOptions,
  SyncTwinName,
  Task,
  TaskDefaults,
  TaskFilter,
  TaskInfo,
  TaskOperationName,
  TaskProgress,
  TaskResultOf,
  TaskService,
  TaskStatus,
  WaitOptions,
} from './types.js';
