/**
 * Sessions: login (Basic or bearer token exchanged for a session id), single-flight
 * re-login, optional keep-alive, logout.
 *
 * - `api` style: `POST /api/session` → 201, bare JSON string; `DELETE /api/session`; touch `GET /api/session`.
 * - `rest` style: `POST /rest/com/vmware/cis/session` → 200 `{"value": id}`; `DELETE` the same;
 *   touch `POST ...?~action=get`.
 * - `auto` (release not known yet): `api`, falling back to `rest` on 404 (remembered).
 *
 * Basic / Bearer credentials go on the login call only; every other call carries the id in
 * `vmware-api-session-id`. No cookies are ever accepted or sent.
 */
import { ClientClosed, Unauthenticated, UnexpectedResponse } from '../errors.js';
import { abortError } from '../internal/abort.js';
import { errorFromResponse } from '../internal/response-error.js';
import { callHook } from '../hooks.js';
import type { Pipeline, SessionSource } from '../pipeline.js';
import type { Redactor } from '../redact.js';
import { joinBase } from '../internal/url.js';

export type Credentials =
  | { username: string; password: string }
  | { sessionId: string }
  | { token: () => Promise<string> | string };

export type SessionStyle = 'api' | 'rest' | 'auto';

const API_SESSION = '/api/session';
const REST_SESSION = '/rest/com/vmware/cis/session';

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

/** The session id in a login answer: a bare JSON string (`/api`) or `{"value": id}` (`/rest`); undefined otherwise. */
function sessionIdOf(text: string, style: 'api' | 'rest'): string | undefined {
  let id: unknown;
  try {
    id = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (style === 'rest' && id && typeof id === 'object') id = (id as { value?: unknown }).value;
  return typeof id === 'string' && id ? id : undefined;
}

export class SessionManager implements SessionSource {
  #id: string | undefined;
  #inflight: Promise<string> | undefined;
  /** Style the current session was created in (for logout and touch). */
  #createdStyle: 'api' | 'rest' | undefined;
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
    if (this.#style === 'rest') return this.#loginAt('rest');
    if (this.#style === 'api') return this.#loginAt('api');
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

  async #loginAt(style: 'api' | 'rest'): Promise<string> {
    const { pipeline, redactor, baseUrl } = this.#o;
    const path = style === 'api' ? API_SESSION : REST_SESSION;
    const operation = style === 'api' ? 'session.create' : 'rest.com.vmware.cis.session.create';
    const res = await pipeline.run({
      operation,
      path,
      method: 'POST',
      url: joinBase(baseUrl, path),
      headers: { authorization: await this.#authorization() },
      idempotent: true, // creating a session has no side effect worth protecting
      authenticated: false,
      // Known to the redactor before any hook sees the exchange.
      secretsOf: (r) => [sessionIdOf(r.text, style)],
    });
    const ctx = { operation, release: pipeline.release, method: 'POST', path };
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
    this.#timer = setInterval(() => {
      const idle = Date.now() - this.#o.pipeline.lastActivity;
      if (!this.#id || this.#inflight || idle < ms) return;
      void this.touch().catch(() => undefined);
    }, Math.max(10, Math.floor(ms / 2)));
    this.#timer.unref();
  }

  /** Keep the session alive (GET /api/session, or the rest `~action=get`). Errors are reported to hooks.onError. */
  async touch(): Promise<void> {
    if (!this.#id) return;
    const { pipeline, baseUrl } = this.#o;
    const api = (this.#createdStyle ?? (this.#style === 'rest' ? 'rest' : 'api')) === 'api';
    const path = api ? API_SESSION : `${REST_SESSION}?~action=get`;
    const operation = api ? 'session.get' : 'rest.com.vmware.cis.session.get';
    try {
      await pipeline.run({
        operation,
        path,
        method: api ? 'GET' : 'POST',
        url: joinBase(baseUrl, path),
        idempotent: true,
        authenticated: true,
      });
    } catch (err) {
      callHook(pipeline.options.hooks, 'onError', {
        operation,
        release: pipeline.release,
        method: api ? 'GET' : 'POST',
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
    const path = this.#createdStyle === 'api' ? API_SESSION : REST_SESSION;
    try {
      await pipeline.run({
        operation: this.#createdStyle === 'api' ? 'session.delete' : 'rest.com.vmware.cis.session.delete',
        path,
        method: 'DELETE',
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
