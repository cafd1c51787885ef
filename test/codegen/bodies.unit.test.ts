/**
 * Request bodies the spec does not say are required: the body's schema decides, each decision
 * is listed in the report (`body-required` / `body-optional` under `repairs`), and a `required`
 * the spec states is left alone.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSpecsDir, repoRoot } from '../../codegen/src/cli.js';
import { loadRelease, parseRelease, type RawSpecFile } from '../../codegen/src/load.js';
import { transformRelease } from '../../codegen/src/pipeline.js';
import type { Report } from '../../codegen/src/report.js';

const raw = (release: string, name: string, doc: object): RawSpecFile => {
  const bytes = Buffer.from(JSON.stringify(doc));
  return { name, label: `${release}/${name}`, sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
};
const body = (schema: object, extra: object = {}) => [{ in: 'body', name: 'request_body', schema, ...extra }];
const post = (parameters: object[]) => ({ post: { operationId: 'run', parameters, responses: { 204: { description: 'ok' } } } });

const lab = {
  swagger: '2.0',
  info: { title: 'lab', version: '1' },
  basePath: '',
  paths: {
    // VMware's shape: the body is a schema that refers to the one with the required fields.
    '/api/lab/clone': post(body({ $ref: '#/definitions/LabClone' })),
    '/api/lab/derived': post(body({ $ref: '#/definitions/LabDerived' })),
    '/api/lab/text': post(body({ type: 'string' })),
    '/api/lab/update': post(body({ $ref: '#/definitions/LabUpdate' })),
    '/api/lab/gone': post(body({ $ref: '#/definitions/LabGone' })),
    '/api/lab/loop': post(body({ $ref: '#/definitions/LabLoop' })),
    '/api/lab/stated': post(body({ $ref: '#/definitions/LabUpdate' }, { required: true })),
  },
  definitions: {
    LabClone: { $ref: '#/definitions/LabCloneSpec', description: 'what to clone' },
    LabCloneSpec: { type: 'object', properties: { source: { type: 'string' }, name: { type: 'string' } }, required: ['source', 'name'] },
    LabDerived: {
      allOf: [{ $ref: '#/definitions/LabCloneSpec' }, { type: 'object', properties: { extra: { type: 'string' } }, required: ['extra'] }],
    },
    LabUpdate: { type: 'object', properties: { name: { type: 'string' } } },
    LabLoop: { type: 'object', properties: { next: { $ref: '#/definitions/LabLoop' } }, allOf: [{ $ref: '#/definitions/LabLoop' }] },
  },
};

/** OpenAPI 3.0 keeps a `required: false` (swagger2openapi drops it from a Swagger 2.0 body parameter). */
const stated = {
  openapi: '3.0.3',
  info: { title: 'stated', version: '1' },
  servers: [{ url: 'https://{host}/api' }],
  paths: {
    '/stated/optional': {
      post: {
        operationId: 'run',
        requestBody: { required: false, content: { 'application/json': { schema: { $ref: '#/components/schemas/LabCloneSpec' } } } },
        responses: { 204: { description: 'ok' } },
      },
    },
  },
  components: { schemas: {} },
};

describe('a body the spec is silent about', () => {
  it('is required when its schema requires fields or is no object, optional otherwise; each decision is listed', async () => {
    const { table, repairs } = await transformRelease(
      '9.4.0',
      parseRelease([raw('9.4.0', 'lab.json', lab), raw('9.4.0', 'stated.json', stated)]),
      [],
    );
    const required = Object.fromEntries(table.operations.map((o) => [o.path, o.bodyRequired]));
    expect(required).toEqual({
      '/api/lab/clone': true,
      '/api/lab/derived': true,
      '/api/lab/gone': false,
      '/api/lab/loop': false,
      '/api/lab/stated': true,
      '/api/lab/text': true,
      '/api/lab/update': false,
      '/api/stated/optional': false,
    });
    expect(repairs.filter((r) => r.kind.startsWith('body-'))).toEqual([
      { kind: 'body-required', operation: 'POST /api/lab/clone', detail: 'its schema requires source, name' },
      { kind: 'body-required', operation: 'POST /api/lab/derived', detail: 'its schema requires source, name, extra' },
      { kind: 'body-required', operation: 'POST /api/lab/text', detail: 'its schema is a string, which an absent body is not' },
      { kind: 'body-optional', operation: 'POST /api/lab/update', detail: 'its schema requires no field' },
      { kind: 'body-optional', operation: 'POST /api/lab/gone', detail: 'its schema resolves nowhere (typed unknown)' },
      { kind: 'body-optional', operation: 'POST /api/lab/loop', detail: 'its schema requires no field' },
    ]);
  });

  it('7.0.3: every body the spec leaves `required` off has a decision; clone and category create are required', () => {
    const silent = loadRelease(defaultSpecsDir(), '7.0.3').flatMap((f) =>
      Object.values<any>(f.doc.paths).flatMap((item) =>
        Object.values<any>(item).flatMap((op) => (op?.parameters ?? []).filter((p: any) => p.in === 'body' && p.required === undefined)),
      ),
    );
    const report: Report = JSON.parse(readFileSync(join(repoRoot, 'generated/7.0.3/report.json'), 'utf8'));
    const decisions = report.repairs.filter((r) => r.kind === 'body-required' || r.kind === 'body-optional');
    expect(silent.length).toBe(240);
    expect(decisions).toHaveLength(silent.length);
    expect(decisions).toContainEqual({
      kind: 'body-required',
      operation: 'POST /api/vcenter/vm?action=clone',
      detail: 'its schema requires source, name',
    });
    expect(decisions).toContainEqual({
      kind: 'body-required',
      operation: 'POST /api/cis/tagging/category',
      detail: 'its schema requires name, description, cardinality, associable_types',
    });
    const ops = JSON.parse(readFileSync(join(repoRoot, 'generated/7.0.3/operations.json'), 'utf8')) as {
      name: string;
      bodyRequired?: boolean;
    }[];
    for (const name of ['vcenter.vm.clone', 'vcenter.vm.clone$task', 'cis.tagging.category.create'])
      expect(ops.find((o) => o.name === name)?.bodyRequired, name).toBe(true);
  });
});
