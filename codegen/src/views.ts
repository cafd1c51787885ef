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
