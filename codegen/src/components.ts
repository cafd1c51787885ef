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
 *
 * A reference that resolves nowhere fails nothing. When its name exists under exactly one other
 * kind that it can stand for (VMware's OpenAPI 3.0 rendering of 7.0.3 refers to
 * `#/components/requestBodies/X` where X is only a schema: a body of that schema), it is
 * repaired; else a body or a response becomes one of unknown content (a stub schema), and a
 * parameter, header, example, link or callback is dropped. Each is reported with its pointer.
 */
import { SpecError, pointerOf } from './errors.js';
import { forEachRef, type RefRedirect, type UnresolvedRef } from './refs.js';

/** Sections that are kept: what `$ref`s may still point at, and what is never referred to. */
const KEPT = new Set(['schemas', 'securitySchemes']);
const COMPONENT_REF = /^#\/components\/([^/]+)\/(.+)$/;

const unescapePointer = (s: string) => decodeURIComponent(s).replaceAll('~1', '/').replaceAll('~0', '~');

const jsonOf = (schemaRef: string) => ({ 'application/json': { schema: { $ref: schemaRef } } });
/** What a reference to section K can be made of, found under another section: K → found → the replacement. */
const STANDS_FOR: Record<string, Record<string, (schemaRef: string) => unknown>> = {
  requestBodies: { schemas: (r) => ({ content: jsonOf(r) }) },
  responses: { schemas: (r) => ({ description: '', content: jsonOf(r) }) },
};
/** A dangling reference to a body or a response stands for one of unknown content; any other kind is dropped. */
const UNKNOWN: Record<string, (stubRef: string) => unknown> = {
  requestBodies: (r) => ({ content: jsonOf(r) }),
  responses: (r) => ({ description: 'Unresolved in the specification: unknown content.', content: jsonOf(r) }),
};

export interface InlineFindings {
  /** References repaired to a component of another kind (`ref-component-kind`). */
  redirects: RefRedirect[];
  /** References that resolve nowhere: a body or response of unknown content, or dropped. */
  unresolved: UnresolvedRef[];
  /** Stub schemas the unknown bodies and responses refer to, to be added to the release's schemas. */
  stubs: Map<string, object>;
}

/**
 * Inlines every reference to a non-schema component of `doc`, in place. `schemas` holds every
 * schema name of the release (default: the file's own), for references that stand for one. A
 * circular reference is an error naming `file` and the pointer.
 */
export function inlineComponents(
  doc: Record<string, any>,
  file: string,
  schemas: ReadonlySet<string> = new Set(Object.keys(doc.components?.schemas ?? {})),
): InlineFindings {
  const components: Record<string, Record<string, unknown>> = doc.components ?? {};
  const inlined = new Map<string, unknown>();
  const findings: InlineFindings = { redirects: [], unresolved: [], stubs: new Map() };
  const DROP = Symbol('drop');

  /** A dangling `ref`: what it stands for under another kind, else unknown, else nothing (dropped). */
  const dangling = (ref: string, section: string, name: string, at: (string | number)[]): unknown => {
    const pointer = pointerOf([...at, '$ref']);
    const found = Object.keys(STANDS_FOR[section] ?? {}).filter((kind) =>
      kind === 'schemas' ? schemas.has(name) : components[kind]?.[name] !== undefined,
    );
    if (found.length === 1) {
      const to = `#/components/${found[0]}/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      findings.redirects.push({ kind: 'ref-component-kind', file, pointer, ref, to });
      return STANDS_FOR[section]![found[0]!]!(to);
    }
    const make = UNKNOWN[section];
    if (!make) {
      findings.unresolved.push({ file, pointer, ref, became: 'dropped' });
      return DROP;
    }
    const stub = schemas.has(name) ? `${section}.${name}` : name;
    findings.stubs.set(stub, {
      description: `Unresolved in the specification (no ${section} component is named ${name}): typed as unknown.`,
      'x-vcenter-unresolved': true,
    });
    findings.unresolved.push({ file, pointer, ref, stub, became: 'unknown' });
    return make(`#/components/schemas/${stub.replaceAll('~', '~0').replaceAll('/', '~1')}`);
  };

  const resolve = (ref: string, at: (string | number)[], chain: string[]): unknown => {
    const done = inlined.get(ref);
    if (done !== undefined) return structuredClone(done);
    const [, section, name] = COMPONENT_REF.exec(ref)!;
    const target = components[section!]?.[unescapePointer(name!)];
    if (target === undefined) return dangling(ref, section!, unescapePointer(name!), at);
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
    // Last first, so that dropping an array element leaves the indices of the others as found.
    for (const { holder, at, ref } of hits.reverse()) {
      const where = [...base, ...at.slice(0, -1)];
      const value = resolve(ref, where, chain);
      if (value === DROP) {
        const key = at.at(-2)!;
        const parent = at.slice(0, -2).reduce<any>((n, k) => n[k], node);
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
        continue;
      }
      // A `$ref` object is replaced whole (OpenAPI 3.0 ignores a `$ref`'s siblings).
      for (const k of Object.keys(holder)) delete holder[k];
      Object.assign(holder, value);
    }
  };

  for (const [k, v] of Object.entries(doc)) if (k !== 'components') expand(v, [k], []);
  // Schemas may refer to examples too; inline there as well.
  if (components.schemas) expand(components.schemas, ['components', 'schemas'], []);
  if (doc.components) for (const section of Object.keys(doc.components)) if (!KEPT.has(section)) delete doc.components[section];
  // Sorted by pointer: they were met last first, and the report is deterministic either way.
  findings.unresolved.sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
  findings.redirects.sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
  return findings;
}
