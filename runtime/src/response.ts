/**
 * An operation's response: errors from the error table, `/rest` unwrapping, int64-aware
 * parsing and decoding with the descriptor of the release the response speaks.
 */
import type { OperationSpec, ReleaseDescriptor } from './descriptor.js';
import { decode, parseJson } from './decode/index.js';
import { UnexpectedResponse, VsphereError } from './errors.js';
import { errorFromResponse } from './internal/response-error.js';
import { callHook } from './hooks.js';
import type { CallContext } from './operation.js';
import { operationIndex } from './operation-index.js';
import type { WireResponse } from './transport.js';

/** The descriptor to decode a response with: the release the response names, when the client has it. */
function responseDescriptor(
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
  if (!dop.result) return data;
  // Valid data needs only the check: the release then never makes its schemas.
  if (!ctx.reportUndeclared && descriptor.resultCheck?.(dop.name, dop.result)?.(data) === true) return data;
  const schema = descriptor.schemas[dop.result];
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
