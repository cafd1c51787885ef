/**
 * One hierarchy of error classes, all deriving from `VsphereError`: one class per vAPI
 * standard error (each declaring the server kinds it carries), and the client's own.
 * Which class a response gets is internal/response-error.ts's job: its table is read off
 * the server error classes declared here.
 */
import type { DecodeIssue } from './decode/decode.js';
import type { ConnectionErrorKind, ErrorKind, ServerErrorKind, TlsErrorKind, UnknownServerKind, UsageErrorKind } from './error-kinds.js';
import { boundedBody } from './internal/body-depth.js';
import type { TaskStatus } from './tasks/status.js';

export type { ConnectionErrorKind, ErrorKind, ServerErrorKind, TlsErrorKind, UnknownServerKind, UsageErrorKind } from './error-kinds.js';

export interface ErrorContext {
  /** Operation name (`vcenter.vm.list`), or the path template for the path API. */
  operation?: string | undefined;
  release?: string | undefined;
  method?: string | undefined;
  /** Path template (never the filled-in URL with ids). */
  path?: string | undefined;
}

export interface VsphereErrorInit extends ErrorContext {
  status?: number | undefined;
  messages?: string[] | undefined;
  body?: unknown;
  cause?: unknown;
}

export class VsphereError extends Error {
  /** HTTP status; 0 when no response was received. */
  readonly status: number;
  /** The vAPI error kind: `NOT_FOUND`, `SERVICE_UNAVAILABLE`..., or a client-side kind (`REQUEST_TIMEOUT`, `TLS`...). */
  readonly kind: ErrorKind;
  /** The `default_message` texts of the server's messages. */
  readonly messages: string[];
  readonly operation: string | undefined;
  readonly release: string | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  /** The raw (parsed if JSON, else text) response body, secrets redacted. */
  readonly body: unknown;

  constructor(message: string, init: VsphereErrorInit & { kind?: ErrorKind | undefined } = {}) {
    super(message, init.cause !== undefined ? { cause: init.cause } : undefined);
    this.name = new.target.name;
    this.status = init.status ?? 0;
    this.kind = init.kind ?? 'ERROR';
    this.messages = init.messages ?? [];
    this.operation = init.operation;
    this.release = init.release;
    this.method = init.method;
    this.path = init.path;
    this.body = boundedBody(init.body);
    // `cause` is not enumerable, so JSON.stringify never serializes it.
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      kind: this.kind,
      messages: this.messages,
      operation: this.operation,
      release: this.release,
      method: this.method,
      path: this.path,
      body: this.body,
    };
  }
}

// ---- server error kinds (vAPI standard errors) ----
/**
 * What a class of vAPI standard errors extends: a `VsphereError` of its `kinds` (from
 * `ServerErrorKind`), the first its default. With one kind, the kind is fixed whatever the
 * caller passes; with several, the caller's is kept if it is one of them. `kinds` is static,
 * so the error table (internal/response-error.ts) is read off the classes, each declared once.
 */
interface ServerErrorClass<K extends ServerErrorKind, Given extends ErrorKind> {
  new (message: string, init?: VsphereErrorInit & { kind?: Given | undefined }): ServerError<K>;
  readonly kinds: readonly K[];
}
/** A `VsphereError` whose `kind` is exactly `K` (an intersection with `ErrorKind` would keep its branded member). */
interface ServerError<K extends ServerErrorKind> extends VsphereError {
  readonly kind: K;
}

function serverError<const K extends readonly [ServerErrorKind, ...ServerErrorKind[]]>(
  ...kinds: K
): ServerErrorClass<K[number], K['length'] extends 1 ? ErrorKind : K[number]> {
  return class extends VsphereError {
    static readonly kinds: readonly K[number][] = kinds;
    constructor(message: string, init: VsphereErrorInit & { kind?: ErrorKind | undefined } = {}) {
      const given = init.kind as K[number] | undefined;
      super(message, { ...init, kind: given !== undefined && kinds.includes(given) ? given : kinds[0] });
    }
    // The class's `kind` is `ErrorKind` to the compiler; the interface states the narrower kinds it sets.
  } as never;
}

