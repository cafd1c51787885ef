/**
 * Request → operation of one release, and the URL Prism must see for it.
 *
 * Prism routes on the pathname only, so the mock document has each path key's fixed query
 * folded into its pathname (`mockPathOf`, mock-view.ts). This module does the same
 * fold for an incoming request: it finds the operation whose method and pathname template
 * match and whose fixed query is contained in the request's query, preferring the most
 * specific one, and rewrites the URL to `mockPathOf(op.path)` with the path params filled in
 * and the request's other query params kept.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OperationSpec } from '@vcenter-sdk/runtime';
import { mockPathOf } from './mock-view.js';
import { REPO_ROOT } from './prism.js';

export interface CompiledOperation {
  op: OperationSpec;
  regex: RegExp;
  /** Path param names, in the order of the regex groups. */
  params: string[];
  /** Fixed `key=value` pairs of the path key (`action=clone`, `vmw-task=true`). */
  fixed: [string, string][];
  /** Valueless keys of the path key (`?file_name`): they must be present in the request. */
  presence: string[];
  /** Number of literal characters in the template: a literal segment beats a `{param}`. */
  literal: number;
  /** `mockPathOf(op.path)` without its query; `{param}` placeholders still in it. */
  mockTemplate: string;
}

export interface RouteMatch {
  op: OperationSpec;
  /** The URL (path + query) to send to Prism. */
  url: string;
  pathParams: Record<string, string>;
}

const PARAM_RE = /\{([^{}]+)\}/g;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The fixed query of a path key, as pairs, and its valueless keys. */
export function fixedQueryOf(path: string): { fixed: [string, string][]; presence: string[] } {
  const q = path.indexOf('?');
  const fixed: [string, string][] = [];
  const presence: string[] = [];
  if (q < 0) return { fixed, presence };
  for (const part of path.slice(q + 1).split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    if (eq < 0) presence.push(decodeURIComponent(part));
    else fixed.push([decodeURIComponent(part.slice(0, eq)), decodeURIComponent(part.slice(eq + 1))]);
  }
  return { fixed, presence };
}

export function compileOperation(op: OperationSpec): CompiledOperation {
  const params: string[] = [];
  let source = '';
  let literal = 0;
  let last = 0;
  for (const m of op.pathname.matchAll(PARAM_RE)) {
    const lit = op.pathname.slice(last, m.index);
    source += escapeRegex(lit);
    literal += lit.length;
    source += '([^/]+)';
    params.push(m[1]!);
    last = m.index! + m[0].length;
  }
  const tail = op.pathname.slice(last);
  source += escapeRegex(tail);
  literal += tail.length;
  const { fixed, presence } = fixedQueryOf(op.path);
  // The operation table's `query` is authoritative for pairs; the path key for valueless keys.
  const fixedPairs = Object.keys(op.query).length > 0 ? Object.entries(op.query) : fixed;
  const mock = mockPathOf(op.path);
  return {
    op,
    regex: new RegExp(`^${source}/?$`),
    params,
    fixed: fixedPairs,
    presence,
    literal,
    mockTemplate: mock,
  };
}

export class ReleaseRoutes {
  readonly release: string;
  readonly operations: readonly OperationSpec[];
  private readonly byMethod = new Map<string, CompiledOperation[]>();

  constructor(release: string, operations: readonly OperationSpec[]) {
    this.release = release;
    this.operations = operations;
    for (const op of operations) {
      const list = this.byMethod.get(op.method) ?? [];
      list.push(compileOperation(op));
      this.byMethod.set(op.method, list);
    }
  }

  static load(release: string): ReleaseRoutes {
    const file = join(REPO_ROOT, 'generated', release, 'operations.json');
    return new ReleaseRoutes(release, JSON.parse(readFileSync(file, 'utf8')) as OperationSpec[]);
  }

  has(method: string, pathname: string): boolean {
    return this.operations.some((o) => o.method === method && o.pathname === pathname);
  }

  /** The operation for a request, or undefined when none of this release matches. */
  match(method: string, pathname: string, search: URLSearchParams): RouteMatch | undefined {
    const candidates = this.byMethod.get(method.toUpperCase());
    if (!candidates) return undefined;
    let best: { c: CompiledOperation; m: RegExpExecArray; score: [number, number] } | undefined;
    for (const c of candidates) {
      const m = c.regex.exec(pathname);
      if (!m) continue;
      if (!c.fixed.every(([k, v]) => search.getAll(k).includes(v))) continue;
      if (!c.presence.every((k) => search.has(k))) continue;
      const score: [number, number] = [c.fixed.length + c.presence.length, c.literal];
      if (!best || score[0] > best.score[0] || (score[0] === best.score[0] && score[1] > best.score[1])) best = { c, m, score };
    }
    if (!best) return undefined;
    const { c, m } = best;
    const pathParams: Record<string, string> = {};
    c.params.forEach((name, i) => {
      pathParams[name] = m[i + 1]!; // still percent-encoded, as received
    });
    const folded = c.mockTemplate.replace(PARAM_RE, (_all, name: string) => pathParams[name] ?? `{${name}}`);
    // The fixed pairs are in the folded pathname now; the caller's other params stay in the query.
    // Valueless keys (`?file_name=x`) stay: they carry the caller's value.
    const rest = new URLSearchParams();
    const fixedLeft = c.fixed.map(([k, v]) => [k, v] as [string, string]);
    for (const [k, v] of search) {
      const i = fixedLeft.findIndex(([fk, fv]) => fk === k && fv === v);
      if (i >= 0) {
        fixedLeft.splice(i, 1);
        continue;
      }
      rest.append(k, v);
    }
    const qs = rest.toString();
    return { op: c.op, url: qs ? `${folded}?${qs}` : folded, pathParams };
  }
}
