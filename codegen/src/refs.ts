/**
 * Finds schema `$ref`s that resolve nowhere in a release (after its files are merged).
 * One that resolves uniquely once the vAPI namespace prefix (`com.vmware.`) is added or
 * dropped (names compared as the generated types spell them) is redirected there and recorded as a repair: 7.0.0's `appliance.json` refers to
 * `appliance.access.consolecli_resp`, defined as `com.vmware.appliance.access.consolecli_resp`.
 * Every other one becomes a reference to a stub schema marked `x-vcenter-unresolved`, which
 * every later stage types as `unknown`. Each occurrence is recorded with its file and JSON pointer.
 */
import { pointerOf } from './errors.js';

/**
 * The namespace prefixes definition names are written with and without: vAPI's package
 * namespace. A dangling `$ref` is redirected when exactly one of these spellings exists.
 */
export const NAMESPACE_PREFIXES: readonly string[] = ['com.vmware.'];

export interface RefRedirect {
  /** `ref-namespace-prefix`: a schema spelled with or without `com.vmware.`; `ref-component-kind`: a component of another kind (components.ts). */
  kind: 'ref-namespace-prefix' | 'ref-component-kind';
  file: string;
  pointer: string;
  ref: string;
  /** What the reference now points to: a schema name (`ref-namespace-prefix`), or a `$ref` (`ref-component-kind`). */
  to: string;
}

export interface UnresolvedRef {
  file: string;
  pointer: string;
  ref: string;
  /** The stub schema it now points to (none when it was dropped). */
  stub?: string;
  /** `unknown`: typed unknown through the stub; `dropped`: a parameter, header, example, link or callback left out. */
  became: 'unknown' | 'dropped';
}

/** Calls `visit` for every `$ref` string in `node`, with its JSON pointer segments. */
export function forEachRef(
  node: unknown,
  visit: (ref: string, holder: Record<string, unknown>, at: (string | number)[]) => void,
  at: (string | number)[] = [],
): void {
  if (Array.isArray(node)) for (const [i, v] of node.entries()) forEachRef(v, visit, [...at, i]);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.$ref === 'string') visit(o.$ref, o, [...at, '$ref']);
    for (const [k, v] of Object.entries(o)) if (k !== '$ref' && v && typeof v === 'object') forEachRef(v, visit, [...at, k]);
  }
}

/** Refs to a section other than the schemas (`#/parameters/`, `#/components/requestBodies/`…): the component inliner's business. */
const OTHER_SECTION = /^#\/(parameters|responses|securityDefinitions)\/|^#\/components\/(?!schemas\/)[^/]+\//;

/**
 * A schema name as the generated types carry it: swagger2openapi turns what is not a letter,
 * digit, `_`, `-` or `.` into `_` (`change$task_resp` → `change_task_resp`). 7.0.0 refers to
 * `appliance.networking.change_task_resp`, defined as `com.vmware.appliance.networking.change$task_resp`.
 */
export const typeName = (name: string): string => name.replace('[]', 'Array').replace(/[^A-Za-z0-9_\-.]+/g, '_');

/**
 * The defined names that `name` spells under another namespace prefix (added when absent,
 * dropped when present), compared as the generated types name them.
 */
export function prefixCandidates(name: string, byTypeName: ReadonlyMap<string, readonly string[]>): string[] {
  const spellings = new Set(NAMESPACE_PREFIXES.map((p) => typeName(name.startsWith(p) ? name.slice(p.length) : p + name)));
  return [...spellings].flatMap((t) => byTypeName.get(t) ?? []);
}

function indexByTypeName(defined: ReadonlySet<string>): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const n of defined) {
    const t = typeName(n);
    const list = m.get(t);
    if (list) list.push(n);
    else m.set(t, [n]);
  }
  return m;
}

/**
 * Rewrites dangling local schema refs of one file in place. `prefix` is `#/definitions/`
 * (Swagger 2.0) or `#/components/schemas/` (OpenAPI 3); `defined` holds every schema name of
 * the release. Returns the stubs to add (name → schema), the redirects and the occurrences left unknown.
 */
export function stubDanglingRefs(
  doc: unknown,
  file: string,
  prefix: string,
  defined: ReadonlySet<string>,
): { stubs: Map<string, object>; unresolved: UnresolvedRef[]; redirects: RefRedirect[] } {
  const stubs = new Map<string, object>();
  const unresolved: UnresolvedRef[] = [];
  const redirects: RefRedirect[] = [];
  let byTypeName: Map<string, string[]> | undefined;
  forEachRef(doc, (ref, holder, at) => {
    if (!ref.startsWith('#')) return; // external refs are left to the converter, which names them
    if (!ref.startsWith(prefix) && OTHER_SECTION.test(ref)) return;
    const name = ref.startsWith(prefix)
      ? decodeURIComponent(ref.slice(prefix.length))
      : ref.replace(/^#\/?(definitions|components\/schemas)?\/?/, '');
    if (ref.startsWith(prefix) && defined.has(name)) return;
    const candidates = prefixCandidates(name, (byTypeName ??= indexByTypeName(defined)));
    if (candidates.length === 1) {
      holder.$ref = prefix + candidates[0]!;
      redirects.push({ kind: 'ref-namespace-prefix', file, pointer: pointerOf(at), ref, to: candidates[0]! });
      return;
    }
    const stub = name || 'Unresolved';
    holder.$ref = prefix + stub;
    stubs.set(stub, {
      // Named, not quoted: the same reference reads `#/definitions/X` in Swagger 2.0 and `#/components/schemas/X` in OpenAPI 3.
      description: `Unresolved in the specification (no schema is named ${stub}): typed as unknown.`,
      'x-vcenter-unresolved': true,
    });
    unresolved.push({ file, pointer: pointerOf(at), ref, stub, became: 'unknown' });
  });
  return { stubs, unresolved, redirects };
}
