/**
 * Checking the options (and filling their defaults, `resolveOptions`) of `createClient` / `connect` before anything is built, so that a
 * plain-JavaScript caller gets a `UsageError` naming the option and the fix instead of a raw
 * `TypeError` from deep inside. One table of known options: an option is added here once.
 */
import type { Credentials } from './auth/session.js';
import type { ClientOptionsBase } from './client-types.js';
import type { DecodeMode } from './decode/index.js';
import { UsageError } from './errors.js';
import type { Hooks } from './hooks.js';
import type { ResolvedRetry, RetryOptions } from './internal/retry.js';
import type { TaskDefaults } from './tasks/index.js';
import { normalizeFingerprint } from './tls.js';
import type { TlsOptions } from './tls-options.js';
import type { DispatcherLike } from './transport.js';

type Options = Record<string, unknown>;
export type Entry = 'createClient' | 'connect';

/** A check: undefined when the value is fine, else what is wrong and what to do. */
type Check = (value: unknown, options: Options, entry: Entry) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isDescriptor = (v: unknown): boolean => isObject(v) && typeof v.release === 'string' && Array.isArray(v.operations);

const RELEASE_IMPORT = "import v703 from '@vcenter-sdk/vsphere-7.0.3'";

const positive =
  (what: string): Check =>
  (v) =>
    typeof v === 'number' && v > 0 && !Number.isNaN(v) ? undefined : `must be a positive number of ${what}, got ${describe(v)}`;

const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v)
      ? undefined
      : `must be one of ${values.map((x) => `'${x}'`).join(', ')}, got ${describe(v)}`;

const objectOf =
  (what: string): Check =>
  (v) =>
    isObject(v) ? undefined : `must be ${what}, got ${describe(v)}`;

function describe(v: unknown): string {
  if (typeof v === 'string') return `the string '${v.length > 40 ? `${v.slice(0, 40)}…` : v}'`;
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  return typeof v === 'object' ? 'an object' : typeof v === 'function' ? 'a function' : `${typeof v} ${String(v)}`;
}

const checkAuth: Check = (v) => {
  const fix = 'pass auth: { username, password }, { sessionId } or { token: () => Promise<string> }';
  if (!isObject(v)) return `is required: ${fix} (got ${describe(v)})`;
  if ('username' in v || 'password' in v) {
    if (typeof v.username !== 'string' || !v.username) return `.username must be a non-empty string: ${fix}`;
    if (typeof v.password !== 'string') return `.password must be a string: ${fix}`;
    return undefined;
  }
  if ('sessionId' in v) return typeof v.sessionId === 'string' && v.sessionId ? undefined : `.sessionId must be a non-empty string: ${fix}`;
  if ('token' in v)
    return typeof v.token === 'function' ? undefined : `.token must be a function returning the token (or a promise of it): ${fix}`;
  return `names no credentials: ${fix}`;
};

/** One descriptor: several go in `releases`, which createClient reads apart. */
const checkRelease: Check = (v, _o, entry) => {
  if (entry === 'connect')
    return "is createClient's: connect takes releases (and serverRelease, the server's release id, to skip detection)";
  if (isDescriptor(v)) return undefined;
  if (Array.isArray(v)) return `takes one release package (release: v703), not an array: for several, pass releases: [v703, v802]`;
  if (typeof v === 'string') return `must be a release package's default export (${RELEASE_IMPORT}; release: v703), not ${describe(v)}`;
  return `must be a release package's default export (${RELEASE_IMPORT}), got ${describe(v)}`;
};

const checkReleases: Check = (v) =>
  Array.isArray(v) && v.length > 0 && v.every(isDescriptor)
    ? undefined
    : `must be a non-empty array of release packages' default exports (${RELEASE_IMPORT}; releases: [v703]), got ${describe(v)}`;

const checkBaseUrl: Check = (v) => {
  if (typeof v !== 'string') return `is required: the server's URL, e.g. 'https://vcenter.example.com' (got ${describe(v)})`;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return `'${v}' is not a URL: give one like 'https://vcenter.example.com'`;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return `'${v}' must start with https:// (or http://)`;
  if (u.username || u.password) return 'must not carry credentials: remove them from the URL and use the auth option';
  const path = u.pathname.replace(/\/+$/, '');
  if (path || u.search || u.hash) {
    // The SDK adds /api and /rest to every path itself: 'https://vc/api' would call /api/api/session.
    const api = /\/(api|rest)$/i.exec(path);
    if (api) return `'${v}' ends with /${api[1]}, which every operation's path already starts with: use baseUrl: '${u.origin}'`;
    return `'${v}' has a path (${path}${u.search}${u.hash}): baseUrl is the server's origin, use baseUrl: '${u.origin}'`;
  }
  return undefined;
};

