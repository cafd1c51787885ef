/**
 * The wire: one undici Agent per client (its own connection pool, capped; TLS settings,
 * keep-alive), and `send`, which performs exactly one attempt with a timeout and an abort
 * signal and reads the whole response body, within a size limit. No retries, no sessions,
 * no hooks here.
 */
import type { Dispatcher } from 'undici';
import { diagnose } from './diagnose.js';
import { Agent, dispatchRequest } from './internal/undici.js';
import {
  ClientClosed,
  CertificateMismatch,
  ConnectionError,
  type ErrorContext,
  RequestTimeout,
  ResponseTooLarge,
  TlsError,
  VsphereError,
} from './errors.js';
import { abortError } from './internal/abort.js';
import { errCode, findMismatch } from './internal/error-cause.js';
import { buildConnect, TLS_ERROR_CODES, TLS_VERIFY_CODES, type TlsOptions } from './tls.js';
import type { Redactor } from './redact.js';
import { redactUrl } from './redact.js';

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

export interface TransportOptions {
  tls?: TlsOptions | undefined;
  /** Use this dispatcher instead of creating an Agent (TLS options then do not apply; it is not closed by `close()`). */
  dispatcher?: Dispatcher | undefined;
  /** Idle keep-alive of pooled connections (ms). */
  keepAliveTimeoutMs: number;
  /** Connections open at once to the server; requests beyond them queue. */
  maxConnections: number;
  /** Largest response body accepted (bytes). */
  maxResponseBytes: number;
  redactor: Redactor;
}

/** Error bodies are read up to this size; the rest is dropped with the connection (an error's text is for people and logs). */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
/** From this timeout on, undici's timers (about 1 s of resolution) and the watchdog are precise enough. */
const COARSE_TIMEOUT_MS = 10_000;
/** How often bodies under a coarse timeout are checked against their deadline. */
const WATCHDOG_MS = 500;

interface Watched {
  deadline: number;
  body: Dispatcher.ResponseData['body'];
  state: { timedOut: boolean };
}

