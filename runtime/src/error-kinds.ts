/**
 * Every `kind` a `VsphereError` can carry, as unions: the server's vAPI kinds, the client's own
 * (usage, connection, TLS...). Each error class fixes its kind from these.
 */
/** The vAPI standard error kinds a server names in `error_type` (or `/rest` `type`), each with its class. */
export type ServerErrorKind =
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'ALREADY_IN_DESIRED_STATE'
  | 'UNAUTHENTICATED'
  | 'UNAUTHORIZED'
  | 'INVALID_ARGUMENT'
  | 'INVALID_REQUEST'
  | 'INVALID_ELEMENT_TYPE'
  | 'INVALID_ELEMENT_CONFIGURATION'
  | 'SERVICE_UNAVAILABLE'
  | 'RESOURCE_BUSY'
  | 'RESOURCE_IN_USE'
  | 'RESOURCE_INACCESSIBLE'
  | 'CONCURRENT_CHANGE'
  | 'TIMED_OUT'
  | 'CANCELED'
  | 'NOT_ALLOWED_IN_CURRENT_STATE'
  | 'UNSUPPORTED'
  | 'FEATURE_IN_USE'
  | 'OPERATION_NOT_FOUND'
  | 'UNABLE_TO_ALLOCATE_RESOURCE'
  | 'UNEXPECTED_INPUT'
  | 'UNVERIFIED_PEER'
  | 'INTERNAL_SERVER_ERROR'
  | 'ERROR';

/**
 * An error type a server named that the runtime has no class for: kept as the server sent it
 * (upper-cased). Branded so that code cannot make one up: only the error parsers produce it.
 */
export type UnknownServerKind = string & { readonly __unknownServerKind: true };

/** The kinds of a client-side misuse: the message says what to change. */
export type UsageErrorKind =
  | 'USAGE'
  | 'INVALID_OPTIONS'
  | 'INVALID_OPTION'
  | 'UNKNOWN_OPTION'
  | 'INVALID_BASE_URL'
  | 'NO_RELEASES'
  | 'UNKNOWN_OPERATION'
  | 'MISSING_BODY'
  | 'MISSING_PATH_PARAMETER'
  | 'UNSAFE_PATH_PARAMETER'
  | 'UNKNOWN_PARAMETER'
  | 'INVALID_POLL_POLICY'
  | 'TASKS_UNSUPPORTED'
  | 'NOT_A_TASK_OPERATION'
  | 'MISSING_TASK_ID';

/** The kinds of a failed connection: the socket, a protocol mix-up, TLS verification, a pinned certificate. */
export type ConnectionErrorKind = 'CONNECTION' | 'PROTOCOL_MISMATCH' | TlsErrorKind;
export type TlsErrorKind = 'TLS' | 'CERTIFICATE_MISMATCH';

/** Every `kind` a `VsphereError` can carry. */
export type ErrorKind =
  | ServerErrorKind
  | UnknownServerKind
  | UsageErrorKind
  | ConnectionErrorKind
  | 'UNEXPECTED_RESPONSE'
  | 'REQUEST_TIMEOUT'
  | 'RESPONSE_TOO_LARGE'
  | 'RELEASE_MISMATCH'
  | 'CLIENT_CLOSED'
  | 'DECODE'
  | 'TASK_TIMEOUT';
