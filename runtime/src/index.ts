/**
 * @vcenter-sdk/runtime: the release-agnostic runtime of vcenter-sdk.
 *
 * The public surface, listed name by name (no `export *`): what users call and catch, and what
 * generated packages import. Helpers stay in their modules (pure ones in internal/); tests reach
 * them as `@vcenter-sdk/runtime/src/<module>.js`. test/runtime/public-surface.packaging.test.ts
 * holds the exact list of value exports, so a new one is a deliberate change.
 */

// Clients.
export { connect, createClient } from './client.js';
export type {
  ClientOptionsBase,
  ConnectedClient,
  ConnectOptions,
  CreateClientOptions,
  CreateMultiClientOptions,
  MultiReleaseClient,
  VsphereClient,
} from './client-types.js';
export type { Credentials } from './auth/session.js';
export type { TlsOptions } from './tls-options.js';
export type { DispatcherLike } from './transport.js';
export type { RetryOptions } from './internal/retry.js';
export type { MergedDescriptor, ReleaseNewer } from './merged.js';
export type { PathApi, PathMethod, PathMethods, PathsWithMethod } from './path-types.js';
export type { AnyDescriptor, CallArgs, CallInit, CallOptions, OperationName, OpsOf, PathsOf, ResultOf } from './types.js';
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

// Releases: the contract generated packages implement, and release ids compared as versions.
export type { ApiStyle, HttpMethod, LazySchema, OperationSpec, ParameterSpec, ReleaseDescriptor } from './descriptor.js';
export { compareReleases } from './release.js';

// Decoding: the kit generated decoders are built with (and the zod namespace their declarations
// name), and `decode` for a body that did not come through a client (events, webhooks).
export type { z } from 'zod';
export {
  decode,
  schemaKit,
  checkKit,
  type Check,
  type SchemaKit,
  type DecodeIssue,
  type DecodeIssueCode,
  type DecodeMode,
  type DecodeOptions,
  type DecodeResult,
  type PathKey,
} from './decode/index.js';

// Tasks.
export {
  taskIdOf,
  type LocalizableMessage,
  type PollPolicy,
  type RunArgs,
  type RunOptions,
  type SyncTwinName,
  type Task,
  type TaskClock,
  type TaskDefaults,
  type TaskFilter,
  type TaskInfo,
  type TaskOperationName,
  type TaskProgress,
  type TaskResultOf,
  type TaskService,
  type TaskStatus,
  type WaitOptions,
} from './tasks/index.js';

// Errors: every class a call can throw, for `instanceof`.
export {
  AlreadyExists,
  AlreadyInDesiredState,
  Canceled,
  CertificateMismatch,
  ClientClosed,
  ConcurrentChange,
  ConnectionError,
  DecodeError,
  FeatureInUse,
  InternalServerError,
  InvalidArgument,
  InvalidElementConfiguration,
  InvalidElementType,
  InvalidRequest,
  NotAllowedInCurrentState,
  NotFound,
  OperationNotFound,
  ReleaseMismatch,
  RequestTimeout,
  ResourceBusy,
  ResourceInaccessible,
  ResourceInUse,
  ResponseTooLarge,
  ServiceUnavailable,
  TaskNotFound,
  TaskTimeout,
  TimedOut,
  TlsError,
  UnableToAllocateResource,
  Unauthenticated,
  Unauthorized,
  UnexpectedInput,
  UnexpectedResponse,
  Unsupported,
  UnverifiedPeer,
  UsageError,
  VsphereError,
  type ConnectionErrorKind,
  type ErrorContext,
  type ErrorKind,
  type ServerErrorKind,
  type TlsErrorKind,
  type UnknownServerKind,
  type UsageErrorKind,
  type VsphereErrorInit,
} from './errors.js';