export class NotFound extends serverError('NOT_FOUND') {}
export class AlreadyExists extends serverError('ALREADY_EXISTS') {}
export class AlreadyInDesiredState extends serverError('ALREADY_IN_DESIRED_STATE') {}
export class Unauthenticated extends serverError('UNAUTHENTICATED') {}
export class Unauthorized extends serverError('UNAUTHORIZED') {}
export class InvalidArgument extends serverError('INVALID_ARGUMENT') {}
export class InvalidRequest extends serverError('INVALID_REQUEST') {}
export class InvalidElementType extends serverError('INVALID_ELEMENT_TYPE') {}
export class InvalidElementConfiguration extends serverError('INVALID_ELEMENT_CONFIGURATION') {}
export class ServiceUnavailable extends serverError('SERVICE_UNAVAILABLE') {}
export class ResourceBusy extends serverError('RESOURCE_BUSY') {}
export class ResourceInUse extends serverError('RESOURCE_IN_USE') {}
export class ResourceInaccessible extends serverError('RESOURCE_INACCESSIBLE') {}
export class ConcurrentChange extends serverError('CONCURRENT_CHANGE') {}
export class TimedOut extends serverError('TIMED_OUT') {}
export class Canceled extends serverError('CANCELED') {}
export class NotAllowedInCurrentState extends serverError('NOT_ALLOWED_IN_CURRENT_STATE') {}
export class Unsupported extends serverError('UNSUPPORTED') {}
export class FeatureInUse extends serverError('FEATURE_IN_USE') {}
export class OperationNotFound extends serverError('OPERATION_NOT_FOUND') {}
export class UnableToAllocateResource extends serverError('UNABLE_TO_ALLOCATE_RESOURCE') {}
export class UnexpectedInput extends serverError('UNEXPECTED_INPUT') {}
export class UnverifiedPeer extends serverError('UNVERIFIED_PEER') {}
/** `INTERNAL_SERVER_ERROR` and the generic vAPI `ERROR`. */
export class InternalServerError extends serverError('INTERNAL_SERVER_ERROR', 'ERROR') {}
/**
 * A response the runtime cannot make sense of (unknown status, unparseable success body...):
 * `UNEXPECTED_RESPONSE`, or the server's own error type when the runtime has no class for it.
 */
export class UnexpectedResponse extends VsphereError {
  declare readonly kind: 'UNEXPECTED_RESPONSE' | UnknownServerKind;
  constructor(message: string, init: VsphereErrorInit & { kind?: 'UNEXPECTED_RESPONSE' | UnknownServerKind | undefined } = {}) {
    super(message, { ...init, kind: init.kind ?? 'UNEXPECTED_RESPONSE' });
  }
}

