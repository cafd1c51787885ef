/**
 * The wire: one undici Agent per client (its own connection pool, TLS settings, keep-alive),
 * and `send`, which performs exactly one attempt with a timeout and an abort signal and
 * reads the whole response body. No retries, no sessions, no hooks here.
 */
import { Agent, request, type Dispatcher } from 'undici';
import { abortError, CertificateMismatch, ConnectionError, RequestTimeout, TlsError, VsphereError, type ErrorContext } from './errors.js';
import { buildConnect, TLS_ERROR_CODES, type TlsOptions } from './tls.js';
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
  /** Idle keep-alive of pooled connections (ms, default 30000). */
  keepAliveTimeoutMs?: number | undefined;
  redactor: Redactor;
}

/** From this timeout on, undici's timers (about 1 s of resolution) are precise enough. */
const COARSE_TIMEOUT_MS = 10_000;
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function errCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH') {
      // Prefer the innermost, more specific code (a socket error wrapped by undici).
      const inner = (e as { cause?: unknown }).cause;
      const innerCode = inner && typeof inner === 'object' ? (inner as { code?: unknown }).code : undefined;
      return typeof innerCode === 'string' ? innerCode : code;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function findMismatch(err: unknown): CertificateMismatch | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    if (e instanceof CertificateMismatch) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function headersToRecord(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

export class Transport {
  readonly dispatcher: Dispatcher;
  readonly #owned: boolean;
  readonly #redactor: Redactor;

  constructor(options: TransportOptions) {
    this.#redactor = options.redactor;
    if (options.dispatcher) {
      this.dispatcher = options.dispatcher;
      this.#owned = false;
    } else {
      this.dispatcher = new Agent({
        connect: buildConnect(options.tls),
        keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
      });
      this.#owned = true;
    }
  }

  async send(req: WireRequest): Promise<WireResponse> {
    const user = req.signal;
    if (user?.aborted) throw abortError(user);
    // Long timeouts (the default is 60 s) ride on undici's own coarse timers (about 1 s of
    // resolution, for the headers and for every pause in the body): no AbortController and no
    // timer of ours on the per-call path. Short ones need a precise timer of our own.
    const coarse = req.timeoutMs >= COARSE_TIMEOUT_MS;
    const controller = coarse ? undefined : new AbortController();
    let timedOut = false;
    const timer = controller
      ? setTimeout(() => {
          timedOut = true;
          controller.abort(new DOMException('timeout', 'TimeoutError'));
        }, req.timeoutMs)
      : undefined;
    timer?.unref?.();
    const onAbort = controller ? () => controller.abort(user?.reason) : undefined;
    if (onAbort) user?.addEventListener('abort', onAbort, { once: true });
    try {
      const res = await request(req.url, {
        method: req.method as Dispatcher.HttpMethod,
        headers: req.headers,
        body: req.body ?? null,
        dispatcher: this.dispatcher,
        signal: controller?.signal ?? user,
        ...(coarse ? { headersTimeout: req.timeoutMs, bodyTimeout: req.timeoutMs } : {}),
      });
      const text = await res.body.text();
      return { status: res.statusCode, headers: headersToRecord(res.headers), text };
    } catch (err) {
      if (user?.aborted) throw abortError(user);
      if (timedOut || TIMEOUT_CODES.has(errCode(err) ?? '')) {
        throw new RequestTimeout(`${req.context.operation ?? req.method}: no response within ${req.timeoutMs} ms`, {
          ...req.context,
          kind: 'REQUEST_TIMEOUT',
        });
      }
      throw this.#wrap(err, req);
    } finally {
      if (timer) clearTimeout(timer);
      if (onAbort) user?.removeEventListener('abort', onAbort);
    }
  }

  #wrap(err: unknown, req: WireRequest): VsphereError {
    if (err instanceof VsphereError && !(err instanceof CertificateMismatch)) return err;
    const r = this.#redactor;
    const mismatch = findMismatch(err);
    if (mismatch) {
      return new CertificateMismatch(r.string(mismatch.message), {
        ...req.context,
        kind: 'CERTIFICATE_MISMATCH',
        expected: mismatch.expected,
        actual: mismatch.actual,
        cause: mismatch,
      });
    }
    const code = errCode(err);
    const msg = r.string(err instanceof Error ? err.message : String(err));
    const where = `${req.context.operation ?? req.method} ${redactUrl(req.url, r)}`;
    if (code && (TLS_ERROR_CODES.has(code) || /CERT|SSL|TLS/.test(code))) {
      return new TlsError(`${where}: TLS verification failed (${code}): ${msg}`, { ...req.context, kind: 'TLS', code, cause: err });
    }
    return new ConnectionError(`${where}: connection failed${code ? ` (${code})` : ''}: ${msg}`, {
      ...req.context,
      kind: 'CONNECTION',
      code,
      cause: err,
    });
  }

  async close(): Promise<void> {
    if (this.#owned) await this.dispatcher.close();
  }
}
