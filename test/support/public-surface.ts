/**
 * The runtime's public value exports, name by name: asserted against the index by
 * test/runtime/public-surface.packaging.test.ts and against the TypeDoc reference by
 * test/packages/jsdoc.packaging.test.ts. Adding a name here is the decision to make it public.
 */

/** Every error class a call can throw (for `instanceof`), and what users and generated packages call. */
export const ERROR_CLASSES = [
  'AlreadyExists',
  'AlreadyInDesiredState',
  'Canceled',
  'CertificateMismatch',
  'ClientClosed',
  'ConcurrentChange',
  'ConnectionError',
  'DecodeError',
  'FeatureInUse',
  'InternalServerError',
  'InvalidArgument',
  'InvalidElementConfiguration',
  'InvalidElementType',
  'InvalidRequest',
  'NotAllowedInCurrentState',
  'NotFound',
  'OperationNotFound',
  'ReleaseMismatch',
  'RequestTimeout',
  'ResourceBusy',
  'ResourceInaccessible',
  'ResourceInUse',
  'ResponseTooLarge',
  'ServiceUnavailable',
  'TaskNotFound',
  'TaskTimeout',
  'TimedOut',
  'TlsError',
  'UnableToAllocateResource',
  'Unauthenticated',
  'Unauthorized',
  'UnexpectedInput',
  'UnexpectedResponse',
  'Unsupported',
  'UnverifiedPeer',
  'UsageError',
  'VsphereError',
];
export const PUBLIC_VALUES = [
  ...ERROR_CLASSES,
  'checkKit', // the helpers of the checks every generated release hands its checks modules
  'compareReleases', // release ids compared as versions (`client.release` against '8.0.0')
  'connect',
  'createClient',
  'decode', // a body that did not come through a client (@vcenter-sdk/events)
  'schemaKit', // every generated release hands it to its decoders
  'taskIdOf', // the task behind an error of `wait`
].sort();

/** Helpers the index used to export: internal now (users never call them), reached by tests through their module. */
export const NOT_PUBLIC = [
  'buildUrl',
  'buildQuery',
  'repairQuery',
  'retryDelay',
  'parseRetryAfter',
  'resolveRetry',
  'pollDelay',
  'pollBounds',
  'pollUntilDone',
  'resolvePollPolicy',
  'systemClock',
  'parseTaskError',
  'findTaskEndpoints',
  'DEFAULT_POLL_POLICY',
  'Redactor',
  'REDACTED',
  'normalizeFingerprint',
  'parseVersion',
  'pickRelease',
  'HOT_AFTER',
  'INT64_CHECK',
  'jsonPath',
  'parseJson',
  'z',
];
