/**
 * Finds `$ref`s that resolve nowhere in a release (after its files are merged) and turns
 * each into a reference to a stub schema marked `x-vcenter-unresolved`, which every later
 * stage types as `unknown`. Each occurrence is recorded with its file and JSON pointer.
 */
import { pointerOf } from './errors.js';

export interface UnresolvedRef {
  file: string;
  pointer: string;
  ref: string;
  /** The stub it now points to, and what that stub means to a caller. */
  stub: string;
  became: 'unknown';
}

/** Calls `visit` for every `$ref` string in `node`, with its JSON pointer segments. */
export function forEachRef(
  node: unknown,
  visit: (ref: string, holder: Record<string, unknown>, at: (string | number)[]) => void,
  at: (string | number)[] = [],
): void {
  if (Array.isArray(node)) node.forEach((v, i) => forEachRef(v, visit, [...at, i]));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.$ref === 'string') visit(o.$ref, o, [...at, '$ref']);
    for (const [k, v] of Object.entries(o)) if (k !== '$ref' && v && typeof v === 'object') forEachRef(v, visit, [...at, k]);
  }
}

/**
 * Rewrites dangling local refs of one file in place. `prefix` is `#/definitions/` (Swagger 2.0)
 * or `#/components/schemas/` (OpenAPI 3); `defined` holds every schema name of the release.
 * Returns the stubs to add (name → schema) and the occurrences.
 */
export function stubDanglingRefs(
  doc: unknown,
  file: string,
  prefix: string,
  defined: ReadonlySet<string>,
): { stubs: Map<string, object>; unresolved: UnresolvedRef[] } {
  const stubs = new Map<string, object>();
  const unresolved: UnresolvedRef[] = [];
  forEachRef(doc, (ref, holder, at) => {
    if (!ref.startsWith('#')) return; // external refs are left to the converter, which names them
    const name = ref.startsWith(prefix) ? decodeURIComponent(ref.slice(prefix.length)) : ref.replace(/^#\/?(definitions|components\/schemas)?\/?/, '');
    if (ref.startsWith(prefix) && defined.has(name)) return;
    const stub = name || 'Unresolved';
    holder.$ref = prefix + stub;
    stubs.set(stub, {
      description: `Unresolved in the specification (${ref}): typed as unknown.`,
      'x-vcenter-unresolved': true,
    });
    unresolved.push({ file, pointer: pointerOf(at), ref, stub, became: 'unknown' });
  });
  return { stubs, unresolved };
}
