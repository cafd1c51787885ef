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
const SECRET_KEYS =
  /^(password|passwd|secret|token|session[_-]?id|sessionid|authorization|vmware-api-session-id|cookie|set-cookie|private[_-]?key)$/i;

/**
 * Rotating secrets (session ids, bearer tokens) kept besides the credentials. The oldest go
 * first; the ones in use are the newest, so they are always among them. Credentials are never
 * evicted: a client re-logging in a thousand times still redacts its password.
 */
const MAX_ROTATING = 256;

export class Redactor {
  /** Credentials: kept for the life of the client. */
  readonly #pinned = new Set<string>();
  /** Session ids and tokens, oldest first. */
  readonly #rotating = new Set<string>();

  /**
   * Remember a secret value; later strings containing it are redacted. Short values (< 4 chars)
   * are ignored to avoid mangling text. `pin`: a credential, never forgotten.
   */
  add(secret: string | undefined | null, { pin = false }: { pin?: boolean } = {}): void {
    if (!secret || secret.length < 4 || this.#pinned.has(secret)) return;
    if (pin) {
      this.#rotating.delete(secret);
      this.#pinned.add(secret);
      return;
    }
    // Re-adding moves it to the newest end.
    this.#rotating.delete(secret);
    this.#rotating.add(secret);
    if (this.#rotating.size > MAX_ROTATING) {
      const oldest = this.#rotating.values().next().value;
      if (oldest !== undefined) this.#rotating.delete(oldest);
    }
  }

  /** Remember a `user:password` pair, also in its Basic form (which embeds the password in base64); both pinned. */
  addBasic(username: string, password: string): void {
    this.add(password, { pin: true });
    this.add(Buffer.from(`${username}:${password}`).toString('base64'), { pin: true });
  }

  string(text: string): string {
    let out = text;
    for (const set of [this.#pinned, this.#rotating]) {
      for (const s of set) if (out.includes(s)) out = out.split(s).join(REDACTED);
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
