/**
 * Calling an operation by name: URL + body from the operation table, the pipeline for the
 * exchange, then the response: errors from the error table, `/rest` unwrapping, int64-aware
 * parsing and decoding with the descriptor of the release the response speaks.
 */
import type { OperationSpec, ReleaseDescriptor } from './descriptor.js';
import { decode, parseJson, type DecodeMode } from './decode/index.js';
import { UnexpectedResponse, UsageError, VsphereError } from './errors.js';
import { stringifyJson } from './internal/lossless.js';
import { errorFromResponse } from './internal/response-error.js';
import { callHook, type Hooks } from './hooks.js';
import type { Pipeline } from './pipeline.js';
import { resolveOperation, type ReleaseSet } from './release-set.js';
import type { Redactor } from './redact.js';
import type { SpanRef } from './tracing/otel.js';
import { isIdempotent } from './internal/retry.js';
import type { WireResponse } from './transport.js';
import { compileUrl, expandUrl, type UrlTemplate } from './internal/url.js';
import { didYouMean, suggest } from './internal/suggest.js';

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

const indexes = new WeakMap<object, Map<string, OperationSpec>>();

/** name → operation, built once per descriptor. */
export function operationIndex(d: ReleaseDescriptor<any, any>): Map<string, OperationSpec> {
  let m = indexes.get(d);
  if (!m) {
    m = new Map(d.operations.map((o) => [o.name, o]));
    indexes.set(d, m);
  }
  return m;
}

/** The operation named `name`, or the one error for an unknown name. */
export function findOperation(d: ReleaseDescriptor<any, any>, name: string): OperationSpec {
  const op = operationIndex(d).get(name);
  if (op) return op;
  throw unknownOperation(name, [d]);
}

/** The one error for a name that none of `searched` has, with the nearest names they have. */
export function unknownOperation(name: string, searched: readonly ReleaseDescriptor<any, any>[]): UsageError {
  const names = new Set(searched.flatMap((d) => [...operationIndex(d).keys()]));
  const hint = didYouMean(suggest(name, names));
  const where =
    searched.length === 1
      ? ` in release ${searched[0]!.release}`
      : `: none of the releases searched has it (${searched.map((d) => d.release).join(', ')})`;
  return new UsageError(`unknown operation '${name}'${where}${hint}`, {
    operation: name,
    release: searched[0]?.release,
    kind: 'UNKNOWN_OPERATION',
  });
}

const pathIndexes = new WeakMap<object, Map<string, OperationSpec>>();

