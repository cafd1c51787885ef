/** @vcenter-sdk/runtime: the release-agnostic runtime of vcenter-sdk. */
export type { ApiStyle, HttpMethod, LazySchema, OperationSpec, ParameterSpec, ReleaseDescriptor } from './descriptor.js';
export * from './decode/index.js';
export {
  connect,
  createClient,
  type ClientOptionsBase,
  type ConnectedClient,
  type ConnectOptions,
  type CreateClientOptions,
  type CreateMultiClientOptions,
  type MultiReleaseClient,
  type VsphereClient,
} from './client.js';
export type { MergedDescriptor, ReleaseNewer } from './merged.js';
export type { Credentials } from './auth/session.js';
export * from './errors.js';
export type {
  DecodeIssueInfo,
  ErrorInfo,
  Hooks,
  RequestInfo,
  ResponseInfo,
  RetryInfo,
  TaskEndInfo,
  TaskEventInfo,
  TaskProgressInfo,
  TaskStartInfo,
  WarningInfo,
} from './hooks.js';
export {
  DEFAULT_POLL_POLICY,
  findTaskEndpoints,
  parseTaskError,
  pollBounds,
  pollDelay,
  pollUntilDone,
  resolvePollPolicy,
  systemClock,
  taskIdOf,
  TaskNotFound,
  TaskTimeout,
  type LocalizableMessage,
  type PollLoop,
  type PollPolicy,
  type ResolvedPollPolicy,
  type RunArgs,
  type RunOptions,
  type SyncTwinName,
  type Task,
  type TaskClock,
  type TaskDefaults,
  type TaskEndpoints,
  type TaskFilter,
  type TaskInfo,
  type TaskOperationName,
  type TaskProgress,
  type TaskResultOf,
  type TaskService,
  type TaskStatus,
  type WaitOptions,
} from './tasks/index.js';
export { compareReleases, parseVersion, pickRelease } from './release.js';
export { parseRetryAfter, retryDelay, resolveRetry, type RetryOptions } from './retry.js';
export { normalizeFingerprint, type TlsOptions } from './tls.js';
export { Redactor, REDACTED } from './redact.js';
export { buildUrl, buildQuery, repairQuery } from './url.js';
export type { AnyDescriptor, CallArgs, CallInit, CallOptions, OperationName, OpsOf, PathsOf, ResultOf } from './types.js';
