/**
 * One hierarchy of error classes, all deriving from `VsphereError`.
 *
 * Server errors are chosen by a data table from the `/api` `error_type`, or from the last
 * segment of the `/rest` `type` (`com.vmware.vapi.std.errors.not_found` → `NOT_FOUND`),
 * falling back on the HTTP status when the body names none (or is not JSON at all).
 */
import type { DecodeIssue } from './decode/decode.js';
import type { ApiStyle } from './descriptor.js';
import { ofKind } from './internal/of-kind.js';
import type { Redactor } from './redact.js';
import type { TaskStatus } from './hooks.js';

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

/** A kind as a server wrote it: one of the known kinds, or kept as an `UnknownServerKind`. */
const serverKind = (text: string): ServerErrorKind | UnknownServerKind => text as ServerErrorKind | UnknownServerKind;

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
export class NotFound extends VsphereError {
  override readonly kind = 'NOT_FOUND' as const;
}
export class AlreadyExists extends VsphereError {
  override readonly kind = 'ALREADY_EXISTS' as const;
}
export class AlreadyInDesiredState extends VsphereError {
  override readonly kind = 'ALREADY_IN_DESIRED_STATE' as const;
}
export class Unauthenticated extends VsphereError {
  override readonly kind = 'UNAUTHENTICATED' as const;
}
export class Unauthorized extends VsphereError {
  override readonly kind = 'UNAUTHORIZED' as const;
}
export class InvalidArgument extends VsphereError {
  override readonly kind = 'INVALID_ARGUMENT' as const;
}
export class InvalidRequest extends VsphereError {
  override readonly kind = 'INVALID_REQUEST' as const;
}
export class InvalidElementType extends VsphereError {
  override readonly kind = 'INVALID_ELEMENT_TYPE' as const;
}
export class InvalidElementConfiguration extends VsphereError {
  override readonly kind = 'INVALID_ELEMENT_CONFIGURATION' as const;
}
export class ServiceUnavailable extends VsphereError {
  override readonly kind = 'SERVICE_UNAVAILABLE' as const;
}
export class ResourceBusy extends VsphereError {
  override readonly kind = 'RESOURCE_BUSY' as const;
}
export class ResourceInUse extends VsphereError {
  override readonly kind = 'RESOURCE_IN_USE' as const;
}
export class ResourceInaccessible extends VsphereError {
  override readonly kind = 'RESOURCE_INACCESSIBLE' as const;
}
export class ConcurrentChange extends VsphereError {
  override readonly kind = 'CONCURRENT_CHANGE' as const;
}
export class TimedOut extends VsphereError {
  override readonly kind = 'TIMED_OUT' as const;
}
export class Canceled extends VsphereError {
  override readonly kind = 'CANCELED' as const;
}
export class NotAllowedInCurrentState extends VsphereError {
  override readonly kind = 'NOT_ALLOWED_IN_CURRENT_STATE' as const;
}
export class Unsupported extends VsphereError {
  override readonly kind = 'UNSUPPORTED' as const;
}
export class FeatureInUse extends VsphereError {
  override readonly kind = 'FEATURE_IN_USE' as const;
}
export class OperationNotFound extends VsphereError {
  override readonly kind = 'OPERATION_NOT_FOUND' as const;
}
export class UnableToAllocateResource extends VsphereError {
  override readonly kind = 'UNABLE_TO_ALLOCATE_RESOURCE' as const;
}
export class UnexpectedInput extends VsphereError {
  override readonly kind = 'UNEXPECTED_INPUT' as const;
}
export class UnverifiedPeer extends VsphereError {
  override readonly kind = 'UNVERIFIED_PEER' as const;
}
/** `INTERNAL_SERVER_ERROR` and the generic vAPI `ERROR`. */
export class InternalServerError extends VsphereError {
  declare readonly kind: 'INTERNAL_SERVER_ERROR' | 'ERROR';
  constructor(message: string, init: VsphereErrorInit & { kind?: 'INTERNAL_SERVER_ERROR' | 'ERROR' | undefined } = {}) {
    super(message, { ...init, kind: init.kind ?? 'INTERNAL_SERVER_ERROR' });
  }
}
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
  constructor(message: string, init: VsphereErrorInit & { kind?: TlsErrorKind | undefined; code?: string | undefined; fingerprint?: string | undefined } = {}) {
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
}
export function closedError(): ClientClosed {
  return new ClientClosed('the client is closed (close() was called): create a new client to make further calls');
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

/** Deeper than this, a body is not kept as parsed JSON (it could not be logged or stringified safely). */
export const MAX_BODY_DEPTH = 32;

/** Whether a parsed JSON value nests deeper than `max` (iterative: it never overflows the stack). */
export function deeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (d >= max) return true;
    for (const child of Object.values(v)) if (child && typeof child === 'object') stack.push([child, d + 1]);
  }
  return false;
}

