/**
 * One hierarchy of error classes, all deriving from `VsphereError`.
 *
 * Server errors are chosen by a data table from the `/api` `error_type`, or from the last
 * segment of the `/rest` `type` (`com.vmware.vapi.std.errors.not_found` → `NOT_FOUND`),
 * falling back on the HTTP status when the body names none (or is not JSON at all).
 */
import type { ApiStyle } from './descriptor.js';
import type { Redactor } from './redact.js';

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
  kind?: string | undefined;
  messages?: string[] | undefined;
  body?: unknown;
  cause?: unknown;
}

export class VsphereError extends Error {
  /** HTTP status; 0 when no response was received. */
  readonly status: number;
  /** The vAPI error kind: `NOT_FOUND`, `SERVICE_UNAVAILABLE`..., or a client-side kind (`REQUEST_TIMEOUT`, `TLS`...). */
  readonly kind: string;
  /** The `default_message` texts of the server's messages. */
  readonly messages: string[];
  readonly operation: string | undefined;
  readonly release: string | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  /** The raw (parsed if JSON, else text) response body, secrets redacted. */
  readonly body: unknown;

  constructor(message: string, init: VsphereErrorInit = {}) {
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
export class NotFound extends VsphereError {}
export class AlreadyExists extends VsphereError {}
export class AlreadyInDesiredState extends VsphereError {}
export class Unauthenticated extends VsphereError {}
export class Unauthorized extends VsphereError {}
export class InvalidArgument extends VsphereError {}
export class InvalidRequest extends VsphereError {}
export class InvalidElementType extends VsphereError {}
export class InvalidElementConfiguration extends VsphereError {}
export class ServiceUnavailable extends VsphereError {}
export class ResourceBusy extends VsphereError {}
export class ResourceInUse extends VsphereError {}
export class ResourceInaccessible extends VsphereError {}
export class ConcurrentChange extends VsphereError {}
export class TimedOut extends VsphereError {}
export class Canceled extends VsphereError {}
export class NotAllowedInCurrentState extends VsphereError {}
export class Unsupported extends VsphereError {}
export class FeatureInUse extends VsphereError {}
export class OperationNotFound extends VsphereError {}
export class UnableToAllocateResource extends VsphereError {}
export class UnexpectedInput extends VsphereError {}
export class UnverifiedPeer extends VsphereError {}
/** `INTERNAL_SERVER_ERROR` and the generic vAPI `ERROR`. */
export class InternalServerError extends VsphereError {}
/** A response the runtime cannot make sense of (unknown status, unparseable success body...). */
export class UnexpectedResponse extends VsphereError {}

// ---- client-side errors ----
/** The client-side timeout (`timeoutMs`) elapsed; distinct from the server's `TIMED_OUT`. */
export class RequestTimeout extends VsphereError {}
/** The connection failed or was reset before a response arrived. `code` is the socket/undici code (`ECONNRESET`, `UND_ERR_SOCKET`...). */
export class ConnectionError extends VsphereError {
  readonly code: string | undefined;
  constructor(message: string, init: VsphereErrorInit & { code?: string | undefined } = {}) {
    super(message, init);
    this.code = init.code;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), code: this.code };
  }
}
/** TLS verification failed (untrusted chain, wrong host name...). `fingerprint`: the server's SHA-256 certificate fingerprint, when it could be read. */
export class TlsError extends ConnectionError {
  readonly fingerprint: string | undefined;
  constructor(message: string, init: VsphereErrorInit & { code?: string | undefined; fingerprint?: string | undefined } = {}) {
    super(message, init);
    this.fingerprint = init.fingerprint;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), fingerprint: this.fingerprint };
  }
}
/** The server's certificate does not match the pinned thumbprint. */
export class CertificateMismatch extends TlsError {
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
export class UsageError extends VsphereError {}
/** A call on a client after `close()`. Not an `Unauthenticated`: logging in again cannot help; create a new client. */
export class ClientClosed extends VsphereError {}
export function closedError(): ClientClosed {
  return new ClientClosed('the client is closed (close() was called): create a new client to make further calls', { kind: 'CLIENT_CLOSED' });
}
/** The response was larger than `maxResponseBytes`; the connection was dropped without reading the rest. */
export class ResponseTooLarge extends VsphereError {
  readonly limit: number;
  constructor(message: string, init: VsphereErrorInit & { limit: number }) {
    super(message, init);
    this.limit = init.limit;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), limit: this.limit };
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

type ErrorClass = new (message: string, init?: VsphereErrorInit) => VsphereError;

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
export const STATUS_KINDS: Readonly<Record<number, string>> = {
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
const STATUS_OVERRIDES: Readonly<Record<number, string>> = {
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
export function errorKind(status: number, parsedKind: string | undefined): string {
  return STATUS_OVERRIDES[status] ?? parsedKind ?? STATUS_KINDS[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'UNEXPECTED_RESPONSE');
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
    kind,
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
