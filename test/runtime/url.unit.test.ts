/**
 * URL templates: an operation's URL is parsed once (compileUrl) and expanded per call
 * (expandUrl); the result is the URL a placeholder-by-placeholder substitution and a query
 * written pair by pair give (`reference` below, written apart from the runtime's code), errors included.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '@vcenter-sdk/runtime';
import { compileUrl, encodePathParam, expandUrl, joinBase, repairQuery, type QueryParams } from '@vcenter-sdk/runtime/src/internal/url.js';

const BASE = 'https://vc.example.com';

/** `{name}` placeholders replaced one by one (a snake_case name also takes its camelCase alias). */
function fillPath(pathname: string, params: Record<string, unknown> | undefined, operation: string): string {
  return pathname.replace(/\{([^{}]+)\}/g, (_m, name: string) => {
    const alias = name.replace(/_([a-z0-9])/g, (_c, ch: string) => ch.toUpperCase());
    const v = params?.[name] ?? params?.[alias];
    if (v === undefined || v === null || v === '') {
      throw new UsageError(`${operation}: missing required path parameter '${name}'`, { operation, kind: 'MISSING_PATH_PARAMETER' });
    }
    return encodePathParam(String(v), name, operation);
  });
}

/** `key=value` pairs: the fixed query first, then the caller's (arrays repeat the key, objects dot it, null is skipped). */
function buildQuery(fixed: Record<string, string> | undefined, query: QueryParams | undefined): string {
  const pairs: Array<[string, string]> = Object.entries(fixed ?? {});
  const add = (key: string, v: unknown): void => {
    if (v === undefined || v === null) return;
    if (Array.isArray(v)) for (const x of v) add(key, x);
    else if (typeof v === 'object') for (const [k, x] of Object.entries(v)) add(`${key}.${k}`, x);
    else pairs.push([key, String(v)]);
  };
  for (const [k, v] of Object.entries(query ?? {})) if (!(fixed && k in fixed)) add(k, v);
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

/** The same URL built the slow way, placeholder by placeholder. */
function reference(
  baseUrl: string,
  pathname: string,
  fixed: Record<string, string> | undefined,
  path?: Record<string, unknown>,
  query?: QueryParams,
): string {
  const p = fillPath(pathname, path, 'op');
  const qs = buildQuery(fixed, query);
  return joinBase(baseUrl, qs ? `${p}?${qs}` : p);
}

const cases: Array<{
  pathname: string;
  fixed?: Record<string, string>;
  path?: Record<string, unknown>;
  query?: QueryParams;
  base?: string;
  url: string;
}> = [
  { pathname: '/api/vcenter/vm', url: `${BASE}/api/vcenter/vm` },
  { pathname: '/api/vcenter/vm/{vm}/power', path: { vm: 'vm-42' }, url: `${BASE}/api/vcenter/vm/vm-42/power` },
  { pathname: '/api/vcenter/vm/{vm}', path: { vm: 'a b/c' }, base: `${BASE}//`, url: `${BASE}/api/vcenter/vm/a%20b%2Fc` },
  { pathname: 'api/x/{a}{b}', path: { a: 1, b: true }, url: `${BASE}/api/x/1true` },
  {
    pathname: '/rest/vcenter/vm/id:{vm}',
    fixed: { '~action': 'clone' },
    path: { vm: 'vm-1' },
    url: `${BASE}/rest/vcenter/vm/id:vm-1?~action=clone`,
  },
  // snake_case names take their camelCase alias too; the name itself wins when both are given
  { pathname: '/api/content/library/item/{library_item}', path: { libraryItem: 'i-1' }, url: `${BASE}/api/content/library/item/i-1` },
  {
    pathname: '/api/content/library/item/{library_item}',
    path: { library_item: 'i-2', libraryItem: 'i-1' },
    url: `${BASE}/api/content/library/item/i-2`,
  },
  // the fixed query routes the operation: first, and never overridden by the caller
  {
    pathname: '/api/vcenter/vm/{vm}/power',
    fixed: { action: 'start' },
    path: { vm: 'vm-1' },
    query: { action: 'stop', names: ['a', 'b c'], filter: { hosts: ['h 1'] }, none: null, skip: undefined, ok: true },
    url: `${BASE}/api/vcenter/vm/vm-1/power?action=start&names=a&names=b%20c&filter.hosts=h%201&ok=true`,
  },
  { pathname: '/api/vcenter/vm', query: { 'filter.names': ['x'] }, url: `${BASE}/api/vcenter/vm?filter.names=x` },
  { pathname: '/api/vcenter/vm', query: null as unknown as QueryParams, url: `${BASE}/api/vcenter/vm` },
  { pathname: '', query: { a: 1 }, url: `${BASE}/?a=1` },
];

describe('URL templates', () => {
  it.each(cases)('$pathname with $path and $query', ({ pathname, fixed, path, query, base = BASE, url }) => {
    const t = compileUrl(pathname, fixed);
    expect(expandUrl(t, base, 'op', path, query)).toBe(url);
    expect(reference(base, pathname, fixed, path, query)).toBe(url);
    // a template serves every call: a second expansion with other values owes nothing to the first
    const other = path && Object.fromEntries(Object.keys(path).map((k) => [k, 'other']));
    expect(expandUrl(t, base, 'op', other, query)).toBe(reference(base, pathname, fixed, other, query));
  });

  it.each([
    [{}, 'MISSING_PATH_PARAMETER', /missing required path parameter 'vm'/],
    [{ vm: '' }, 'MISSING_PATH_PARAMETER', /missing required path parameter 'vm'/],
    [{ vm: null }, 'MISSING_PATH_PARAMETER', /missing required path parameter 'vm'/],
    [{ vm: '..' }, 'UNSAFE_PATH_PARAMETER', /would change the request's target path/],
    [{ vm: '%2e%2E' }, 'UNSAFE_PATH_PARAMETER', /would change the request's target path/],
    [{ vm: 'x\uD800' }, 'UNSAFE_PATH_PARAMETER', /lone UTF-16 surrogate/],
    [{ vm: '\uDC00' }, 'UNSAFE_PATH_PARAMETER', /lone UTF-16 surrogate/],
  ] as const)('%j is refused with %s, as the placeholder-by-placeholder substitution refuses it', (path, kind, message) => {
    const t = compileUrl('/api/vcenter/vm/{vm}/power', { action: 'x' });
    for (const build of [
      () => expandUrl(t, BASE, 'vcenter.vm.power.get', path, undefined),
      () => fillPath('/api/vcenter/vm/{vm}/power', path, 'vcenter.vm.power.get'),
    ]) {
      let err: unknown;
      try {
        build();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UsageError);
      expect(err).toMatchObject({ kind, operation: 'vcenter.vm.power.get' });
      expect((err as Error).message).toMatch(message);
    }
  });

  it('a well-formed surrogate pair, dots and percent signs inside a longer id are encoded, not refused', () => {
    const t = compileUrl('/api/vcenter/vm/{vm}', undefined);
    for (const vm of ['vm-😀', '...', 'a.b', '50%', '%2F', '%zz']) {
      expect(expandUrl(t, BASE, 'op', { vm }, undefined)).toBe(`${BASE}/api/vcenter/vm/${encodeURIComponent(vm)}`);
    }
  });
});

describe('a URL with two queries (openapi-fetch appends `?a=1` to a path key that holds `?action=deploy`)', () => {
  it('repairQuery merges a second ? into one query', () => {
    expect(repairQuery('https://h/api/x?action=deploy?client_token=a&b=1')).toBe('https://h/api/x?action=deploy&client_token=a&b=1');
    expect(repairQuery('https://h/api/x?action=deploy')).toBe('https://h/api/x?action=deploy');
    expect(repairQuery('https://h/api/x')).toBe('https://h/api/x');
  });
});
