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
 * `call()` does (decode policy, `onDecodeIssue`, `null` lists as `[]`); openapi-fetch then
 * parses the result again as plain JSON, so integers beyond 2^53 arrive as (rounded)
 * numbers here: use `call()` with `int64: 'bigint'` where they matter.
 */
import createOpenapiClient, { type Client, type Middleware } from 'openapi-fetch';
import type { OperationSpec } from './descriptor.js';
import { stringify as losslessStringify } from 'lossless-json';
import { parseJson } from './decode/index.js';
import { decodeData, operationByPath, unwrapRest, type CallContext } from './operation.js';
import { contextFor } from './release-set.js';
import { isIdempotent } from './retry.js';
import type { WireResponse } from './transport.js';
import { repairQuery } from './url.js';

interface PendingInfo {
  schemaPath: string;
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
    const schemaPath = pending.get(request)?.schemaPath ?? new URL(request.url).pathname;
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
    if (!nullBody && res.status >= 200 && res.status < 300 && text.trim()) text = successBody(serving, op, schemaPath, res, text);
    return new Response(nullBody ? null : text, { status: res.status, headers: out });
  };

  /** The success body as `call()` would return it, as JSON text; a body that is not JSON passes as is. */
  const successBody = (ctx: CallContext, op: OperationSpec | undefined, schemaPath: string, res: WireResponse, text: string): string => {
    let parsed: unknown;
    try {
      parsed = parseJson(text, { int64: ctx.int64 });
    } catch {
      return text;
    }
    // A path the release does not have is passed through, only unwrapped.
    const data = op ? decodeData(ctx, op, res, parsed) : schemaPath.startsWith('/rest/') ? unwrapRest(parsed) : parsed;
    // `undefined` has no JSON form: an empty body makes openapi-fetch answer `data: undefined`.
    return data === undefined ? '' : (losslessStringify(data) ?? '');
  };

  const client = createOpenapiClient<Paths>({ baseUrl: ctx.baseUrl, fetch: fetchThrough });

  const middleware: Middleware = {
    onRequest({ request, schemaPath }) {
      pending.set(request, { schemaPath });
      return undefined;
    },
  };
  client.use(middleware);
  return client;
}