/** `METHOD path-key` → operation (the path key as the spec and openapi-typescript spell it). */
export function operationByPath(d: ReleaseDescriptor<any, any>, method: string, pathKey: string): OperationSpec | undefined {
  let m = pathIndexes.get(d);
  if (!m) {
    m = new Map();
    for (const o of d.operations) {
      m.set(`${o.method} ${o.path}`, o);
      if (!m.has(`${o.method} ${o.pathname}`) && Object.keys(o.query).length === 0) m.set(`${o.method} ${o.pathname}`, o);
    }
    pathIndexes.set(d, m);
  }
  return m.get(`${method.toUpperCase()} ${pathKey}`);
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

export function serializeBody(body: unknown): string | undefined {
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

/** The descriptor to decode a response with: the release the response names, when the client has it. */
export function responseDescriptor(
  ctx: CallContext,
  op: OperationSpec,
  res: WireResponse,
): { descriptor: ReleaseDescriptor<any, any>; op: OperationSpec } {
  const named = res.headers[ctx.versionHeader.toLowerCase()];
  const own = ctx.descriptor;
  if (!named || named === own.release) return { descriptor: own, op };
  const other = ctx.descriptors.get(named);
  const otherOp = other ? operationIndex(other).get(op.name) : undefined;
  if (other && otherOp) return { descriptor: other, op: otherOp };
  callHook(ctx.hooks, 'onWarning', {
    code: 'RELEASE_HEADER_UNKNOWN',
    message: `${op.name}: the response names release ${named}, which this client ${other ? 'has without this operation' : 'does not have'}; decoded with ${own.release}`,
    operation: op.name,
    release: own.release,
    responseRelease: named,
  });
  return { descriptor: own, op };
}

function fail(ctx: CallContext, op: OperationSpec, err: VsphereError, attempt: number): never {
  callHook(ctx.hooks, 'onError', {
    operation: op.name,
    release: ctx.descriptor.release,
    method: op.method,
    path: op.path,
    attempt,
    headers: {},
    error: err,
  });
  throw err;
}

export function handleResponse(ctx: CallContext, op: OperationSpec, res: WireResponse): unknown {
  if (res.status < 200 || res.status >= 300) {
    const context = { operation: op.name, release: ctx.descriptor.release, method: op.method, path: op.path };
    fail(
      ctx,
      op,
      errorFromResponse({ ...context, status: res.status, text: res.text, style: op.style, redactor: ctx.redactor }),
      res.attempt ?? 0,
    );
  }
  // An empty body where a result is declared is decoded as `undefined`: a decode issue (DecodeError when strict).
  if (!res.text.trim()) return op.result ? decodeData(ctx, op, res, undefined) : undefined;
  const parsed = parseBody(ctx, op, res);
  if (parsed instanceof VsphereError) fail(ctx, op, parsed, res.attempt ?? 0);
  try {
    return decodeData(ctx, op, res, parsed);
  } catch (err) {
    if (err instanceof RangeError) fail(ctx, op, malformed(ctx, op, res, 'nested too deeply to decode'), res.attempt ?? 0);
    throw err;
  }
}

/** The typed error of a success body the runtime cannot use (the body itself is kept short and redacted). */
export function malformed(ctx: CallContext, op: OperationSpec, res: WireResponse, what: string): UnexpectedResponse {
  return new UnexpectedResponse(`${op.name}: HTTP ${res.status} with a body that is ${what} (release ${ctx.descriptor.release})`, {
    operation: op.name,
    release: ctx.descriptor.release,
    method: op.method,
    path: op.path,
    status: res.status,
    body: ctx.redactor.string(res.text.slice(0, 4096)),
  });
}

/** A success body parsed as JSON, or the typed error saying why it cannot be (HTML, truncated, too deep). */
export function parseBody(ctx: CallContext, op: OperationSpec, res: WireResponse): unknown {
  try {
    return parseJson(res.text, { int64: ctx.int64 });
  } catch (err) {
    return malformed(
      ctx,
      op,
      res,
      err instanceof RangeError ? 'nested too deeply to parse' : /^\s*</.test(res.text) ? 'HTML, not JSON' : 'not valid JSON (truncated?)',
    );
  }
}

/** `{"value": X}` → X; anything else as it is. */
export function unwrapRest(data: unknown): unknown {
  return data !== null && typeof data === 'object' && !Array.isArray(data) && 'value' in data ? (data as { value: unknown }).value : data;
}

/** Issue paths inside a `/rest` wrapper start with its key. */
const REST_BASE_PATH: readonly string[] = Object.freeze(['value']);

/**
 * A parsed success body as the caller receives it: `/rest` unwrapped from `{"value": ...}`,
 * then decoded with the result schema of the release the response speaks.
 */
export function decodeData(ctx: CallContext, op: OperationSpec, res: WireResponse, parsed: unknown): unknown {
  const data = op.style === 'rest' ? unwrapRest(parsed) : parsed;
  if (ctx.decode === 'off') return data;
  const basePath = data !== parsed ? REST_BASE_PATH : undefined;
  const { descriptor, op: dop } = responseDescriptor(ctx, op, res);
  const schema = dop.result ? descriptor.schemas[dop.result] : undefined;
  if (!schema) return data;
  const result = decode(schema, data, {
    mode: ctx.decode,
    operation: op.name,
    release: descriptor.release,
    int64: ctx.int64,
    basePath,
    reportUndeclared: ctx.reportUndeclared,
    onIssue: (issue) =>
      callHook(ctx.hooks, 'onDecodeIssue', { operation: op.name, release: descriptor.release, method: op.method, path: op.path, issue }),
  });
  return result.data;
}
