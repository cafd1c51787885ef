/**
 * The attempt loop above the transport: headers (version, session), hooks for each attempt,
 * one re-login + replay on 401, retries with backoff for idempotent calls. Returns the
 * final wire response (any status); turning statuses into errors is the caller's job.
 */
import type { Hooks, RequestInfo } from './hooks.js';
import { callHook } from './hooks.js';
import { ClientClosed, type VsphereError } from './errors.js';
import { errorKind, parseErrorBody } from './internal/response-error.js';
import { isRetryableError, isRetryableStatus, retryDelay, sleep, type ResolvedRetry } from './internal/retry.js';
import type { Redactor } from './redact.js';
import type { Transport, WireResponse } from './transport.js';
import { addEvent, endSpan, setAttrs, type SpanRef, type Tracing } from './tracing/otel.js';
import type { OtelApi } from './tracing/otel-loader.js';

/** What the pipeline needs from the session manager. */
export interface SessionSource {
  /** The session id to use (logs in first when needed). */
  current(signal?: AbortSignal): Promise<string | undefined>;
  /** The current session id, if there is one now (no login). */
  readonly sessionId: string | undefined;
  /** Whether a 401 can be answered with a new login. */
  readonly canRelogin: boolean;
  /** Replace the session `stale` (single-flight); resolves to the new id. */
  relogin(stale: string | undefined, signal?: AbortSignal): Promise<string | undefined>;
}

export interface Exchange {
  /** Operation name or path template, for hooks and errors. */
  operation: string;
  /** Path template. */
  path: string;
  method: string;
  url: string;
  body?: string | Uint8Array | undefined;
  headers?: Record<string, string> | undefined;
  idempotent: boolean;
  /** Use the session (header + re-login on 401). False for login and unauthenticated probes. */
  authenticated: boolean;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  /** Override the release sent in the version header (default: the pipeline's current release). */
  release?: string | undefined;
  /** Parent span of this exchange's span (a task's span for its polls); default: the active context. */
  trace?: SpanRef | undefined;
  /** Secrets the response carries (a login's session id): redacted before any hook sees the response. */
  secretsOf?: ((res: WireResponse) => Array<string | undefined>) | undefined;
  /** Sent even after `close()` (the logout itself). */
  whileClosing?: boolean | undefined;
}

export interface PipelineOptions {
  transport: Transport;
  redactor: Redactor;
  hooks?: Hooks | undefined;
  retry: ResolvedRetry;
  timeoutMs: number;
  versionHeader: string;
  /** OpenTelemetry spans, one per exchange (absent or disabled: none). */
  tracing?: Tracing | undefined;
  /** The release id sent in the version header when an exchange names none; undefined until known (detection). */
  release: () => string | undefined;
  /** The session behind authenticated exchanges, made with the pipeline it sends through (absent: none). */
  session?: ((pipeline: Pipeline) => SessionSource) | undefined;
}

/** One attempt's end: a response (any status) or what the transport threw. */
type Outcome = { res: WireResponse } | { error: unknown };

/** Headers the caller may not set: they belong to the session machinery. */
const RESERVED = new Set(['cookie', 'vmware-api-session-id', 'host', 'content-length']);

export class Pipeline {
  readonly options: PipelineOptions;
  readonly session: SessionSource | undefined;
  /** Time of the last request sent, for the keep-alive. */
  lastActivity = Date.now();
  /** Set by `close()`: every new exchange is a `ClientClosed`. */
  #closed = false;
  /** The work of `close()` (logout, the pool), settled or not; set with `closed`. */
  #closing: Promise<unknown> | undefined;
  /** The version header's name as sent (lower case), worked out once. */
  readonly #versionHeader: string;

  constructor(options: PipelineOptions) {
    this.options = options;
    this.#versionHeader = options.versionHeader.toLowerCase();
    this.session = options.session?.(this);
  }

  /** The release id sent in the version header when an exchange names none. */
  get release(): string | undefined {
    return this.options.release();
  }

