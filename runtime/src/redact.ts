/**
 * Redaction of secrets: passwords, session ids, bearer tokens and the headers that carry them.
 *
 * Every error message, hook payload and log line built by the runtime goes through a
 * `Redactor`. A client owns one; it learns each secret as soon as the client sees it
 * (the password at construction, a session id when a login answers, a token when fetched).
 */

export const REDACTED = '[REDACTED]';

/** Header names whose values are never shown, whatever they hold. */
const SECRET_HEADERS: ReadonlySet<string> = new Set([
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

/**
 * A secret that reads as a word of prose (`wrong`, `password`, `a`: letters only, not mixed
 * case, short). Redacted only where it stands as a value (see `isValueAt`), so that a server's
 * "wrong user name or password" is not censored; any other secret (digits, punctuation, mixed
 * case, long, like every session id and token) is redacted wherever it occurs.
 */
function wordLike(secret: string): boolean {
  return secret.length < 4 || (secret.length <= 15 && /^\p{L}\p{Ll}*$/u.test(secret));
}

/** Characters that end a value after `=` (a query or form pair, a cookie, `key=value` in a log line). */
const PAIR_END = new Set(['', '&', ';', '#', ' ', '"', "'", ',', '\n', '\r', '\t']);
/** Characters that end a URL path segment. */
const SEGMENT_END = new Set(['', '/', '?', '#', ' ', '"', "'", '\n']);

/**
 * Whether the occurrence of a secret at `start..end` of `text` is a value rather than part of
 * prose: the whole string (a header value, a JSON string), a quoted string (`"wrong"`, also
 * escaped inside JSON text; not a JSON key), the value of a `key=value` pair, a URL path segment, or a URL's
 * userinfo password (`//user:wrong@`).
 */
function isValueAt(text: string, start: number, end: number): boolean {
  if (start === 0 && end === text.length) return true;
  const before = text[start - 1] ?? '';
  const after = text[end] ?? '';
  // A quoted string, but not a JSON key (`"password": …`): a key names a field, it holds no secret.
  if (before === '"' || before === "'") return (after === before || after === '\\') && !/^\\?["']\s*:/.test(text.slice(end, end + 8));
  if (before === '=') return PAIR_END.has(after);
  if (before === '/') return SEGMENT_END.has(after);
  if (before === ':') return after === '@';
  return false;
}

/** `text` with the occurrences of a word-like `secret` that stand as values redacted. */
function redactValues(text: string, secret: string): string {
  let out = '';
  let last = 0;
  for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
    if (at < last || !isValueAt(text, at, at + secret.length)) continue;
    out += text.slice(last, at) + REDACTED;
    last = at + secret.length;
  }
  return last === 0 ? text : out + text.slice(last);
}

export class Redactor {
  /** Credentials: kept for the life of the client. */
  readonly #pinned = new Set<string>();
  /** Session ids and tokens, oldest first. */
  readonly #rotating = new Set<string>();

  /**
   * Remember a secret value; later strings containing it are redacted (a word-like one where it
   * stands as a value only). `pin`: a credential, never forgotten.
   */
  add(secret: string | undefined | null, { pin = false }: { pin?: boolean } = {}): void {
    if (!secret || this.#pinned.has(secret)) return;
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
      for (const s of set) {
        if (!out.includes(s)) continue;
        out = wordLike(s) ? redactValues(out, s) : out.split(s).join(REDACTED);
      }
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