/** Stop reading a body and drop its connection (the abort it raises has nobody else to reach). */
function drop(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
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
  readonly dispatcher: Dispatcher;
  readonly #owned: boolean;
  readonly #redactor: Redactor;
  readonly #maxResponseBytes: number;
  readonly #servername: string | undefined;

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
      this.dispatcher = options.dispatcher;
      this.#owned = false;
    } else {
      this.dispatcher = new Agent({
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
    const deadline = performance.now() + req.timeoutMs;
    // Long timeouts (the default is 60 s) ride on undici's own coarse timers for the headers and
    // on the watchdog for the body (undici's body timer restarts on every chunk, so a trickled
    // body would never end): no AbortController and no timer of ours on the per-call path.
    // Short ones need a precise timer of their own, which also bounds a wait for a connection.
    const coarse = req.timeoutMs >= COARSE_TIMEOUT_MS;
    const controller = coarse ? undefined : new AbortController();
    const state = { timedOut: false };
    const timer = controller
      ? setTimeout(() => {
          state.timedOut = true;
          controller.abort(new DOMException('timeout', 'TimeoutError'));
        }, req.timeoutMs)
      : undefined;
    // The request's socket holds the process while the attempt is pending; the timer need not.
    timer?.unref();
    const onAbort = controller ? () => controller.abort(user?.reason) : undefined;
    if (onAbort) user?.addEventListener('abort', onAbort, { once: true });
    let watched: Watched | undefined;
    try {
      const { origin, path } = this.#target(req.url);
      // What undici's top-level request() calls once it has parsed the URL (again): any dispatcher will do.
      const res = await dispatchRequest.call(this.dispatcher, {
        origin,
        path,
        method: req.method as Dispatcher.HttpMethod,
        headers: req.headers,
        body: req.body ?? null,
        signal: controller?.signal ?? user,
        headersTimeout: coarse ? req.timeoutMs : undefined,
        bodyTimeout: coarse ? req.timeoutMs : undefined,
      });
      if (coarse) {
        watched = { deadline, body: res.body, state };
        this.#watch(watched);
      }
      const headers = headersToRecord(res.headers);
      const text = await this.#readBody(res, headers, req);
      return { status: res.statusCode, headers, text };
    } catch (err) {
      if (user?.aborted) throw abortError(user);
      if (state.timedOut || TIMEOUT_CODES.has(errCode(err) ?? '')) {
        throw new RequestTimeout(`${req.context.operation ?? req.method}: no complete response within ${req.timeoutMs} ms (timeoutMs)`, {
          ...req.context,
        });
      }
      throw await this.#wrap(err, req);
    } finally {
      if (timer) clearTimeout(timer);
      if (onAbort) user?.removeEventListener('abort', onAbort);
      if (watched) this.#unwatch(watched);
    }
  }

  /** Bodies being read under a coarse timeout, checked against their deadline every WATCHDOG_MS. */
  readonly #watched = new Set<Watched>();
  #watchdog: NodeJS.Timeout | undefined;

  #watch(w: Watched): void {
    this.#watched.add(w);
    // One unref'd interval per client, running while bodies are being read: it never holds a
    // process open. It stops itself on its first tick with nothing to watch, so an idle client
    // wakes at most once more, and calls in a row do not each start and stop a timer.
    this.#watchdog ??= setInterval(() => {
      if (this.#watched.size === 0) {
        clearInterval(this.#watchdog);
        this.#watchdog = undefined;
        return;
      }
      const now = performance.now();
      for (const x of this.#watched) {
        if (now < x.deadline) continue;
        x.state.timedOut = true;
        this.#unwatch(x);
        drop(x.body);
      }
    }, WATCHDOG_MS).unref();
  }

  #unwatch(w: Watched): void {
    this.#watched.delete(w);
  }

  /**
   * The body as text, within the size limits: a success body up to `maxResponseBytes` (over it:
   * `ResponseTooLarge`, and the connection is dropped), an error body up to MAX_ERROR_BODY_BYTES
   * (the rest is dropped with the connection).
   */
  async #readBody(res: Dispatcher.ResponseData, headers: Record<string, string>, req: WireRequest): Promise<string> {
    const isError = res.statusCode >= 400;
    const limit = isError ? Math.min(MAX_ERROR_BODY_BYTES, this.#maxResponseBytes) : this.#maxResponseBytes;
    const declared = Number(headers['content-length']);
    if (!isError && declared > limit) {
      drop(res.body);
      throw this.#tooLarge(req, `declares ${declared} bytes`);
    }
    // A declared length within the limit: undici's parser stops at it, so the plain read is bounded.
    if (declared <= limit) return res.body.text();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        if (!isError) {
          drop(res.body);
          throw this.#tooLarge(req, `exceeds ${limit} bytes`);
        }
        chunks.push(chunk.subarray(0, chunk.length - (size - limit)));
        drop(res.body);
        return `${Buffer.concat(chunks).toString('utf8')}…`;
      }
      chunks.push(chunk);
    }
    return chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
  }

  #tooLarge(req: WireRequest, what: string): ResponseTooLarge {
    const limit = this.#maxResponseBytes;
    return new ResponseTooLarge(
      `${req.context.operation ?? req.method}: the response ${what}, over the client's maxResponseBytes (${limit}); the connection was dropped. ` +
        'Ask for less (filters, paging) or raise maxResponseBytes in the client options.',
      { ...req.context, limit },
    );
  }

  async #wrap(err: unknown, req: WireRequest): Promise<VsphereError> {
    if (err instanceof VsphereError && !(err instanceof CertificateMismatch)) return err;
    const r = this.#redactor;
    const mismatch = findMismatch(err);
    if (mismatch) {
      return new CertificateMismatch(r.string(mismatch.message), {
        ...req.context,
        expected: mismatch.expected,
        actual: mismatch.actual,
        cause: mismatch,
      });
    }
    const code = errCode(err);
    const msg = r.string(err instanceof Error ? err.message : String(err));
    const url = new URL(req.url);
    const where = `${req.context.operation ?? req.method} ${redactUrl(url.origin + url.pathname, r)}`;
    const verification = code !== undefined && TLS_VERIFY_CODES.has(code);
    const d = await diagnose(url, code, msg, verification, this.#servername).catch(() => undefined);
    if (d && d.kind !== 'untrusted') {
      return new ConnectionError(`${where}: ${d.advice} (${code ?? 'no code'}: ${msg})`, {
        ...req.context,
        kind: 'PROTOCOL_MISMATCH',
        code,
        cause: err,
      });
    }
    if (code && (TLS_ERROR_CODES.has(code) || /CERT|SSL|TLS/.test(code))) {
      return new TlsError(`${where}: TLS verification failed (${code}): ${msg}${d ? `. ${d.advice}` : ''}`, {
        ...req.context,
        code,
        cause: err,
        fingerprint: d?.kind === 'untrusted' ? d.fingerprint : undefined,
      });
    }
    return new ConnectionError(`${where}: connection failed${code ? ` (${code})` : ''}: ${msg}`, {
      ...req.context,
      code,
      cause: err,
    });
  }

  /** Close the pool: requests still in flight are aborted (their calls end with ClientClosed), not waited for. */
  async close(): Promise<void> {
    if (this.#watchdog) clearInterval(this.#watchdog);
    this.#watchdog = undefined;
    if (this.#owned) await this.dispatcher.destroy(new ClientClosed());
  }
}
