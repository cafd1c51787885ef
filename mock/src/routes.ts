/**
 * Request → operation of one release. An operation matches when the method is the same, the
 * pathname matches its template and its fixed query (`action=clone`, `vmw-task=true`,
 * `~action=…`, a valueless `?file_name`) is in the request; the most specific one wins (on a
 * tie, the first in the table).
 *
 * Templates are indexed by path segment (a tree per method: literal segments, segments of
 * text around one parameter such as `/rest`'s `id:{tag_id}`, then one `{param}` branch), so a
 * request visits the few templates its segments lead to instead of running every regex of its
 * method (628 GETs in 7.0.3). A template with two parameters in one segment keeps its regex
 * and is tried on every request.
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
  /** Position in the table: the first of equally specific operations wins. */
  index: number;
}

/** One level of the segment tree: what follows a literal segment, what follows a parameter. */
interface Node {
  literal: Map<string, Node>;
  /** Segments of text around one parameter: `id:{tag}` is prefix `id:`, suffix ``. */
  affixed: { prefix: string; suffix: string; node: Node }[];
  param?: Node;
  /** Operations whose template ends here. */
  ops: CompiledOperation[];
}

const newNode = (): Node => ({ literal: new Map(), affixed: [], ops: [] });
const PARAM = /^\{[^{}]+\}$/;
/** Text, one parameter, text. */
const AFFIXED = /^([^{}]*)\{[^{}]+\}([^{}]*)$/;

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(op: OperationSpec, index: number): CompiledOperation {
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
  return { op, regex: new RegExp(`^${source}/?$`), params, fixed: Object.entries(op.query), presence, literal, index };
}

/** The template's segments, or undefined when one mixes text and a parameter (regex only). */
function segments(pathname: string): string[] | undefined {
  if (pathname.length > 1 && pathname.endsWith('/')) return undefined;
  const parts = pathname.split('/');
  return parts.every((p) => AFFIXED.test(p) || !p.includes('{')) ? parts : undefined;
}

/** Every operation under `node` whose template the request's `parts` (from `i`) match, with the parameter values. */
function collect(
  node: Node,
  parts: readonly string[],
  i: number,
  values: string[],
  out: { c: CompiledOperation; values: string[] }[],
): void {
  if (i === parts.length) {
    for (const c of node.ops) out.push({ c, values: [...values] });
    return;
  }
  const part = parts[i]!;
  const next = node.literal.get(part);
  if (next) collect(next, parts, i + 1, values, out);
  for (const a of node.affixed) {
    if (part.length <= a.prefix.length + a.suffix.length || !part.startsWith(a.prefix) || !part.endsWith(a.suffix)) continue;
    values.push(part.slice(a.prefix.length, part.length - a.suffix.length));
    collect(a.node, parts, i + 1, values, out);
    values.pop();
  }
  if (node.param && part !== '') {
    values.push(part);
    collect(node.param, parts, i + 1, values, out);
    values.pop();
  }
}

export class ReleaseRoutes {
  private readonly trees = new Map<string, Node>();
  /** Templates the tree cannot hold, by method: matched by regex. */
  private readonly irregular = new Map<string, CompiledOperation[]>();
  private readonly byName = new Map<string, OperationSpec>();

  constructor(readonly operations: readonly OperationSpec[]) {
    operations.forEach((op, index) => {
      const c = compile(op, index);
      const parts = segments(op.pathname);
      if (parts) {
        let node = this.trees.get(op.method) ?? newNode();
        this.trees.set(op.method, node);
        for (const part of parts) {
          const affixed = PARAM.test(part) ? undefined : AFFIXED.exec(part);
          if (PARAM.test(part)) node = node.param ??= newNode();
          else if (affixed) {
            const [, prefix = '', suffix = ''] = affixed;
            let a = node.affixed.find((x) => x.prefix === prefix && x.suffix === suffix);
            if (!a) node.affixed.push((a = { prefix, suffix, node: newNode() }));
            node = a.node;
          } else {
            const next = node.literal.get(part) ?? newNode();
            node.literal.set(part, next);
            node = next;
          }
        }
        node.ops.push(c);
      } else {
        const list = this.irregular.get(op.method) ?? [];
        list.push(c);
        this.irregular.set(op.method, list);
      }
      this.byName.set(op.name, op);
    });
  }

  get(name: string): OperationSpec | undefined {
    return this.byName.get(name);
  }

  match(method: string, pathname: string, search: URLSearchParams): RouteMatch | undefined {
    const candidates: { c: CompiledOperation; values: string[] }[] = [];
    const tree = this.trees.get(method);
    if (tree) {
      // The regexes allow one trailing slash.
      const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
      collect(tree, path.split('/'), 0, [], candidates);
    }
    for (const c of this.irregular.get(method) ?? []) {
      const m = c.regex.exec(pathname);
      if (m) candidates.push({ c, values: m.slice(1) as string[] });
    }
    let best: { c: CompiledOperation; values: string[]; score: number } | undefined;
    for (const { c, values } of candidates) {
      if (!c.fixed.every(([k, v]) => search.getAll(k).includes(v))) continue;
      if (!c.presence.every((k) => search.has(k))) continue;
      const score = (c.fixed.length + c.presence.length) * 100_000 + c.literal;
      if (!best || score > best.score || (score === best.score && c.index < best.c.index)) best = { c, values, score };
    }
    if (!best) return undefined;
    const params: Record<string, string> = {};
    best.c.params.forEach((name, i) => {
      params[name] = safeDecode(best.values[i]!);
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