/** An error's body, safe to keep, log and `JSON.stringify`: too deep a structure becomes a note. */
function boundedBody(body: unknown): unknown {
  if (!body || typeof body !== 'object') return body;
  return deeperThan(body, MAX_BODY_DEPTH) ? `[body nested deeper than ${MAX_BODY_DEPTH} levels: not kept]` : body;
}

/**
 * A class the error table picks for a kind. Each class takes only its own kinds; the table pairs
 * every kind with its class, so the kind it was looked up by is passed through `ofKind`.
 */
type ErrorClass = new (message: string, init?: VsphereErrorInit & { kind?: never }) => VsphereError;


/** vAPI error kind → class. */
export const ERROR_TABLE: Readonly<Record<string, ErrorClass>> = {
  NOT_FOUND: NotFound,
  ALREADY_EXISTS: AlreadyExists,
  ALREADY_IN_DESIRED_STATE: AlreadyInDesiredState,
  UNAUTHENTICATED: Unauthenticated,
  UNAUTHORIZED: Unauthorized,
  INVALID_ARGUMENT: InvalidArgument,
  INVALID_REQUEST: InvalidRequest,
  INVALID_ELEMENT_TYPE: InvalidElementType,
  INVALID_ELEMENT_CONFIGURATION: InvalidElementConfiguration,
  SERVICE_UNAVAILABLE: ServiceUnavailable,
  RESOURCE_BUSY: ResourceBusy,
  RESOURCE_IN_USE: ResourceInUse,
  RESOURCE_INACCESSIBLE: ResourceInaccessible,
  CONCURRENT_CHANGE: ConcurrentChange,
  TIMED_OUT: TimedOut,
  CANCELED: Canceled,
  NOT_ALLOWED_IN_CURRENT_STATE: NotAllowedInCurrentState,
  UNSUPPORTED: Unsupported,
  FEATURE_IN_USE: FeatureInUse,
  OPERATION_NOT_FOUND: OperationNotFound,
  UNABLE_TO_ALLOCATE_RESOURCE: UnableToAllocateResource,
  UNEXPECTED_INPUT: UnexpectedInput,
  UNVERIFIED_PEER: UnverifiedPeer,
  INTERNAL_SERVER_ERROR: InternalServerError,
  ERROR: InternalServerError,
};

/** HTTP status → kind, used when the body names no error type. */
export const STATUS_KINDS: Readonly<Record<number, ServerErrorKind>> = {
  400: 'INVALID_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'UNAUTHORIZED',
  404: 'NOT_FOUND',
  409: 'CONCURRENT_CHANGE',
  429: 'RESOURCE_BUSY',
  500: 'INTERNAL_SERVER_ERROR',
  503: 'SERVICE_UNAVAILABLE',
  504: 'TIMED_OUT',
};

/** Statuses whose meaning wins over whatever the body says (the session machinery depends on them). */
const STATUS_OVERRIDES: Readonly<Record<number, ServerErrorKind>> = {
  401: 'UNAUTHENTICATED',
  403: 'UNAUTHORIZED',
  503: 'SERVICE_UNAVAILABLE',
};