const checkTls: Check = (v) => {
  if (!isObject(v)) return `must be an object ({ ca }, { thumbprint }, ...), got ${describe(v)}`;
  if (v.thumbprint !== undefined) {
    const n = typeof v.thumbprint === 'string' ? normalizeFingerprint(v.thumbprint).length : -1;
    if (n !== 64 && n !== 40)
      return `.thumbprint must be a SHA-256 (64 hex digits) or SHA-1 (40 hex digits) fingerprint, got ${describe(v.thumbprint)}`;
  }
  return undefined;
};

/**
 * Every option `createClient` and `connect` take, with its check. An option missing here is
 * rejected as unknown: add new options to this table.
 */
const OPTION_CHECKS: Readonly<Record<string, Check>> = {
  baseUrl: checkBaseUrl,
  auth: checkAuth,
  release: checkRelease,
  releases: checkReleases,
  serverRelease: (v, _o, entry) =>
    entry !== 'connect'
      ? "is connect's (it skips detection); createClient takes the release itself"
      : typeof v === 'string' && /^\d+(\.\d+)*/.test(v)
        ? undefined
        : `must be the server's release id ('7.0.3', '8.0.2.00300'), got ${describe(v)}`,
  tls: checkTls,
  retry: (v) =>
    v === false || isObject(v) ? undefined : `must be false or an object ({ retries, baseMs, capMs, maxRetryAfterMs }), got ${describe(v)}`,
  timeoutMs: positive('milliseconds'),
  decode: oneOf('report', 'strict', 'off'),
  int64: oneOf('number', 'bigint'),
  hooks: objectOf('an object of hook functions'),
  dispatcher: objectOf('an undici Dispatcher'),
  versionHeader: (v) => (typeof v === 'string' && v ? undefined : `must be a header name, got ${describe(v)}`),
  keepAliveMs: positive('milliseconds'),
  tasks: objectOf('an object ({ poll, clock })'),
  tracing: (v) => (typeof v === 'boolean' ? undefined : `must be true or false, got ${describe(v)}`),
  maxConnections: (v) =>
    v === Infinity || (Number.isInteger(v) && (v as number) >= 1)
      ? undefined
      : `must be a whole number >= 1 (or Infinity), got ${describe(v)}`,
  maxResponseBytes: positive('bytes'),
  allowInsecureHttp: (v) => (typeof v === 'boolean' ? undefined : `must be true or false, got ${describe(v)}`),
  reportUndeclared: (v) => (typeof v === 'boolean' ? undefined : `must be true or false, got ${describe(v)}`),
};

/** Options each entry point requires. */
const REQUIRED: Readonly<Record<Entry, readonly string[]>> = {
  createClient: ['baseUrl', 'auth'],
  connect: ['baseUrl', 'auth', 'releases'],
};

function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

function usage(entry: Entry, name: string, problem: string): UsageError {
  return new UsageError(`${entry}: option '${name}' ${problem}`, { kind: name === '' ? 'INVALID_OPTIONS' : 'INVALID_OPTION' });
}

