/**
 * The error for a non-2xx response: the kind is read from the body (`/api` `error_type`, or the
 * last segment of the `/rest` `type`), falling back on the HTTP status; the class comes from a table.
 */
import type { ApiStyle } from '../descriptor.js';
import type { ServerErrorKind, UnknownServerKind } from '../error-kinds.js';
import * as errors from '../errors.js';
import { UnexpectedResponse, type ErrorContext, type VsphereError, type VsphereErrorInit } from '../errors.js';
import type { Redactor } from '../redact.js';
import { ofKind } from './of-kind.js';

/** A kind as a server wrote it: one of the known kinds, or kept as an `UnknownServerKind`. */
const serverKind = (text: string): ServerErrorKind | UnknownServerKind => text as ServerErrorKind | UnknownServerKind;

/**
 * A class the error table picks for a kind. Each class takes only its own kinds; the table pairs
 * every kind with its class, so the kind it was looked up by is passed through `ofKind`.
 */
type ErrorClass = new (message: string, init?: VsphereErrorInit & { kind?: never }) => VsphereError;

/** The server error classes of errors.ts: the ones that declare `kinds`. */
type ServerErrorClasses = {
  [N in keyof typeof errors]: (typeof errors)[N] extends { readonly kinds: readonly (infer K)[] } ? K : never;
}[keyof typeof errors];
/** Compiles only while every `ServerErrorKind` has a class. */
const everyKindHasAClass: [ServerErrorKind] extends [ServerErrorClasses] ? true : never = true;
void everyKindHasAClass;

/** vAPI error kind → class, read off the classes: each under every kind it declares. */
export const ERROR_TABLE: Readonly<Record<string, ErrorClass>> = Object.fromEntries(
  Object.values(errors).flatMap((cls) =>
    'kinds' in cls ? (cls.kinds as readonly string[]).map((kind) => [kind, cls as unknown as ErrorClass]) : [],
  ),
);

/** HTTP status → kind, used when the body names no error type. */
const STATUS_KINDS: Readonly<Record<number, ServerErrorKind>> = {
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
    return { kind: undefined, messages: [], body: text.length > 4096 ? `${text.slice(0, 4096)}…` : text };
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
  return (
    STATUS_OVERRIDES[status] ??
    (parsedKind === undefined ? undefined : serverKind(parsedKind)) ??
    STATUS_KINDS[status] ??
    (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'UNEXPECTED_RESPONSE')
  );
}

function classForKind(kind: string): ErrorClass {
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
  const detail = parsed.messages.length ? parsed.messages.join('; ') : typeof parsed.body === 'string' ? parsed.body.slice(0, 200) : '';
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