export interface ParsedErrorBody {
  kind: string | undefined;
  messages: string[];
  /** Parsed JSON, or the text when not JSON, or undefined when empty. */
  body: unknown;
}

function messagesOf(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  const out: string[] = [];
  for (const m of list) {
    if (typeof m === 'string') out.push(m);
    else if (m && typeof m === 'object') {
      const d = (m as Record<string, unknown>).default_message ?? (m as Record<string, unknown>).defaultMessage;
      if (typeof d === 'string') out.push(d);
    }
  }
  return out;
}

/** Read the kind and messages out of either error shape. Never throws. */
export function parseErrorBody(text: string): ParsedErrorBody {
  if (!text.trim()) return { kind: undefined, messages: [], body: undefined };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { kind: undefined, messages: [], body: text.length > 4096 ? text.slice(0, 4096) + '…' : text };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { kind: undefined, messages: [], body };
  const o = body as Record<string, unknown>;
  // /api: {"error_type": "NOT_FOUND", "messages": [...]}
  if (typeof o.error_type === 'string') {
    return { kind: o.error_type.toUpperCase(), messages: messagesOf(o.messages), body };
  }
  // /rest: {"type": "com.vmware.vapi.std.errors.not_found", "value": {"messages": [...]}}
  if (typeof o.type === 'string' && o.type.includes('.')) {
    const last = o.type.slice(o.type.lastIndexOf('.') + 1);
    const v = o.value as Record<string, unknown> | undefined;
    return { kind: last.toUpperCase(), messages: messagesOf(v && typeof v === 'object' ? v.messages : undefined), body };
  }
  // Some endpoints answer {"value": {"error_type"/"messages"}} or a bare {"messages": [...]}.
  if (o.value && typeof o.value === 'object') {
    const v = o.value as Record<string, unknown>;
    if (typeof v.error_type === 'string') return { kind: v.error_type.toUpperCase(), messages: messagesOf(v.messages), body };
  }
  return { kind: undefined, messages: messagesOf(o.messages), body };
}

/** The kind of a non-2xx response (status override, then body, then status). */
export function errorKind(status: number, parsedKind: string | undefined): ServerErrorKind | UnknownServerKind | 'UNEXPECTED_RESPONSE' {
  return STATUS_OVERRIDES[status] ?? (parsedKind === undefined ? undefined : serverKind(parsedKind)) ?? STATUS_KINDS[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'UNEXPECTED_RESPONSE');
}

export function classForKind(kind: string): ErrorClass {
  return ERROR_TABLE[kind] ?? UnexpectedResponse;
}

export interface ResponseErrorInput extends ErrorContext {
  status: number;
  text: string;
  style?: ApiStyle | undefined;
  redactor?: Redactor | undefined;
}

/** Build the error for a non-2xx response. Secrets are redacted from the message and body. */
export function errorFromResponse(input: ResponseErrorInput): VsphereError {
  const parsed = parseErrorBody(input.text);
  const kind = errorKind(input.status, parsed.kind);
  const Cls = classForKind(kind);
  const where = input.operation ?? `${input.method ?? ''} ${input.path ?? ''}`.trim();
  const detail = parsed.messages.length
    ? parsed.messages.join('; ')
    : typeof parsed.body === 'string'
      ? parsed.body.slice(0, 200)
      : '';
  let message = `${where}: HTTP ${input.status} ${kind}${detail ? `: ${detail}` : ''}`;
  if (input.release) message += ` (release ${input.release})`;
  const r = input.redactor;
  return new Cls(r ? r.string(message) : message, {
    status: input.status,
    kind: ofKind(kind),
    messages: r ? parsed.messages.map((m) => r.string(m)) : parsed.messages,
    operation: input.operation,
    release: input.release,
    method: input.method,
    path: input.path,
    body: r ? r.value(parsed.body) : parsed.body,
  });
}

/** An `AbortError` DOMException, as `fetch` raises it. */
export function abortError(signal?: AbortSignal): unknown {
  if (signal?.reason !== undefined) return signal.reason;
  return new DOMException('This operation was aborted', 'AbortError');
}
