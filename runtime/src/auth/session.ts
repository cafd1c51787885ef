/**
 * Sessions: login (Basic or bearer token exchanged for a session id), single-flight
 * re-login, optional keep-alive, logout.
 *
 * What differs between the `/api` and `/rest` session endpoints is the table `SESSION_ENDPOINTS`;
 * `auto` (release not known yet) logs in with `api`, falling back to `rest` on 404/405 (remembered).
 *
 * Basic / Bearer credentials go on the login call only; every other call carries the id in
 * `vmware-api-session-id`. No cookies are ever accepted or sent.
 */
import type { ApiStyle, HttpMethod } from '../descriptor.js';
import { ClientClosed, Unauthenticated, UnexpectedResponse } from '../errors.js';
import { abortError } from '../internal/abort.js';
import { errorFromResponse } from '../internal/response-error.js';
import { callHook } from '../hooks.js';
import type { Pipeline, SessionSource } from '../pipeline.js';
import type { Redactor } from '../redact.js';
import { joinBase } from '../internal/url.js';

export type Credentials = { username: string; password: string } | { sessionId: string } | { token: () => Promise<string> | string };

export type SessionStyle = ApiStyle | 'auto';

interface SessionCall {
  operation: string;
  method: HttpMethod;
  path: string;
}

interface SessionEndpoint {
  login: SessionCall;
  /** Keep-alive: a cheap authenticated call on the session itself. */
  touch: SessionCall;
  logout: SessionCall;
  /** The session id in the parsed login answer (not yet checked to be a non-empty string). */
  idOf(body: unknown): unknown;
}

const REST_SESSION = '/rest/com/vmware/cis/session';

/** The session endpoints of each style: the only place the runtime tells `/api` and `/rest` sessions apart. */
const SESSION_ENDPOINTS: Readonly<Record<ApiStyle, SessionEndpoint>> = {
  api: {
    login: { operation: 'session.create', method: 'POST', path: '/api/session' },
    touch: { operation: 'session.get', method: 'GET', path: '/api/session' },
    logout: { operation: 'session.delete', method: 'DELETE', path: '/api/session' },
    // 201 with a bare JSON string
    idOf: (body) => body,
  },
  rest: {
    login: { operation: 'rest.com.vmware.cis.session.create', method: 'POST', path: REST_SESSION },
    touch: { operation: 'rest.com.vmware.cis.session.get', method: 'POST', path: `${REST_SESSION}?~action=get` },
    logout: { operation: 'rest.com.vmware.cis.session.delete', method: 'DELETE', path: REST_SESSION },
    // 200 with `{"value": id}` (a bare string is taken as well)
    idOf: (body) => (body && typeof body === 'object' ? (body as { value?: unknown }).value : body),
  },
};

export interface SessionOptions {
  baseUrl: string;
  credentials: Credentials;
  style: SessionStyle;
  pipeline: Pipeline;
  redactor: Redactor;
  /** Touch the session when idle for this long (ms); off when absent. */
  keepAliveMs?: number | undefined;
}

/** Resolve `promise`, unless `signal` aborts first (the promise itself keeps running for other waiters). */
function raceSignal<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** The session id in a login answer of `style`; undefined when there is none. */
function sessionIdOf(text: string, style: ApiStyle): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const id = SESSION_ENDPOINTS[style].idOf(body);
  return typeof id === 'string' && id ? id : undefined;
}

export class SessionManager implements SessionSource {
  #id: string | undefined;
  #inflight: Promise<string> | undefined;
  /** Style the current session was created in (for logout and touch). */
  #createdStyle: ApiStyle | undefined;
  #style: SessionStyle;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  /** Number of logins performed (diagnostics, tests). */
  logins = 0;
  readonly #o: SessionOptions;

  constructor(options: SessionOptions) {
    this.#o = options;
    this.#style = options.style;
    const c = options.credentials;
    if ('username' in c) options.redactor.addBasic(c.username, c.password);
    if ('sessionId' in c) {
      options.redactor.add(c.sessionId, { pin: true });
      this.#id = c.sessionId;
    }
    if (options.keepAliveMs && options.keepAliveMs > 0) this.#startKeepAlive(options.keepAliveMs);
  }

