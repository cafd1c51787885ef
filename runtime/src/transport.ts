/**
 * The wire: one undici Agent per client (its own connection pool, capped; TLS settings,
 * keep-alive), and `send`, which performs exactly one attempt under its deadline
 * (internal/deadline.ts) and an abort signal and reads the whole response body within its
 * size limit (internal/body-limit.ts); a failure becomes a typed error (internal/wire-error.ts).
 * No retries, no sessions, no hooks here.
 */
import type { Dispatcher } from 'undici';
import { loadAgent, loadDispatchRequest } from './internal/undici.js';
import { ClientClosed, type ErrorContext } from './errors.js';
import { abortError } from './internal/abort.js';
import { readBody } from './internal/body-limit.js';
import { Deadlines } from './internal/deadline.js';
import { wireError } from './internal/wire-error.js';
import type { TlsOptions } from './tls-options.js';
import { buildConnect } from './tls.js';
import type { Redactor } from './redact.js';

export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
  /** The caller's signal (abort → its reason). */
  signal?: AbortSignal | undefined;
  timeoutMs: number;
  context: ErrorContext;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** Set by the pipeline: the attempt that produced this response (0 = first). */
  attempt?: number;
}

/**
 * An undici dispatcher (an `Agent`, a `MockAgent`, a `ProxyAgent`, a `Pool`...), named by the one
 * method the client calls on it (undici's `request` sends through `dispatch`). Written out here
 * rather than as undici's `Dispatcher` so that the client's declarations do not make every
 * consumer's tsc load undici's (some forty files): a program that builds an Agent imports undici
 * itself.
 */
export interface DispatcherLike {
  dispatch(options: object, handler: object): boolean;
}

export interface TransportOptions {
  tls?: TlsOptions | undefined;
  /** Use this dispatcher instead of creating an Agent (TLS options then do not apply; it is not closed by `close()`). */
  dispatcher?: DispatcherLike | undefined;
  /** Idle keep-alive of pooled connections (ms). */
  keepAliveTimeoutMs: number;
  /** Connections open at once to the server; requests beyond them queue. */
  maxConnections: number;
  /** Largest response body accepted (bytes). */
  maxResponseBytes: number;
  redactor: Redactor;
}

/**
 * undici's response headers as one string per name. undici hands over a fresh object of its own
 * with the names already in lower case: it is reused, only repeated headers (arrays) are joined.
 */
function headersToRecord(h: Record<string, string | string[] | undefined>): Record<string, string> {
  for (const k in h) {
    const v = h[k];
    if (v === undefined) delete h[k];
    else if (typeof v !== 'string') h[k] = v.join(', ');
  }
  return h as Record<string, string>;
}

/**
 * A path and query the WHATWG URL parser keeps as they are: only characters it never
 * percent-encodes, no `#`, no `\`, no dot segment (`.`, `..`, `%2e`...). URLs built from an
 * operation's template are all like this; anything else goes through `new URL`, as undici would.
 */
const VERBATIM_PATH = /^\/[A-Za-z0-9\-._~!$&()*+,;=:@/%?]*$/;
const DOT_SEGMENT = /\/(?:\.|%2e){1,2}(?:[/?]|$)/i;

/** `scheme://authority` of a URL string (everything before its path), or undefined. */
function prefixOf(url: string): string | undefined {
  const scheme = url.indexOf('://');
  if (scheme < 0) return undefined;
  const slash = url.indexOf('/', scheme + 3);
  return slash < 0 ? undefined : url.slice(0, slash);
}

export class Transport {
  readonly #dispatcher: Dispatcher;
  readonly #owned: boolean;
  readonly #redactor: Redactor;
  readonly #maxResponseBytes: number;
  readonly #servername: string | undefined;
  readonly #deadlines = new Deadlines();

  /** `scheme://authority` → its origin as undici wants it (normalized by `new URL` once per prefix). */
  readonly #origins = new Map<string, string>();

  /**
   * The origin and the path + query of a request URL, as undici's top-level `request()` would
   * work them out with `new URL` on every call: here once per origin, then by slicing.
   */
  #target(url: string): { origin: string; path: string } {
    const prefix = prefixOf(url);
    if (prefix !== undefined) {
      const path = url.slice(prefix.length);
      if (VERBATIM_PATH.test(path) && !DOT_SEGMENT.test(path)) {
        let origin = this.#origins.get(prefix);
        if (origin === undefined && this.#origins.size < 16) this.#origins.set(prefix, (origin = new URL(prefix).origin));
        if (origin !== undefined) return { origin, path };
      }
    }
    const u = new URL(url);
    return { origin: u.origin, path: u.search ? `${u.pathname}${u.search}` : u.pathname };
  }

  constructor(options: TransportOptions) {
    this.#servername = options.tls?.servername;
    this.#redactor = options.redactor;
    this.#maxResponseBytes = options.maxResponseBytes;
    if (options.dispatcher) {
      // Every undici dispatcher is a Dispatcher: DispatcherLike only names what the caller must pass.
      this.#dispatcher = options.dispatcher as Dispatcher;
      this.#owned = false;
    } else {
      const Agent = loadAgent();
      this.#dispatcher = new Agent({
        connect: buildConnect(options.tls),
        keepAliveTimeout: options.keepAliveTimeoutMs,
        // Per origin: a thousand concurrent calls share these instead of opening a thousand sockets.
        connections: options.maxConnections === Infinity ? null : options.maxConnections,
      });
      this.#owned = true;
    }
  }

  async send(req: WireRequest): Promise<WireResponse> {
    const user = req.signal;
    if (user?.aborted) throw abortError(user);
    const timed = this.#deadlines.begin(req.timeoutMs, user);
    try {
      const { origin, path } = this.#target(req.url);
      // What undici's top-level request() calls once it has parsed the URL (again): any dispatcher will do.
      const res = await loadDispatchRequest().call(this.#dispatcher, {
        origin,
        path,
        method: req.method as Dispatcher.HttpMethod,
        headers: req.headers,
        body: req.body ?? null,
        signal: timed.signal,
        headersTimeout: timed.undiciTimeoutMs,
        bodyTimeout: timed.undiciTimeoutMs,
      });
      timed.reading(res.body);
      const headers = headersToRecord(res.headers);
      const text = await readBody(res, headers, this.#maxResponseBytes, req.context, req.context.operation ?? req.method);
      return { status: res.statusCode, headers, text };
    } catch (err) {
      throw await wireError(err, { ...req, timedOut: timed.timedOut() }, this.#redactor, this.#servername);
    } finally {
      timed.end();
    }
  }

  /** Close the pool: requests still in flight are aborted (their calls end with ClientClosed), not waited for. */
  async close(): Promise<void> {
    this.#deadlines.close();
    if (this.#owned) await this.#dispatcher.destroy(new ClientClosed());
  }
}
