/**
 * The typed path API (openapi-fetch style: `client.GET('/api/vcenter/vm', { params })`).
 *
 * openapi-fetch builds the Request; its `fetch` is ours and goes through the client's
 * pipeline (sessions, retries, TLS, hooks, version header). The URL is repaired first
 * (openapi-fetch appends `?a=1` to path keys that already hold `?action=x`), and a
 * middleware unwraps `/rest` results from `{"value": ...}`.
 *
 * Responses keep openapi-fetch's contract: `{ data }` or `{ error }` plus `response`;
 * a non-2xx status is not thrown. Bodies are parsed by openapi-fetch (plain JSON.parse).
 */
import createOpenapiClient, { type Client, type Middleware } from 'openapi-fetch';
import type { OperationSpec } from './descriptor.js';
import { operationByPath, type CallContext } from './operation.js';
import { isIdempotent } from './retry.js';
import { repairQuery } from './url.js';

interface PendingInfo {
  schemaPath: string;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export function createPathClient<Paths extends {}>(ctx: CallContext): Client<Paths> {
  const pending = new WeakMap<Request, PendingInfo>();

  const find = (method: string, schemaPath: string): OperationSpec | undefined =>
    operationByPath(ctx.descriptor, method, schemaPath);

  const fetchThrough = async (request: Request): Promise<Response> => {
    const schemaPath = pending.get(request)?.schemaPath ?? new URL(request.url).pathname;
    const method = request.method.toUpperCase();
    const op = find(method, schemaPath);
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
    });
    const out = new Headers();
    for (const [k, v] of Object.entries(res.headers)) {
      if (k === 'set-cookie' || k === 'content-length' || k === 'transfer-encoding' || k === 'content-encoding') continue;
      out.set(k, v);
    }
    const nullBody = NULL_BODY_STATUSES.has(res.status) || method === 'HEAD';
    // Error bodies are what the caller logs: secrets the server echoes back are redacted.
    const text = res.status >= 400 ? ctx.redactor.string(res.text) : res.text;
    return new Response(nullBody ? null : text, { status: res.status, headers: out });
  };

  const client = createOpenapiClient<Paths>({ baseUrl: ctx.baseUrl, fetch: fetchThrough });

  const middleware: Middleware = {
    onRequest({ request, schemaPath }) {
      pending.set(request, { schemaPath });
      return undefined;
    },
    async onResponse({ response, schemaPath, request }) {
      const isRest = schemaPath.startsWith('/rest/') || new URL(request.url).pathname.startsWith('/rest/');
      if (!isRest || !response.ok || NULL_BODY_STATUSES.has(response.status)) return undefined;
      const text = await response.clone().text();
      if (!text.trim()) return undefined;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return undefined;
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || !('value' in parsed)) return undefined;
      const value = (parsed as { value: unknown }).value;
      const headers = new Headers(response.headers);
      headers.delete('content-length');
      // `undefined` has no JSON form: an empty body makes openapi-fetch answer `data: undefined`.
      return new Response(value === undefined ? '' : JSON.stringify(value), { status: response.status, headers });
    },
  };
  client.use(middleware);
  return client;
}
