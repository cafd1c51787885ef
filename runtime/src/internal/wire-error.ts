/**
 * What a failed attempt becomes: the caller's abort, a `RequestTimeout`, or, diagnosed by
 * diagnose.ts, a `CertificateMismatch`, `TlsError` or `ConnectionError` that says what to do.
 * Messages go through the client's redactor.
 */
import { diagnose } from '../diagnose.js';
import { CertificateMismatch, ConnectionError, type ErrorContext, RequestTimeout, TlsError, VsphereError } from '../errors.js';
import { abortError } from './abort.js';
import { errCode, findMismatch } from './error-cause.js';
import { TLS_ERROR_CODES, TLS_VERIFY_CODES } from '../tls.js';
import type { Redactor } from '../redact.js';
import { redactUrl } from '../redact.js';

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** The attempt that failed, as the error tells it. */
export interface FailedAttempt {
  method: string;
  url: string;
  timeoutMs: number;
  context: ErrorContext;
  signal?: AbortSignal | undefined;
  /** Whether the attempt's own deadline cut it short. */
  timedOut: boolean;
}

/** The typed error for `err`, thrown by one attempt. */
export async function wireError(err: unknown, at: FailedAttempt, redactor: Redactor, servername: string | undefined): Promise<unknown> {
  if (at.signal?.aborted) return abortError(at.signal);
  if (at.timedOut || TIMEOUT_CODES.has(errCode(err) ?? '')) {
    return new RequestTimeout(`${at.context.operation ?? at.method}: no complete response within ${at.timeoutMs} ms (timeoutMs)`, {
      ...at.context,
    });
  }
  return wrap(err, at, redactor, servername);
}

async function wrap(err: unknown, at: FailedAttempt, r: Redactor, servername: string | undefined): Promise<VsphereError> {
  if (err instanceof VsphereError && !(err instanceof CertificateMismatch)) return err;
  const mismatch = findMismatch(err);
  if (mismatch) {
    return new CertificateMismatch(r.string(mismatch.message), {
      ...at.context,
      expected: mismatch.expected,
      actual: mismatch.actual,
      cause: mismatch,
    });
  }
  const code = errCode(err);
  const msg = r.string(err instanceof Error ? err.message : String(err));
  const url = new URL(at.url);
  const where = `${at.context.operation ?? at.method} ${redactUrl(url.origin + url.pathname, r)}`;
  const verification = code !== undefined && TLS_VERIFY_CODES.has(code);
  const d = await diagnose(url, code, msg, verification, servername).catch(() => undefined);
  if (d && d.kind !== 'untrusted') {
    return new ConnectionError(`${where}: ${d.advice} (${code ?? 'no code'}: ${msg})`, {
      ...at.context,
      kind: 'PROTOCOL_MISMATCH',
      code,
      cause: err,
    });
  }
  if (code && (TLS_ERROR_CODES.has(code) || /CERT|SSL|TLS/.test(code))) {
    return new TlsError(`${where}: TLS verification failed (${code}): ${msg}${d ? `. ${d.advice}` : ''}`, {
      ...at.context,
      code,
      cause: err,
      fingerprint: d?.kind === 'untrusted' ? d.fingerprint : undefined,
    });
  }
  return new ConnectionError(`${where}: connection failed${code ? ` (${code})` : ''}: ${msg}`, {
    ...at.context,
    code,
    cause: err,
  });
}
