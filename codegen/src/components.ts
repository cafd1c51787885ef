/**
 * OpenAPI 3 components other than schemas (`requestBodies`, `responses`, `parameters`,
 * `headers`, `examples`, `links`, `callbacks`) are inlined where they are referred to, and
 * their sections dropped: afterwards an operation carries its own parameters, body and
 * responses, and the only `$ref`s left point at schemas. VMware's OpenAPI 3 renderings
 * share bodies as `#/components/requestBodies/…`, and swagger2openapi writes Swagger's
 * shared body parameters the same way, so every later stage sees one shape whatever the input.
 *
 * Files are inlined one by one, before they are merged: two files may name different
 * components alike, and a reference means the component of its own file.
 */
import { SpecError, pointerOf } from './errors.js';
import { forEachRef } from './refs.js';

/** Sections that are kept: what `$ref`s may still point at, and what is never referred to. */
const KEPT = new Set(['schemas', 'securitySchemes']);
const COMPONENT_REF = /^#\/components\/([^/]+)\/(.+)$/;

const unescapePointer = (s: string) => decodeURIComponent(s).replaceAll('~1', '/').replaceAll('~0', '~');

/** Inlines every reference to a non-schema component of `doc`, in place; a dangling or circular one is an error naming `file` and the pointer. */
export function inlineComponents(doc: Record<string, any>, file: string): void {
  const components: Record<string, Record<string, unknown>> = doc.components ?? {};
  const inlined = new Map<string, unknown>();

  const resolve = (ref: string, at: (string | number)[], chain: string[]): unknown => {
    const done = inlined.get(ref);
    if (done !== undefined) return structuredClone(done);
    const [, section, name] = COMPONENT_REF.exec(ref)!;
    const target = components[section!]?.[unescapePointer(name!)];
    if (target === undefined) throw new SpecError(`$ref ${ref} resolves nowhere (no such ${section} component)`, file, pointerOf(at));
    if (chain.includes(ref)) throw new SpecError(`$ref ${ref} refers to itself (${[...chain, ref].join(' → ')})`, file, pointerOf(at));
    const copy = structuredClone(target);
    expand(copy, ['components', section!, unescapePointer(name!)], [...chain, ref]);
    inlined.set(ref, copy);
    return structuredClone(copy);
  };

  /** Replaces each inlinable `$ref` object under `node` (found at `base`) by the component's expanded copy. */
  const expand = (node: unknown, base: (string | number)[], chain: string[]) => {
    const hits: { holder: Record<string, unknown>; at: (string | number)[]; ref: string }[] = [];
    forEachRef(node, (ref, holder, at) => {
      const m = COMPONENT_REF.exec(ref);
      if (m && !KEPT.has(m[1]!)) hits.push({ holder, at, ref });
    });
    for (const { holder, at, ref } of hits) {
      const where = [...base, ...at.slice(0, -1)];
      const value = resolve(ref, where, chain);
      // A `$ref` object is replaced whole (OpenAPI 3.0 ignores a `$ref`'s siblings).
      for (const k of Object.keys(holder)) delete holder[k];
      Object.assign(holder, value);
    }
  };

  for (const [k, v] of Object.entries(doc)) if (k !== 'components') expand(v, [k], []);
  // Schemas may refer to examples too; inline there as well.
  if (components.schemas) expand(components.schemas, ['components', 'schemas'], []);
  if (doc.components) for (const section of Object.keys(doc.components)) if (!KEPT.has(section)) delete doc.components[section];
}
