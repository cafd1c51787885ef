/**
 * Request → operation of one release. An operation matches when the method is the same, the
 * pathname matches its template and its fixed query (`action=clone`, `vmw-task=true`,
 * `~action=…`, a valueless `?file_name`) is in the request; the most specific one wins.
 */

/** The fields of an `operations.json` entry the mock reads. */
export interface OperationSpec {
  name: string;
  method: string;
  path: string;
  pathname: string;
  query: Record<string, string>;
  style: 'api' | 'rest';
  async: boolean;
  syncTwin?: string;
  parameters: { name: string; in: string; required?: boolean }[];
  body?: string;
  result?: string;
  success: number[];
}

export interface RouteMatch {
  op: OperationSpec;
  /** Path parameters by name, URI-decoded. */
  params: Record<string, string>;
}

interface CompiledOperation {
  op: OperationSpec;
  regex: RegExp;
  params: string[];
  fixed: [string, string][];
  presence: string[];
  /** Literal characters of the template: a literal segment beats a `{param}`. */
  literal: number;
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(op: OperationSpec): CompiledOperation {
  const params: string[] = [];
  let source = '';
  let literal = 0;
  for (const part of op.pathname.split(/(\{[^{}]+\})/)) {
    const m = /^\{([^{}]+)\}$/.exec(part);
    if (m) {
      params.push(m[1]!);
      source += '([^/]+)';
    } else {
      source += escapeRegex(part);
      literal += part.length;
    }
  }
  const q = op.path.indexOf('?');
  const presence =
    q < 0
      ? []
      : op.path
          .slice(q + 1)
          .split('&')
          .filter((p) => p && !p.includes('='));
  return { op, regex: new RegExp(`^${source}/?$`), params, fixed: Object.entries(op.query), presence, literal };
}

export class ReleaseRoutes {
  private readonly byMethod = new Map<string, CompiledOperation[]>();
  private readonly byName = new Map<string, OperationSpec>();

  constructor(readonly operations: readonly OperationSpec[]) {
    for (const op of operations) {
      const list = this.byMethod.get(op.method) ?? [];
      list.push(compile(op));
      this.byMethod.set(op.method, list);
      this.byName.set(op.name, op);
    }
  }

  get(name: string): OperationSpec | undefined {
    return this.byName.get(name);
  }

  match(method: string, pathname: string, search: URLSearchParams): RouteMatch | undefined {
    let best: { c: CompiledOperation; m: RegExpExecArray; score: number } | undefined;
    for (const c of this.byMethod.get(method) ?? []) {
      const m = c.regex.exec(pathname);
      if (!m) continue;
      if (!c.fixed.every(([k, v]) => search.getAll(k).includes(v))) continue;
      if (!c.presence.every((k) => search.has(k))) continue;
      const score = (c.fixed.length + c.presence.length) * 100_000 + c.literal;
      if (!best || score > best.score) best = { c, m, score };
    }
    if (!best) return undefined;
    const params: Record<string, string> = {};
    best.c.params.forEach((name, i) => {
      params[name] = safeDecode(best.m[i + 1]!);
    });
    return { op: best.c.op, params };
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** `rest.vcenter.vm.clone$task` → `vcenter.vm.clone`: the name a handler is registered under. */
export const modelName = (name: string): string => name.replace(/^rest\./, '').replace(/\$task$/, '');
