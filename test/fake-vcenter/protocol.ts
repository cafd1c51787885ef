/**
 * Shared vocabulary of the fake: the request record, route handlers and replies,
 * and the two error shapes of the vSphere Automation API (`/api` and legacy `/rest`).
 */
import type { IncomingHttpHeaders } from 'node:http';

/** One request as the fake received it (also the entry type of `fake.requests`). */
export interface FakeRequest {
  method: string;
  /** pathname + search, exactly as sent. */
  path: string;
  /** Header names lowercased (as node:http gives them). */
  headers: IncomingHttpHeaders;
  /** Raw body text ('' when none). */
  body: string;
}

export type Style = 'api' | 'rest';

/** What a route handler gets. */
export interface RouteContext extends FakeRequest {
  pathname: string;
  query: URLSearchParams;
  /** `{name}` placeholders of the route pattern, URI-decoded. */
  params: Record<string, string>;
  /** `rest` for `/rest/...` paths, `api` otherwise. */
  style: Style;
  /** The live session id of the caller, when the route needed one. */
  sessionId?: string;
  /** The body parsed as JSON (undefined when empty); throws a 400 INVALID_REQUEST reply on bad JSON. */
  json<T = any>(): T;
}

/**
 * A reply. `body`: a string is sent verbatim (so raw JSON text such as
 * `{"n": 9007199254740993}` survives; a bare JSON string must be given already encoded:
 * `JSON.stringify(id)`), anything else is JSON-encoded, undefined sends no body.
 * Content-Type defaults to application/json when the body is JSON (objects, or strings that
 * parse as JSON), text/html for strings starting with `<`, text/plain otherwise.
 */
export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string | string[]>;
}

export type Handler = (ctx: RouteContext) => Reply | Promise<Reply>;

export interface Message {
  id: string;
  default_message: string;
  args: string[];
}

/** HTTP status the vSphere API uses for each standard error type. */
export const ERROR_STATUS: Record<string, number> = {
  ALREADY_EXISTS: 400,
  ALREADY_IN_DESIRED_STATE: 400,
  CANCELED: 500,
  CONCURRENT_CHANGE: 409,
  ERROR: 500,
  FEATURE_IN_USE: 400,
  INTERNAL_SERVER_ERROR: 500,
  INVALID_ARGUMENT: 400,
  INVALID_ELEMENT_CONFIGURATION: 400,
  INVALID_ELEMENT_TYPE: 400,
  INVALID_REQUEST: 400,
  NOT_ALLOWED_IN_CURRENT_STATE: 400,
  NOT_FOUND: 404,
  OPERATION_NOT_FOUND: 404,
  RESOURCE_BUSY: 500,
  RESOURCE_IN_USE: 400,
  RESOURCE_INACCESSIBLE: 500,
  SERVICE_UNAVAILABLE: 503,
  TIMED_OUT: 504,
  UNABLE_TO_ALLOCATE_RESOURCE: 500,
  UNAUTHENTICATED: 401,
  UNAUTHORIZED: 403,
  UNEXPECTED_INPUT: 400,
  UNSUPPORTED: 400,
};

export function message(text: string, id = 'com.vmware.fake.message', args: string[] = []): Message {
  return { id, default_message: text, args };
}

function messages(text?: string | Message[]): Message[] {
  if (text === undefined) return [];
  return typeof text === 'string' ? [message(text)] : text;
}

/** `/api` error body: `{"error_type": "NOT_FOUND", "messages": [...]}`. */
export function apiError(type: string, text?: string | Message[]): { error_type: string; messages: Message[] } {
  return { error_type: type, messages: messages(text) };
}

/** `/rest` error body: `{"type": "com.vmware.vapi.std.errors.not_found", "value": {"messages": [...]}}`. */
export function restError(type: string, text?: string | Message[]): { type: string; value: { messages: Message[] } } {
  return { type: `com.vmware.vapi.std.errors.${type.toLowerCase()}`, value: { messages: messages(text) } };
}

/** An error reply in the style of the path, with the status the API uses for that error type. */
export function errorReply(style: Style, type: string, text?: string | Message[], status?: number): Reply {
  return {
    status: status ?? ERROR_STATUS[type] ?? 500,
    body: style === 'rest' ? restError(type, text) : apiError(type, text),
  };
}

/** Thrown inside handlers to answer with an error (caught by the server). */
export class ReplyError extends Error {
  constructor(readonly reply: Reply) {
    super(`reply ${reply.status}`);
  }
}

export function styleOf(pathname: string): Style {
  return pathname === '/rest' || pathname.startsWith('/rest/') ? 'rest' : 'api';
}

/** `/rest` bodies are wrapped in `{"value": ...}`; `/api` ones are bare. */
export function wrap(style: Style, value: unknown): unknown {
  return style === 'rest' ? { value } : value;
}

/** Values of a repeated query parameter under any of the given names (`names`, `filter.names`...). */
export function queryList(query: URLSearchParams, ...names: string[]): string[] | undefined {
  const out: string[] = [];
  let seen = false;
  for (const n of names) {
    for (const v of query.getAll(n)) {
      seen = true;
      out.push(...v.split(',').filter((s) => s !== ''));
    }
  }
  return seen ? out : undefined;
}