/** Throw a `UsageError` naming the first option that is missing, unknown or malformed. */
function validateClientOptions(options: unknown, entry: Entry): void {
  if (!isObject(options))
    throw new UsageError(
      `${entry}: expected an options object ({ baseUrl, auth, ${entry === 'connect' ? 'releases' : 'release'} }), got ${describe(options)}`,
      { kind: 'INVALID_OPTIONS' },
    );
  for (const name of Object.keys(options)) {
    if (!(name in OPTION_CHECKS)) {
      throw new UsageError(`${entry}: unknown option '${name}'; the options are ${Object.keys(OPTION_CHECKS).join(', ')}`, {
        kind: 'UNKNOWN_OPTION',
      });
    }
  }
  if (options.release !== undefined && options.releases !== undefined) {
    const fix =
      entry === 'connect'
        ? "connect detects the server's release among releases; to skip detection, give the server's release id as serverRelease"
        : 'give release (one) or releases (several), not both';
    throw usage(entry, 'release', `cannot be given with releases: ${fix}`);
  }
  const required = [...REQUIRED[entry]];
  // createClient needs its release(s): `release` (one) or `releases` (several).
  if (entry === 'createClient' && options.releases === undefined) required.push('release');
  for (const name of required) {
    if (options[name] === undefined) throw usage(entry, name, OPTION_CHECKS[name]!(undefined, options, entry) ?? 'is required');
  }
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const problem = OPTION_CHECKS[name]!(value, options, entry);
    if (problem) throw usage(entry, name, problem);
  }
  const url = new URL(options.baseUrl as string);
  if (url.protocol === 'http:') {
    // An empty `tls: {}` (a program that passes its settings through) asks for nothing.
    const set = isObject(options.tls)
      ? Object.keys(options.tls).filter((k) => (options.tls as Record<string, unknown>)[k] !== undefined)
      : [];
    if (set.length > 0) {
      throw usage(entry, 'tls', `(${set.join(', ')}) does nothing with the http:// baseUrl '${url.origin}': use https:// (or drop tls)`);
    }
    if (!isLoopback(url.hostname) && options.allowInsecureHttp !== true) {
      throw usage(
        entry,
        'baseUrl',
        `is plain http:// to ${url.hostname}, which would send the credentials and session id in clear: use https://, or set allowInsecureHttp: true if the network is trusted`,
      );
    }
  }
}

/** The options of a client once checked, every default filled: what the transport, pipeline and session are built from. */
export interface ResolvedOptions {
  /** The server's origin, without a trailing slash. */
  baseUrl: string;
  auth: Credentials;
  tls: TlsOptions | undefined;
  dispatcher: DispatcherLike | undefined;
  hooks: Hooks | undefined;
  retry: ResolvedRetry;
  timeoutMs: number;
  decode: DecodeMode;
  int64: 'number' | 'bigint';
  versionHeader: string;
  /** Touch the session when idle for this long; undefined: never. */
  keepAliveMs: number | undefined;
  /** Idle keep-alive of pooled connections. */
  poolKeepAliveMs: number;
  maxConnections: number;
  maxResponseBytes: number;
  tasks: TaskDefaults | undefined;
  tracing: boolean;
  reportUndeclared: boolean;
}

/** Every default of a client's options, spelled once. */
const DEFAULTS = {
  timeoutMs: 60_000,
  decode: 'report',
  int64: 'number',
  versionHeader: 'X-API-Version',
  poolKeepAliveMs: 30_000,
  maxConnections: 16,
  maxResponseBytes: 64 * 1024 * 1024,
  retry: { retries: 3, baseMs: 250, capMs: 8000, maxRetryAfterMs: 30_000 },
} as const;

/** The retry policy with its defaults filled (`false`: no retries). */
export function resolveRetry(o: RetryOptions | false | undefined): ResolvedRetry {
  if (o === false) return { retries: 0, baseMs: 0, capMs: 0, maxRetryAfterMs: 0, random: Math.random };
  const d = DEFAULTS.retry;
  return {
    retries: Math.max(0, o?.retries ?? d.retries),
    baseMs: o?.baseMs ?? d.baseMs,
    capMs: o?.capMs ?? d.capMs,
    maxRetryAfterMs: o?.maxRetryAfterMs ?? d.maxRetryAfterMs,
    random: o?.random ?? Math.random,
  };
}

/** Check the options of `entry` (a `UsageError` naming the first bad one) and fill every default. */
export function resolveOptions(options: ClientOptionsBase, entry: Entry): ResolvedOptions {
  validateClientOptions(options, entry);
  return {
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    auth: options.auth,
    tls: options.tls,
    dispatcher: options.dispatcher,
    hooks: options.hooks,
    retry: resolveRetry(options.retry),
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    decode: options.decode ?? DEFAULTS.decode,
    int64: options.int64 ?? DEFAULTS.int64,
    versionHeader: options.versionHeader ?? DEFAULTS.versionHeader,
    keepAliveMs: options.keepAliveMs,
    poolKeepAliveMs: DEFAULTS.poolKeepAliveMs,
    maxConnections: options.maxConnections ?? DEFAULTS.maxConnections,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULTS.maxResponseBytes,
    tasks: options.tasks,
    tracing: options.tracing !== false,
    reportUndeclared: options.reportUndeclared === true,
  };
}
