/**
 * The typed path API (openapi-fetch style: `client.GET('/api/vcenter/vm', { params })`).
 *
 * openapi-fetch builds the Request; its `fetch` is ours and goes through the client's
 * pipeline (sessions, retries, TLS, hooks, version header). The URL is repaired first
 * (openapi-fetch appends `?a=1` to path keys that already hold `?action=x`), and a
 * middleware unwraps `/rest` results from `{"value": ...}`.
 *
 * Responses keep openapi-fetch's contract: `{ data }` or `{ error }` plus `response`;
 * a non-2xx status is not thrown. A success body is unwrapped and decoded here, exactly as
 * `call()` does (decode mode, `onDecodeIssue`, `null` lists as `[]`); openapi-fetch then
 * parses the result again as plain JSON, so integers beyond 2^53 arrive as (rounded)
 * numbers here: use `call()` with `int64: 'bigint'` where they matter.
 */
import createOpenapiClient, { defaultPathSerializer, type Client, type Middleware } from 'openapi-fetch';
import type { OperationSpec } from './descriptor.js';
import type { CallContext } from './operation.js';
import { operationByPath } from './operation-index.js';
import { decodeData, malformed, parseBody, unwrapRest } from './response.js';
import { VsphereError } from './errors.js';
import { contextFor } from './release-set.js';
import { stringifyParsed } from './internal/lossless.js';
import { isIdempotent } from './internal/retry.js';
import type { WireResponse } from './transport.js';
import { encodePathParam, repairQuery } from './internal/url.js';

interface PendingInfo {
  schemaPath: string;
  /** openapi-fetch's `parseAs`: anything but `json` (the default) asks for the body as it is. */
  raw: boolean;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export function createPathClient<Paths extends {}>(ctx: CallContext): Client<Paths> {
  const pending = new WeakMap<Request, PendingInfo>();

  /** The operation and the context of the release that serves it (with several releases, the newest that has the path). */
  const find = (method: string, schemaPath: string): { op: OperationSpec | undefined; ctx: CallContext } => {
    const op = operationByPath(ctx.descriptor, method, schemaPath);
    if (op || !ctx.releases) return { op, ctx };
    const serving = ctx.releases.forPath(method, schemaPath);
    return serving ? { op: serving.op, ctx: contextFor(ctx, serving.descriptor) } : { op, ctx };
  };

  const fetchThrough = async (request: Request): Promise<Response> => {
    const info = pending.get(request);
    const schemaPath = info?.schemaPath ?? new URL(request.url).pathname;
    const method = request.method.toUpperCase();
    const { op, ctx: serving } = find(method, schemaPath);
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => {
      headers[k] = v;
    });
    const timeoutMs = (request as unknown as { timeoutMs?: unknown }).timeoutMs;
    const res = await ctx.pipeline.run({
      operation: op?.name ?? schemaPath,
      path: op?.path ?? schemaPath,
      method,
      url: repairQuery(request.url),
      body,
      headers,
      idempotent: isIdempotent(method, op?.idempotent),
      authenticated: true,
      signal: request.signal,
      timeoutMs: typeof timeoutMs === 'number' ? timeoutMs : undefined,
      release: serving.descriptor.release,
    });
    const out = new Headers();
    for (const [k, v] of Object.entries(res.headers)) {
      if (k === 'set-cookie' || k === 'content-length' || k === 'transfer-encoding' || k === 'content-encoding') continue;
      out.set(k, v);
    }
    const nullBody = NULL_BODY_STATUSES.has(res.status) || method === 'HEAD';
    // Error bodies are what the caller logs: secrets the server echoes back are redacted.
    let text = res.status >= 400 ? ctx.redactor.string(res.text) : res.text;
    if (!nullBody && res.status >= 200 && res.status < 300 && !info?.raw) {
      if (text.trim()) text = successBody(serving, op, schemaPath, method, res);
      // As in call(): an empty body where a result is declared is a decode issue (DecodeError when strict).
      else if (op?.result) decodeData(serving, op, res, undefined);
    }
    return new Response(nullBody ? null : text, { status: res.status, headers: out });
  };

  /**
   * The success body as `call()` would return it, as JSON text, decoded by the release that
   * serves it. A body `call()` would reject (HTML, invalid or truncated JSON, nesting too deep)
   * rejects here too, with the same typed error: openapi-fetch would otherwise throw a raw
   * SyntaxError or RangeError.
   */
  const successBody = (ctx: CallContext, op: OperationSpec | undefined, schemaPath: string, method: string, res: WireResponse): string => {
    const known = op ?? ({ name: schemaPath, method, path: schemaPath } as OperationSpec);
    const parsed = parseBody(ctx, known, res);
    if (parsed instanceof VsphereError) throw parsed;
    try {
      // A path the release does not have is passed through, only unwrapped.
      const data = op ? decodeData(ctx, op, res, parsed) : schemaPath.startsWith('/rest/') ? unwrapRest(parsed) : parsed;
      // `undefined` has no JSON form: an empty body makes openapi-fetch answer `data: undefined`.
      return data === undefined ? '' : (stringifyParsed(data) ?? '');
    } catch (err) {
      if (err instanceof RangeError) throw malformed(ctx, known, res, 'nested too deeply to decode');
      throw err;
    }
  };

  /** Path parameters are checked as `call()` checks them (no `.`/`..` segments, no lone surrogates). */
  const pathSerializer = (pathname: string, params: Record<string, unknown>): string => {
    for (const [name, value] of Object.entries(params)) {
      if (typeof value === 'string') encodePathParam(value, name, pathname.slice(ctx.baseUrl.length));
    }
    return defaultPathSerializer(pathname, params);
  };

  const client = createOpenapiClient<Paths>({ baseUrl: ctx.baseUrl, fetch: fetchThrough, pathSerializer });

  const middleware: Middleware = {
    onRequest({ request, schemaPath, options }) {
      pending.set(request, { schemaPath, raw: options.parseAs !== undefined && options.parseAs !== 'json' });
      return undefined;
    },
  };
  client.use(middleware);
  return client;
}