// ---- client-side errors ----
/** The client-side timeout (`timeoutMs`) elapsed; distinct from the server's `TIMED_OUT`. */
export class RequestTimeout extends VsphereError {
  override readonly kind = 'REQUEST_TIMEOUT' as const;
}
/** The connection failed or was reset before a response arrived. `code` is the socket/undici code (`ECONNRESET`, `UND_ERR_SOCKET`...). */
export class ConnectionError extends VsphereError {
  declare readonly kind: ConnectionErrorKind;
  readonly code: string | undefined;
  constructor(message: string, init: VsphereErrorInit & { kind?: ConnectionErrorKind | undefined; code?: string | undefined } = {}) {
    super(message, { ...init, kind: init.kind ?? 'CONNECTION' });
    this.code = init.code;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), code: this.code };
  }
}
/** TLS verification failed (untrusted chain, wrong host name...). `fingerprint`: the server's SHA-256 certificate fingerprint, when it could be read. */
export class TlsError extends ConnectionError {
  declare readonly kind: TlsErrorKind;
  readonly fingerprint: string | undefined;
  constructor(
    message: string,
    init: VsphereErrorInit & { kind?: TlsErrorKind | undefined; code?: string | undefined; fingerprint?: string | undefined } = {},
  ) {
    super(message, { ...init, kind: init.kind ?? 'TLS' });
    this.fingerprint = init.fingerprint;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), fingerprint: this.fingerprint };
  }
}
/** The server's certificate does not match the pinned thumbprint. */
export class CertificateMismatch extends TlsError {
  override readonly kind = 'CERTIFICATE_MISMATCH' as const;
  readonly expected: string;
  readonly actual: string;
  constructor(message: string, init: VsphereErrorInit & { code?: string; expected: string; actual: string }) {
    super(message, init);
    this.expected = init.expected;
    this.actual = init.actual;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), expected: this.expected, actual: this.actual };
  }
}
/** None of the client's releases fits the server. */
export class ReleaseMismatch extends VsphereError {
  override readonly kind = 'RELEASE_MISMATCH' as const;
  readonly serverRelease: string | undefined;
  readonly clientReleases: string[];
  constructor(message: string, init: VsphereErrorInit & { serverRelease?: string | undefined; clientReleases: string[] }) {
    super(message, init);
    this.serverRelease = init.serverRelease;
    this.clientReleases = init.clientReleases;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), serverRelease: this.serverRelease, clientReleases: this.clientReleases };
  }
}
/** A client-side misuse: unknown operation, missing required path parameter, a bad option... The message says what to change. */
export class UsageError extends VsphereError {
  declare readonly kind: UsageErrorKind;
  constructor(message: string, init: VsphereErrorInit & { kind?: UsageErrorKind | undefined } = {}) {
    super(message, { ...init, kind: init.kind ?? 'USAGE' });
  }
}
/** A call on a client after `close()`. Not an `Unauthenticated`: logging in again cannot help; create a new client. */
export class ClientClosed extends VsphereError {
  override readonly kind = 'CLIENT_CLOSED' as const;
  constructor(message = 'the client is closed (close() was called): create a new client to make further calls', init: ErrorContext = {}) {
    super(message, init);
  }
}
/** The response was larger than `maxResponseBytes`; the connection was dropped without reading the rest. */
export class ResponseTooLarge extends VsphereError {
  override readonly kind = 'RESPONSE_TOO_LARGE' as const;
  readonly limit: number;
  constructor(message: string, init: VsphereErrorInit & { limit: number }) {
    super(message, init);
    this.limit = init.limit;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), limit: this.limit };
  }
}

/** The response does not match the spec (`decode: 'strict'`); `issues` lists every deviation. */
export class DecodeError extends VsphereError {
  override readonly kind = 'DECODE' as const;
  declare readonly operation: string;
  declare readonly release: string;
  readonly issues: readonly DecodeIssue[];

  constructor(issues: readonly DecodeIssue[], operation: string, release: string) {
    const shown = issues
      .slice(0, 5)
      .map((i) => `${i.path}: ${i.message}`)
      .join('; ');
    const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
    super(`${operation} (${release}): response does not match the spec: ${shown}${more}`, { operation, release });
    this.issues = issues;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), issues: this.issues };
  }
}

// ---- errors of watching a task ----
/** The task answered 404: it never existed, was purged, or vanished while watched. */
export class TaskNotFound extends VsphereError {
  override readonly kind = 'NOT_FOUND' as const;
  readonly taskId: string;
  constructor(message: string, init: VsphereErrorInit & { taskId: string }) {
    super(message, init);
    this.taskId = init.taskId;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), taskId: this.taskId };
  }
}

/** `wait({ timeoutMs })` elapsed before the task ended (the task itself may still be running). */
export class TaskTimeout extends VsphereError {
  override readonly kind = 'TASK_TIMEOUT' as const;
  readonly taskId: string;
  readonly timeoutMs: number;
  /** Last status seen, if any. */
  readonly lastStatus: TaskStatus | undefined;
  constructor(message: string, init: VsphereErrorInit & { taskId: string; timeoutMs: number; lastStatus: TaskStatus | undefined }) {
    super(message, init);
    this.taskId = init.taskId;
    this.timeoutMs = init.timeoutMs;
    this.lastStatus = init.lastStatus;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), taskId: this.taskId, timeoutMs: this.timeoutMs, lastStatus: this.lastStatus };
  }
}