  /** Whether `close()` has begun. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * One exchange; a span (`vsphere.operation`, release, method, path template, status, error kind) when tracing.
   * Not `async`: without tracing the attempts' own promise is handed back, one promise layer less per call.
   */
  run(ex: Exchange): Promise<WireResponse> {
    if (this.closed && !ex.whileClosing) return ex.authenticated ? this.cutShort(ex, false) : Promise.reject(new ClientClosed());
    const tracing = this.options.tracing;
    const api = tracing?.api();
    if (api === undefined || !tracing) return this.attempts(ex, undefined);
    if (api instanceof Promise) return api.then((loaded) => (loaded ? this.traced(tracing, loaded, ex) : this.attempts(ex, undefined)));
    return this.traced(tracing, api, ex);
  }

  private async traced(tracing: Tracing, api: OtelApi, ex: Exchange): Promise<WireResponse> {
    const release = ex.release ?? this.release;
    const span = tracing.start(
      api,
      ex.operation,
      'client',
      {
        'vsphere.operation': ex.operation,
        'vsphere.release': release,
        'http.request.method': ex.method,
        'url.template': ex.path,
      },
      ex.trace,
    );
    try {
      const res = await api.context.with(span.context, () => this.attempts(ex, span));
      setAttrs(span, { 'http.response.status_code': res.status, 'vsphere.attempts': (res.attempt ?? 0) + 1 });
      endSpan(span, res.status >= 400 ? { kind: errorKind(res.status, parseErrorBody(res.text).kind) } : undefined);
      return res;
    } catch (err) {
      endSpan(span, err);
      throw err;
    }
  }

  /**
   * Stop taking exchanges and run `work` (logout, closing the pool). Every authenticated
   * exchange in flight, or started meanwhile, ends with `ClientClosed` once `work` has settled,
   * not before: a caller who awaits `close()` and then the call has its handler in place by then,
   * so no rejection goes unhandled while close() waits on the network.
   */
  close(work: () => Promise<void>): Promise<void> {
    this.#closed = true;
    const done = work();
    this.#closing = done.catch(() => undefined);
    return done;
  }

  /**
   * The `ClientClosed` of an authenticated exchange once close() has begun, delivered when close()
   * has settled. `inFlight`: the exchange had begun before (its request may have been sent).
   */
  private async cutShort(ex: Exchange, inFlight = true): Promise<never> {
    await this.#closing;
    const what = inFlight
      ? 'the client was closed (close() was called) while this call was in flight, so a request already sent may have taken effect'
      : 'the client is closed (close() was called)';
    throw new ClientClosed(`${ex.operation}: ${what}; create a new client to make further calls`, {
      operation: ex.operation,
      release: ex.release ?? this.release,
      method: ex.method,
      path: ex.path,
    });
  }

  /** The request headers of one attempt: the caller's (minus the reserved ones), then the version and the session's. */
  private headersOf(ex: Exchange, release: string | undefined, sessionId: string | undefined): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (ex.body !== undefined) headers['content-type'] = 'application/json';
    if (ex.headers) {
      for (const [k, v] of Object.entries(ex.headers)) {
        const lk = k.toLowerCase();
        if (!RESERVED.has(lk) || (lk === 'vmware-api-session-id' && !ex.authenticated)) headers[lk] = v;
      }
    }
    if (release) headers[this.#versionHeader] = release;
    if (this.session) headers['vmware-use-header-authn'] = 'true';
    if (sessionId) headers['vmware-api-session-id'] = sessionId;
    return headers;
  }

