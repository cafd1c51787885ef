/** What undici wraps: the codes and errors a failed attempt carries down its `cause` chain. */
import { CertificateMismatch } from '../errors.js';

/** The socket or undici code of an error, looked for down its `cause` chain. */
export function errCode(err: unknown): string | undefined {
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

/** A pinned-certificate mismatch raised in the TLS handshake, wherever undici wrapped it. */
export function findMismatch(err: unknown): CertificateMismatch | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    if (e instanceof CertificateMismatch) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
