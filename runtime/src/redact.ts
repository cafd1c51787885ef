/**
 * Redaction of secrets: passwords, session ids, bearer tokens and the headers that carry them.
 *
 * Every error message, hook payload and log line built by the runtime goes through a
 * `Redactor`. A client owns one; it learns each secret as soon as the client sees it
 * (the password at construction, a session id when a login answers, a token when fetched).
 */

export const REDACTED = '[REDACTED]';

/** Header names whose values are never shown, whatever they hold. */
export const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'vmware-api-session-id',
  'cookie',
  'set-cookie',
]);

/** Object keys whose values are never shown (in bodies, options, payloads). */
const SECRET_KEYS = /^(password|passwd|secret|token|session[_-]?id|sessionid|authorization|vmware-api-session-id|cookie|set-cookie|private[_-]?key)$/i;

const MAX_SECRETS = 64;

export class Redactor {
  readonly #secrets = new Set<string>();

  /** Remember a secret value; later strings containing it are redacted. Short values (< 4 chars) are ignored to avoid mangling text. */
  add(secret: string | undefined | null): void {
    if (!secret || secret.length < 4) return;
    if (this.#secrets.has(secret)) return;
    this.#secrets.add(secret);
    // Also the Basic credential form, which embeds the password in base64.
    if (this.#secrets.size > MAX_SECRETS) {
      const first = this.#secrets.values().next().value;
      if (first !== undefined) this.#secrets.delete(first);
    }
  }

  /** Remember a `user:password` pair in its Basic form too. */
  addBasic(username: string, password: string): void {
    this.add(password);
    this.add(Buffer.from(`${username}:${password}`).toString('base64'));
  }

  string(text: string): string {
    let out = text;
    for (const s of this.#secrets) {
      if (out.includes(s)) out = out.split(s).join(REDACTED);
    }
    return out;
  }

  /** Headers as a plain object with secret header values redacted. */
  headers(headers: Record<string, string | string[] | undefined> | Headers | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    if (!headers) return out;
    const entries: Iterable<[string, unknown]> =
      typeof (headers as Headers).entries === 'function' && typeof (headers as Headers).get === 'function'
        ? (headers as Headers).entries()
        : Object.entries(headers);
    for (const [k, v] of entries) {
      if (v === undefined) continue;
      const value = Array.isArray(v) ? v.join(', ') : String(v);
      out[k] = SECRET_HEADERS.has(k.toLowerCase()) ? REDACTED : this.string(value);
    }
    return out;
  }

  /** Deep copy of a JSON-like value with secret keys and known secret strings redacted. */
  value<T>(value: T, depth = 0): T {
    if (depth > 32) return value;
    if (typeof value === 'string') return this.string(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.value(v, depth + 1)) as T;
    if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        out[k] = SECRET_KEYS.test(k) && v != null ? REDACTED : this.value(v, depth + 1);
      }
      return out as T;
    }
    return value;
  }
}

/** Redact secrets from URL userinfo and known query parameters. */
export function redactUrl(url: string, redactor?: Redactor): string {
  let out = url.replace(/\/\/[^/@]*@/, `//${REDACTED}@`);
  if (redactor) out = redactor.string(out);
  return out;
}
