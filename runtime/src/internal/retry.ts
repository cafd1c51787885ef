/**
 * Retry policy: which failures are replayed, how long to wait (exponential backoff with
 * full jitter, `Retry-After` honoured but capped), and an abortable sleep.
 *
 * Only idempotent calls are replayed, on the statuses and connection failures below; a
 * non-idempotent call is never sent twice (its request may have reached the server).
 */
import { ConnectionError, RequestTimeout, ResourceBusy, ServiceUnavailable, TlsError } from '../errors.js';
import { abortError } from './abort.js';
import type { HttpMethod } from '../descriptor.js';

export interface RetryOptions {
  /** Retries after the first attempt (default 3; 0 disables). */
  retries?: number;
  /** Backoff base in ms (default 250). */
  baseMs?: number;
  /** Backoff cap in ms (default 8000). */
  capMs?: number;
  /** Cap for a server's `Retry-After` in ms (default 30000). */
  maxRetryAfterMs?: number;
  /** Random source in [0, 1) (tests). */
  random?: () => number;
}

export interface ResolvedRetry {
  retries: number;
  baseMs: number;
  capMs: number;
  maxRetryAfterMs: number;
  random: () => number;
}

const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

export function isIdempotent(method: HttpMethod | string, flag?: boolean): boolean {
  return flag === true || IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/** Parse `Retry-After` (delta seconds or HTTP date) into ms; undefined when absent/invalid. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, t - now);
}

/** Delay before retry number `attempt` (0-based): full jitter, or the server's Retry-After (capped). */
export function retryDelay(policy: ResolvedRetry, attempt: number, retryAfter?: string | null): number {
  const ra = parseRetryAfter(retryAfter);
  if (ra !== undefined) return Math.min(ra, policy.maxRetryAfterMs);
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
  return Math.floor(policy.random() * exp);
}

/**
 * Statuses worth replaying for an idempotent call: too many requests, and the server or a
 * proxy in front of it failing in a way that may pass. The README's retry table lists these.
 */
const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** Whether a response status is replayed (for an idempotent call). */
export function isRetryableStatus(status: number, kind: string): boolean {
  return RETRY_STATUSES.has(status) || kind === 'RESOURCE_BUSY' || kind === 'SERVICE_UNAVAILABLE';
}

/** Connection failures worth replaying: the request may not have reached the server, or the connection died under it. */
const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** Errors worth replaying for an idempotent call. */
export function isRetryableError(err: unknown): boolean {
  if (err instanceof TlsError) return false;
  if (err instanceof ConnectionError) return err.kind !== 'PROTOCOL_MISMATCH' && err.code !== undefined && RETRYABLE_CODES.has(err.code);
  return err instanceof ServiceUnavailable || err instanceof ResourceBusy || err instanceof RequestTimeout;
}

/**
 * Sleep `ms`, rejecting with the signal's reason on abort; the timer is always cleared. The
 * timer holds the process open: a script awaiting a call that is between two attempts (or a
 * task between two polls) must not exit with its work pending.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