  private async attempts(ex: Exchange, span: SpanRef | undefined): Promise<WireResponse> {
    const { transport, redactor, hooks, retry } = this.options;
    const release = ex.release ?? this.release;
    let attempt = 0;
    let retries = 0;
    let relogged = false;
    try {
      for (;;) {
        // The session id is at hand on every call but the first: skip the await then.
        const sessionId =
          ex.authenticated && this.session ? (this.session.sessionId ?? (await this.session.current(ex.signal))) : undefined;
        // Not sent once close() has begun (the session may be gone by now).
        if (this.closed && ex.authenticated) return this.cutShort(ex);
        const headers = this.headersOf(ex, release, sessionId);

        // Hook payloads (redacted headers, timings) are built only for the hooks someone set.
        const observed = hooks !== undefined && (hooks.onRequest || hooks.onResponse || hooks.onRetry || hooks.onError) !== undefined;
        const info: RequestInfo = {
          operation: ex.operation,
          release,
          method: ex.method,
          path: ex.path,
          attempt,
          headers: observed ? redactor.headers(headers) : {},
        };
        if (observed) callHook(hooks, 'onRequest', info);
        this.lastActivity = Date.now();
        const started = hooks?.onResponse ? performance.now() : 0;
        let outcome: Outcome;
        try {
          outcome = {
            res: await transport.send({
              method: ex.method,
              url: ex.url,
              headers,
              // A fresh copy for every attempt.
              body: typeof ex.body === 'string' || ex.body === undefined ? ex.body : new Uint8Array(ex.body),
              signal: ex.signal,
              timeoutMs: ex.timeoutMs ?? this.options.timeoutMs,
              context: { operation: ex.operation, release, method: ex.method, path: ex.path },
            }),
          };
        } catch (error) {
          outcome = { error };
        }
        if ('res' in outcome) {
          const { res } = outcome;
          if (ex.secretsOf) for (const secret of ex.secretsOf(res)) redactor.add(secret);
          if (hooks?.onResponse)
            callHook(hooks, 'onResponse', {
              ...info,
              status: res.status,
              durationMs: performance.now() - started,
              responseHeaders: redactor.headers(res.headers),
            });
          if (res.status === 401 && ex.authenticated && this.session?.canRelogin && !relogged) {
            relogged = true;
            callHook(hooks, 'onRetry', { ...info, delayMs: 0, reason: 'UNAUTHENTICATED' });
            await this.session.relogin(sessionId, ex.signal);
            attempt++;
            continue;
          }
        }
        const step = retryStep(ex, retry, retries, outcome);
        if (step) {
          callHook(hooks, 'onRetry', { ...info, ...step });
          addEvent(span, 'vsphere.retry', {
            'vsphere.attempt': attempt,
            'vsphere.retry.reason': step.reason,
            'vsphere.retry.delay_ms': step.delayMs,
          });
          await sleep(step.delayMs, ex.signal);
          retries++;
          attempt++;
          continue;
        }
        if ('error' in outcome) {
          callHook(hooks, 'onError', { ...info, error: outcome.error });
          throw outcome.error;
        }
        const { res } = outcome;
        res.attempt = attempt;
        // A response that arrives once close() has begun is not handed out: every call in flight ends alike.
        if (this.closed && ex.authenticated) return this.cutShort(ex);
        return res;
      }
    } catch (err) {
      // Whatever ends a call once close() has begun (the pool destroyed, a login refused) is the one ClientClosed.
      if (this.closed && ex.authenticated) return this.cutShort(ex);
      throw err;
    }
  }
}

/** Why and after how long an idempotent attempt is replayed (a connection failure, a retryable status); undefined: it is not. */
function retryStep(ex: Exchange, retry: ResolvedRetry, retries: number, outcome: Outcome): { reason: string; delayMs: number } | undefined {
  if (!ex.idempotent || retries >= retry.retries) return undefined;
  if ('error' in outcome) {
    const { error } = outcome;
    return isRetryableError(error) && !ex.signal?.aborted ? { reason: reasonOf(error), delayMs: retryDelay(retry, retries) } : undefined;
  }
  const { res } = outcome;
  if (res.status < 400) return undefined;
  const kind = errorKind(res.status, parseErrorBody(res.text).kind);
  return isRetryableStatus(res.status, kind)
    ? { reason: kind, delayMs: retryDelay(retry, retries, res.headers['retry-after']) }
    : undefined;
}

function reasonOf(err: unknown): string {
  const e = err as Partial<VsphereError> & { code?: string };
  return e.code ?? e.kind ?? 'ERROR';
}
