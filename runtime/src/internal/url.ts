/**
 * URL building: an operation's pathname with path params substituted, its fixed query
 * merged with the caller's query params, one `?`, everything percent-encoded.
 */
import { UsageError } from '../errors.js';
import { didYouMean, suggest } from './suggest.js';

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
  // Only `.`, `..` and a value with a `%` can be or decode to a dot segment: the others skip the decoding.
  if (value === '.' || value === '..' || (value.includes('%') && decodesToDotSegment(value))) {
    throw new UsageError(
      `${operation}: path parameter '${name}' is '${value}', which would change the request's target path; pass the id of an object`,
      {
        operation,
        kind: 'UNSAFE_PATH_PARAMETER',
      },
    );
  }
  try {
    return encodeURIComponent(value);
  } catch {
    // encodeURIComponent throws (URIError) exactly on a lone surrogate: no scan of every value for one.
    throw new UsageError(
      `${operation}: path parameter '${name}' holds a lone UTF-16 surrogate, which has no UTF-8 form; pass a well-formed string`,
      {
        operation,
        kind: 'UNSAFE_PATH_PARAMETER',
      },
    );
  }
}

/** One path parameter's value, by its name or its camelCase alias, encoded as one segment. */
function pathParam(params: Record<string, unknown> | undefined, name: string, alias: string, operation: string): string {
  let v = params?.[name];
  if (v === undefined || v === null) v = params?.[alias];
  if (v === undefined || v === null || v === '') {
    throw new UsageError(`${operation}: missing required path parameter '${name}'`, { operation, kind: 'MISSING_PATH_PARAMETER' });
  }
  return encodePathParam(scalar(v), name, operation);
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

/**
 * The caller's query params after a fixed query with these keys (the caller cannot override the
 * operation's routing query). With `known` (the operation's declared query parameters), a key
 * that is none of them, once objects are flattened (`filter: { names }` is `filter.names`), is
 * a UsageError: a misspelled filter would otherwise be dropped by the server, and everything listed.
 */
function callerQuery(fixedKeys: ReadonlySet<string>, query: QueryParams | undefined, known?: ReadonlySet<string>, operation = ''): string {
  if (query === undefined || query === null) return '';
  const pairs: [string, string][] = [];
  for (const [k, v] of Object.entries(query)) if (!fixedKeys.has(k)) appendParam(pairs, k, v);
  if (known) for (const [k] of pairs) if (!known.has(k)) throw unknownQueryParameter(operation, k, known);
  return encodePairs(pairs);
}

function unknownQueryParameter(operation: string, key: string, known: ReadonlySet<string>): UsageError {
  const takes = known.size === 0 ? 'it takes no query parameters' : `its query parameters are ${[...known].join(', ')}`;
  // The path API (client.GET(...)) sends what it is given: the way to a parameter the spec omits.
  return new UsageError(
    `${operation}: unknown query parameter '${key}'${didYouMean(suggest(key, known))}; ${takes} (the path API sends others as given)`,
    {
      operation,
      kind: 'UNKNOWN_PARAMETER',
    },
  );
}

function joinQuery(a: string, b: string): string {
  return a && b ? `${a}&${b}` : a || b;
}

export function joinBase(baseUrl: string, pathAndQuery: string): string {
  return baseUrl.replace(/\/+$/, '') + (pathAndQuery.startsWith('/') ? pathAndQuery : `/${pathAndQuery}`);
}

/**
 * An operation's URL parsed once, for every call of it: the pathname cut at its `{name}`
 * placeholders (`parts` around `names`, with their camelCase aliases) and the fixed query
 * already encoded. What a call adds is the encoded values and the caller's query.
 */
export interface UrlTemplate {
  readonly parts: readonly string[];
  readonly names: readonly string[];
  readonly aliases: readonly string[];
  readonly fixedQuery: string;
  readonly fixedKeys: ReadonlySet<string>;
  /** The query parameters the operation declares; a caller's key outside them is a UsageError. Absent: not checked. */
  readonly queryNames?: ReadonlySet<string> | undefined;
}

export function compileUrl(
  pathname: string,
  fixedQuery: Record<string, string> | undefined,
  queryNames?: ReadonlySet<string>,
): UrlTemplate {
  const path = pathname.startsWith('/') ? pathname : `/${pathname}`;
  const parts: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const m of path.matchAll(PARAM_RE)) {
    parts.push(path.slice(last, m.index));
    names.push(m[1]!);
    last = m.index + m[0].length;
  }
  parts.push(path.slice(last));
  const fixedPairs = Object.entries(fixedQuery ?? {});
  return {
    parts,
    names,
    aliases: names.map(camel),
    fixedQuery: encodePairs(fixedPairs),
    fixedKeys: new Set(fixedPairs.map(([k]) => k)),
    queryNames,
  };
}

/** A template's URL for one call: the template's parts around the encoded values, then the fixed query and the caller's. */
export function expandUrl(
  t: UrlTemplate,
  baseUrl: string,
  operation: string,
  path: Record<string, unknown> | undefined,
  query: QueryParams | undefined,
): string {
  let url = baseUrl.endsWith('/') ? baseUrl.replace(/\/+$/, '') : baseUrl;
  url += t.parts[0];
  for (let i = 0; i < t.names.length; i++) url += pathParam(path, t.names[i]!, t.aliases[i]!, operation) + t.parts[i + 1];
  const qs = joinQuery(t.fixedQuery, callerQuery(t.fixedKeys, query, t.queryNames, operation));
  return qs ? `${url}?${qs}` : url;
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
