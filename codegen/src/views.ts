/**
 * Two derived copies of a release's normalized (wire) document:
 * - the client view, from which the TypeScript types are generated: `/rest` results are
 *   already unwrapped (the caller never sees `{"value": ...}`) and the vAPI markup of every
 *   description is rendered as text;
 * - the mock view, which Prism serves: Prism routes on the pathname only, so the fixed query
 *   of a path key is folded into its pathname (`mockPathOf`), and the mock server in front of
 *   Prism folds each request's URL the same way.
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
 * The pathname Prism sees for a path key: `/api/vcenter/vm?action=clone&vmw-task=true`
 * becomes `/__q/action=clone&vmw-task=true/api/vcenter/vm`. No real vSphere path starts
 * with `/__q`, so a folded path never collides with a templated one such as `/api/vcenter/vm/{vm}`.
 * Keys with no value (`?file_name`) fold the same way (`/__q/file_name/...`).
 */
export function mockPathOf(path: string): string {
  const q = path.indexOf('?');
  return q < 0 ? path : `/__q/${path.slice(q + 1)}${path.slice(0, q)}`;
}

/** Shares everything but `paths` and `servers` with `doc` (it is only written out): no copy of a 6 MB document. */
export function mockView(doc: OpenAPIDoc): OpenAPIDoc {
  const paths = Object.fromEntries(Object.entries(doc.paths).map(([k, v]) => [mockPathOf(k), v]));
  return { ...doc, paths, servers: [{ url: '/' }] };
}
