/**
 * URL building: an operation's pathname with path params substituted, its fixed query
 * merged with the caller's query params, one `?`, everything percent-encoded.
 */
import { UsageError } from '../errors.js';

export type QueryValue = string | number | boolean | bigint | null | undefined | QueryValue[] | { [k: string]: QueryValue };
export type QueryParams = Record<string, unknown>;

const PARAM_RE = /\{([^{}]+)\}/g;

function scalar(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return v.toISOString();
  // lossless-json numbers and anything else with a sensible toString
  return String(v);
}

function camel(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What `.`/`..` look like once a server or proxy has decoded a segment (any number of times). */
function decodesToDotSegment(value: string): boolean {
  let v = value;
  for (let i = 0; i < 4; i++) {
    if (v === '.' || v === '..') return true;
    let next: string;
    try {
      next = decodeURIComponent(v);
    } catch {
      return false;
    }
    if (next === v) return false;
    v = next;
  }
  return false;
}

/**
 * A path parameter value as one encoded segment. Refused (`UsageError`, before any request):
 * a value that is or decodes to `.` or `..` (it would change the target: `DELETE …/projects/..`
 * hits the parent collection), and a string with a lone surrogate (it has no UTF-8 form).
 */
export function encodePathParam(value: string, name: string, operation: string): string {
  if (decodesToDotSegment(value)) {
    throw new UsageError(`${operation}: path parameter '${name}' is '${value}', which would change the request's target path; pass the id of an object`, {
      operation,
      kind: 'UNSAFE_PATH_PARAMETER',
    });
  }
  if (LONE_SURROGATE.test(value)) {
    throw new UsageError(`${operation}: path parameter '${name}' holds a lone UTF-16 surrogate, which has no UTF-8 form; pass a well-formed string`, {
      operation,
      kind: 'UNSAFE_PATH_PARAMETER',
    });
  }
  return encodeURIComponent(value);
}

/** Substitute `{name}` placeholders (also inside `id:{name}` segments). */
export function fillPath(pathname: string, params: Record<string, unknown> | undefined, operation: string): string {
  return pathname.replace(PARAM_RE, (_m, name: string) => {
    let v = params?.[name];
    if (v === undefined || v === null) v = params?.[camel(name)];
    if (v === undefined || v === null || v === '') {
      throw new UsageError(`${operation}: missing required path parameter '${name}'`, { operation, kind: 'MISSING_PATH_PARAMETER' });
    }
    return encodePathParam(scalar(v), name, operation);
  });
}

/** Append `key=value` pairs for a value: arrays repeat the key, objects flatten with dots. */
function appendParam(out: [string, string][], key: string, value: unknown, depth = 0): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const v of value) appendParam(out, key, v, depth + 1);
    return;
  }
  if (typeof value === 'object' && !(value instanceof Date) && depth < 8 && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) appendParam(out, `${key}.${k}`, v, depth + 1);
    return;
  }
  out.push([key, scalar(value)]);
}

function encodePairs(pairs: [string, string][]): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

/** Fixed query first (it routes the operation: `action=start`), then the caller's params. */
export function buildQuery(fixed: Record<string, string> | undefined, query: QueryParams | undefined): string {
  const pairs: [string, string][] = [];
  const fixedKeys = new Set<string>();
  for (const [k, v] of Object.entries(fixed ?? {})) {
    pairs.push([k, v]);
    fixedKeys.add(k);
  }
  for (const [k, v] of Object.entries(query ?? {})) {
    if (fixedKeys.has(k)) continue; // the caller cannot override the operation's routing query
    appendParam(pairs, k, v);
  }
  return encodePairs(pairs);
}

export function joinBase(baseUrl: string, pathAndQuery: string): string {
  return baseUrl.replace(/\/+$/, '') + (pathAndQuery.startsWith('/') ? pathAndQuery : `/${pathAndQuery}`);
}

export interface BuildUrlInput {
  baseUrl: string;
  operation: string;
  pathname: string;
  fixedQuery?: Record<string, string> | undefined;
  path?: Record<string, unknown> | undefined;
  query?: QueryParams | undefined;
}

export function buildUrl(input: BuildUrlInput): string {
  const path = fillPath(input.pathname, input.path, input.operation);
  const qs = buildQuery(input.fixedQuery, input.query);
  return joinBase(input.baseUrl, qs ? `${path}?${qs}` : path);
}

/**
 * Repair a URL that has more than one `?` (openapi-fetch appends `?a=1` to a path key
 * that already holds `?action=deploy`): one `?`, the params of every part merged, in order.
 */
export function repairQuery(url: string): string {
  const hash = url.indexOf('#');
  const base = hash >= 0 ? url.slice(0, hash) : url;
  const first = base.indexOf('?');
  if (first < 0 || base.indexOf('?', first + 1) < 0) return url;
  const path = base.slice(0, first);
  const parts = base
    .slice(first + 1)
    .split('?')
    .filter((p) => p.length > 0);
  return `${path}?${parts.join('&')}`;
}

/** The path of a URL (no origin, no query), for matching a response to its template. */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    const q = url.indexOf('?');
    return q >= 0 ? url.slice(0, q) : url;
  }
}