  get canRelogin(): boolean {
    return !('sessionId' in this.#o.credentials);
  }

  get style(): SessionStyle {
    return this.#style;
  }

  /** Set the login style once the release is known (only while no session exists). */
  setStyle(style: SessionStyle): void {
    this.#style = style;
  }

  get sessionId(): string | undefined {
    return this.#id;
  }

  async current(signal?: AbortSignal): Promise<string | undefined> {
    if (this.#id) return this.#id;
    if (!this.canRelogin) return undefined;
    return raceSignal(this.#login(), signal);
  }

  async relogin(stale: string | undefined, signal?: AbortSignal): Promise<string | undefined> {
    if (!this.canRelogin) return this.#id;
    if (this.#id && this.#id !== stale) return this.#id; // someone else already replaced it
    if (!this.#inflight) this.#id = undefined;
    return raceSignal(this.#login(), signal);
  }

  /** Single-flight: concurrent callers share one login. */
  #login(): Promise<string> {
    if (this.#inflight) return this.#inflight;
    if (this.#closed) return Promise.reject(new ClientClosed());
    const p = this.#doLogin().then(
      (id) => {
        this.#id = id;
        this.#inflight = undefined;
        return id;
      },
      (err: unknown) => {
        this.#inflight = undefined;
        throw err;
      },
    );
    this.#inflight = p;
    return p;
  }

  async #doLogin(): Promise<string> {
    if (this.#style !== 'auto') return this.#loginAt(this.#style);
    try {
      return await this.#loginAt('api');
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 404 || status === 405) {
        const id = await this.#loginAt('rest');
        this.#style = 'rest';
        return id;
      }
      throw err;
    }
  }

  async #authorization(): Promise<string> {
    const c = this.#o.credentials;
    if ('username' in c) return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
    if ('token' in c) {
      const token = await c.token();
      this.#o.redactor.add(token);
      return `Bearer ${token}`;
    }
    throw new Unauthenticated('no credentials to log in with (auth.sessionId cannot be renewed)');
  }

  async #loginAt(style: ApiStyle): Promise<string> {
    const { pipeline, redactor, baseUrl } = this.#o;
    const { operation, method, path } = SESSION_ENDPOINTS[style].login;
    const res = await pipeline.run({
      operation,
      path,
      method,
      url: joinBase(baseUrl, path),
      headers: { authorization: await this.#authorization() },
      idempotent: true, // creating a session has no side effect worth protecting
      authenticated: false,
      // Known to the redactor before any hook sees the exchange.
      secretsOf: (r) => [sessionIdOf(r.text, style)],
    });
    const ctx = { operation, release: pipeline.release, method, path };
    if (res.status < 200 || res.status >= 300) {
      throw errorFromResponse({ ...ctx, status: res.status, text: res.text, style, redactor });
    }
    const id = sessionIdOf(res.text, style);
    if (!id) {
      throw new UnexpectedResponse(`${operation}: the login answered HTTP ${res.status} without a session id`, {
        ...ctx,
        status: res.status,
      });
    }
    redactor.add(id);
    this.logins++;
    this.#createdStyle = style;
    return id;
  }

  #startKeepAlive(ms: number): void {
    this.#timer = setInterval(
      () => {
        const idle = Date.now() - this.#o.pipeline.lastActivity;
        if (!this.#id || this.#inflight || idle < ms) return;
        void this.touch().catch(() => undefined);
      },
      Math.max(10, Math.floor(ms / 2)),
    );
    this.#timer.unref();
  }

  /** Keep the session alive (the style's `touch` call). Errors are reported to hooks.onError. */
  async touch(): Promise<void> {
    if (!this.#id) return;
    const { pipeline, baseUrl } = this.#o;
    const { operation, method, path } = SESSION_ENDPOINTS[this.#createdStyle ?? (this.#style === 'auto' ? 'api' : this.#style)].touch;
    try {
      await pipeline.run({
        operation,
        path,
        method,
        url: joinBase(baseUrl, path),
        idempotent: true,
        authenticated: true,
      });
    } catch (err) {
      callHook(pipeline.options.hooks, 'onError', {
        operation,
        release: pipeline.release,
        method,
        path,
        attempt: 0,
        headers: {},
        error: err,
      });
    }
  }

  /** Log out (only a session this manager created) and stop the keep-alive. Never throws. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#inflight) await this.#inflight.catch(() => undefined);
    const id = this.#id;
    if (!id || !this.#createdStyle) return;
    const { pipeline, baseUrl } = this.#o;
    const { operation, method, path } = SESSION_ENDPOINTS[this.#createdStyle].logout;
    try {
      await pipeline.run({
        operation,
        path,
        method,
        url: joinBase(baseUrl, path),
        headers: { 'vmware-api-session-id': id },
        idempotent: false,
        authenticated: false,
        timeoutMs: 5000,
        whileClosing: true,
      });
    } catch {
      // best effort
    } finally {
      this.#id = undefined;
    }
  }
}
