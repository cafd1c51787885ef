/**
 * Calling an operation by name: URL + body from the operation table, the pipeline for the
 * exchange, then the response (response.ts). Operations are found by operation-index.ts.
 */
import type { OperationSpec, ReleaseDescriptor } from './descriptor.js';
import type { DecodeMode } from './decode/index.js';
import { UsageError } from './errors.js';
import { stringifyJson } from './internal/lossless.js';
import type { Hooks } from './hooks.js';
import type { Pipeline } from './pipeline.js';
import { resolveOperation, type ReleaseSet } from './release-set.js';
import type { Redactor } from './redact.js';
import type { SpanRef } from './tracing/otel.js';
import { isIdempotent } from './internal/retry.js';
import { compileUrl, expandUrl, type UrlTemplate } from './internal/url.js';
import { handleResponse } from './response.js';

/** What an operation call needs from its client. */
export interface CallContext {
  baseUrl: string;
  descriptor: ReleaseDescriptor<any, any>;
  /** Every descriptor the client knows (connect keeps all given ones), by release id. */
  descriptors: ReadonlyMap<string, ReleaseDescriptor<any, any>>;
  /** Several releases: which one serves each operation (release-set.ts). Absent for a one-release client. */
  releases?: ReleaseSet | undefined;
  pipeline: Pipeline;
  redactor: Redactor;
  hooks?: Hooks | undefined;
  decode: DecodeMode;
  int64: 'number' | 'bigint';
  versionHeader: string;
  /** Report fields the release does not declare (`undeclared_field` issues). */
  reportUndeclared?: boolean | undefined;
}

export interface CallInitLoose {
  path?: Record<string, unknown> | undefined;
  query?: Record<string, unknown> | undefined;
  body?: unknown;
  headers?: Record<string, string> | undefined;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
}

const urlTemplates = new WeakMap<OperationSpec, UrlTemplate>();

/** The operation's URL template, parsed on its first call, with the query parameters it declares (a caller's other key is refused). */
function urlTemplate(op: OperationSpec): UrlTemplate {
  let t = urlTemplates.get(op);
  if (!t) {
    const queryNames = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
    urlTemplates.set(op, (t = compileUrl(op.pathname, op.query, queryNames)));
  }
  return t;
}

/** The body on the wire: JSON, or a form for the operations that take one (the OAuth token endpoint). */
function encodeBody(op: OperationSpec, init: CallInitLoose): { body: string | undefined; headers: Record<string, string> | undefined } {
  if (op.bodyMediaType !== 'application/x-www-form-urlencoded' || init.body === undefined)
    return { body: serializeBody(init.body), headers: init.headers };
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(init.body as Record<string, unknown>)) {
    for (const item of Array.isArray(v) ? v : [v]) if (item !== undefined && item !== null) form.append(k, String(item));
  }
  return { body: form.toString(), headers: { ...init.headers, 'content-type': op.bodyMediaType } };
}

function serializeBody(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  // lossless-json writes bigint (int64 beyond 2^53) as a plain JSON number.
  return stringifyJson(body) ?? undefined;
}

/** Runtime-internal knobs of a call (tasks use them for polls): the parent span, a decode override. */
export interface CallInternals {
  trace?: SpanRef | undefined;
  decode?: DecodeMode | undefined;
}

export async function callOperation(
  client: CallContext,
  name: string,
  init: CallInitLoose = {},
  internals?: CallInternals,
): Promise<unknown> {
  // The release that serves the call: the client's, or with several releases the newest that has it.
  const { ctx, op } = resolveOperation(client, name);
  const url = expandUrl(urlTemplate(op), ctx.baseUrl, name, init.path, init.query);
  if (op.bodyRequired && init.body === undefined) {
    throw new UsageError(`${name}: a request body is required`, { operation: name, release: ctx.descriptor.release, kind: 'MISSING_BODY' });
  }
  const res = await ctx.pipeline.run({
    operation: name,
    path: op.path,
    method: op.method,
    url,
    ...encodeBody(op, init),
    idempotent: isIdempotent(op.method, op.idempotent),
    authenticated: true,
    signal: init.signal,
    timeoutMs: init.timeoutMs,
    trace: internals?.trace,
    release: ctx.descriptor.release,
  });
  return handleResponse(internals?.decode ? { ...ctx, decode: internals.decode } : ctx, op, res);
}
