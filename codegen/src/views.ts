/**
 * The client view of a release's normalized (wire) document, from which the TypeScript types
 * are generated: `/rest` results are already unwrapped (the caller never sees `{"value": ...}`)
 * and the vAPI markup of every description is rendered as text. (The view Prism serves, with
 * fixed queries folded into the pathname, is made by the Prism suites: test/prism/front/mock-view.ts.)
 */
import type { OperationSpec } from '@vcenter-sdk/runtime/descriptor';
import { renderDocs } from './markup.js';
import type { OpenAPIDoc } from './merge.js';

const REF = '#/components/schemas/';

export function clientView(doc: OpenAPIDoc, operations: readonly OperationSpec[]): OpenAPIDoc {
  const view: OpenAPIDoc = structuredClone(doc);
  renderDocs(view);
  for (const op of operations) {
    if (op.style !== 'rest') continue;
    const responses = view.paths[op.path]![op.method.toLowerCase()].responses ?? {};
    for (const status of op.success) {
      const response = responses[String(status)];
      if (!response) continue;
      if (op.result) response.content = { 'application/json': { schema: { $ref: REF + op.result } } };
      else delete response.content;
    }
  }
  return view;
}

/**
 * What the mock needs to answer an operation it does not model with an example, and what the
 * release package ships for it (a fifth of `openapi.json`, which it does not ship): each
 * operation's JSON response schemas and the component schemas they reach, without the
 * `description` and `title` prose.
 */
export function responsesView(doc: OpenAPIDoc): OpenAPIDoc {
  const all = doc.components?.schemas ?? {};
  const reached = new Set<string>();
  const reach = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) reach(x);
    else if (v && typeof v === 'object') {
      const ref = (v as { $ref?: unknown }).$ref;
      if (typeof ref === 'string' && ref.startsWith(REF)) {
        const name = decodeURIComponent(ref.slice(REF.length)).replace(/~1/g, '/').replace(/~0/g, '~');
        if (!reached.has(name) && name in all) {
          reached.add(name);
          reach(all[name]);
        }
      }
      for (const x of Object.values(v)) reach(x);
    }
  };
  const paths: OpenAPIDoc['paths'] = {};
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, { responses?: Record<string, any> }>)) {
      if (!op?.responses) continue;
      const responses: Record<string, unknown> = {};
      for (const [status, response] of Object.entries(op.responses)) {
        const schema = response?.content?.['application/json']?.schema;
        if (schema === undefined) continue;
        responses[status] = { content: { 'application/json': { schema: withoutProse(schema) } } };
        reach(schema);
      }
      (paths[path] ??= {})[method] = { responses };
    }
  }
  const schemas = Object.fromEntries([...reached].sort().map((name) => [name, withoutProse(all[name])]));
  return { openapi: doc.openapi, info: doc.info, paths, components: { schemas } };
}

/** A schema without its string `description` and `title` (a property named `description` stays). */
function withoutProse(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutProse);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if ((k === 'description' || k === 'title') && typeof v === 'string') continue;
    out[k] =
      k === 'properties' && v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, withoutProse(s)]))
        : withoutProse(v);
  }
  return out;
}
