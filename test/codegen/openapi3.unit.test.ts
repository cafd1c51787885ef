/**
 * OpenAPI 3.0 input, completely: `$ref`s to every kind of component resolve, and an OpenAPI 3.0
 * rendering of every shipped release (JSON and YAML) generates the same operation table and
 * the same types as its Swagger 2.0 original (the output of `npm run generate`).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import converter from 'swagger2openapi';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { defaultSpecsDir, repoRoot } from '../../codegen/src/cli.js';
import { emitTypes } from '../../codegen/src/emit-types.js';
import { loadRelease, parseRelease, type RawSpecFile } from '../../codegen/src/load.js';
import { transformRelease } from '../../codegen/src/pipeline.js';
import { applyPatch, SpecRegistry } from '../../codegen/src/registry.js';

const raw = (release: string, name: string, text: string): RawSpecFile => {
  const bytes = Buffer.from(text);
  return { name, label: `${release}/${name}`, sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
};
const json = (o: unknown) => JSON.stringify(o, null, 1);
const ok = (schema: object) => ({ description: 'ok', content: { 'application/json': { schema } } });

/** One widget API written twice: every part inline, and every part a component. */
function widgetDocs() {
  const widget = { type: 'object', properties: { id: { type: 'string' }, size: { type: 'integer', format: 'int64' } }, required: ['id'] };
  const spec = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
  const idParam = { name: 'widget', in: 'path', required: true, schema: { type: 'string' } };
  const limit = { name: 'limit', in: 'query', required: false, schema: { type: 'integer', format: 'int32' } };
  const header = { description: 'a page token', schema: { type: 'string' } };
  const example = { summary: 'one widget', value: { id: 'w-1' } };
  const base = { openapi: '3.0.3', info: { title: 't', version: '1' }, servers: [{ url: 'https://{host}/api' }] };

  const inline = {
    ...base,
    paths: {
      '/lab/widget': {
        get: {
          operationId: 'list',
          parameters: [limit],
          responses: { 200: { ...ok({ type: 'array', items: { $ref: '#/components/schemas/Widget' } }), headers: { 'x-page': header } } },
        },
        post: {
          operationId: 'create',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Spec' } } } },
          responses: { 201: ok({ type: 'string' }) },
        },
      },
      '/lab/widget/{widget}': {
        get: {
          operationId: 'get',
          parameters: [idParam],
          responses: {
            200: {
              description: 'ok',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Widget' }, examples: { one: example } } },
            },
          },
        },
      },
    },
    components: { schemas: { Widget: widget, Spec: spec } },
  };
  const components = {
    ...base,
    paths: {
      '/lab/widget': {
        get: {
          operationId: 'list',
          parameters: [{ $ref: '#/components/parameters/Limit' }],
          responses: { 200: { $ref: '#/components/responses/WidgetList' } },
        },
        post: {
          operationId: 'create',
          requestBody: { $ref: '#/components/requestBodies/Spec' },
          responses: { 201: ok({ type: 'string' }) },
        },
      },
      '/lab/widget/{widget}': {
        get: {
          operationId: 'get',
          parameters: [{ $ref: '#/components/parameters/Widget' }],
          responses: { 200: { $ref: '#/components/responses/Widget' } },
        },
      },
    },
    components: {
      schemas: { Widget: widget, Spec: spec },
      parameters: { Limit: limit, Widget: idParam },
      requestBodies: { Spec: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Spec' } } } } },
      // A response that is itself a reference to another one: references are followed to the end.
      responses: {
        WidgetList: { $ref: '#/components/responses/WidgetPage' },
        WidgetPage: {
          ...ok({ type: 'array', items: { $ref: '#/components/schemas/Widget' } }),
          headers: { 'x-page': { $ref: '#/components/headers/Page' } },
        },
        Widget: {
          description: 'ok',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Widget' },
              examples: { one: { $ref: '#/components/examples/One' } },
            },
          },
        },
      },
      headers: { Page: header },
      examples: { One: example },
    },
  };
  return { inline, components };
}

async function generateFrom(release: string, files: RawSpecFile[]) {
  const { table, client, merged } = await transformRelease(release, parseRelease(files), []);
  return { table, merged, types: await emitTypes(client) };
}

describe('OpenAPI 3.0 component references', () => {
  it('resolve for requestBodies, responses, parameters, headers, examples and schemas: the same table and types as inline', async () => {
    const { inline, components } = widgetDocs();
    const a = await generateFrom('9.1.0', [raw('9.1.0', 'lab.json', json(inline))]);
    const b = await generateFrom('9.1.0', [raw('9.1.0', 'lab.yaml', stringify(components))]);
    expect(b.table.operations.map((o) => [o.name, o.body, o.bodyRequired, o.result, o.parameters])).toEqual([
      ['lab.widget.list', undefined, undefined, 'lab.widget.list$result', [{ name: 'limit', in: 'query', required: false }]],
      ['lab.widget.create', 'Spec', true, 'lab.widget.create$result', []],
      ['lab.widget.get', undefined, undefined, 'Widget', [{ name: 'widget', in: 'path', required: true }]],
    ]);
    expect(b.table.operations).toEqual(a.table.operations.map((o) => ({ ...o, service: 'lab' })));
    expect(b.types).toBe(a.types);
    expect(b.merged.unresolved).toEqual([]);
    // Nothing is left pointing outside the schemas, and no `components/schemas/components/...` stub was made.
    expect(JSON.stringify(b.merged.doc)).not.toMatch(/#\/components\/(?!schemas\/)/);
    expect(Object.keys(b.merged.doc.components)).toEqual(['schemas', 'securitySchemes']);
  });

  it('a reference to a component that does not exist is a body of unknown content, listed with the file and the pointer', async () => {
    const { components } = widgetDocs();
    (components.paths['/lab/widget'].post as any).requestBody = { $ref: '#/components/requestBodies/Nope' };
    const { table, merged } = await generateFrom('9.1.1', [raw('9.1.1', 'lab.json', json(components))]);
    expect(merged.unresolved).toEqual([
      {
        file: '9.1.1/lab.json',
        pointer: '/paths/~1lab~1widget/post/requestBody/$ref',
        ref: '#/components/requestBodies/Nope',
        stub: 'Nope',
        became: 'unknown',
      },
    ]);
    expect(table.operations.find((o) => o.name === 'lab.widget.create')?.body).toBe('Nope');
  });

  it('a component that refers to itself is an error, not a hang', async () => {
    const { components } = widgetDocs();
    (components.components.responses as any).WidgetPage = { $ref: '#/components/responses/WidgetList' };
    await expect(generateFrom('9.1.2', [raw('9.1.2', 'lab.json', json(components))])).rejects.toThrow(/refers to itself/);
  });
});

/**
 * A release as an OpenAPI 3.0 publisher renders it: each Swagger 2.0 file (with the project's
 * fixes, which are written against the Swagger files) converted by swagger2openapi, requestBodies
 * components kept; then, as VMware's renderings do, every body, parameter and response moved
 * into components and referred to. The real files give swagger2openapi no identical bodies to
 * share, so without that step no reference would be exercised.
 */
async function renderOpenapi3(release: string, format: 'json' | 'yaml'): Promise<{ files: RawSpecFile[]; refs: Record<string, number> }> {
  const fixes = new SpecRegistry(join(repoRoot, 'specs')).fixes(release);
  const refs: Record<string, number> = {};
  const files: RawSpecFile[] = [];
  for (const f of loadRelease(defaultSpecsDir(), release)) {
    for (const fx of fixes.filter((x) => x.target === f.name)) applyPatch(f.doc, fx.ops, fx.source, f.label);
    const doc = (await converter.convertObj(f.doc, { patch: true, warnOnly: true, resolve: false })).openapi as any;
    const c = (doc.components ??= {});
    let n = 0;
    const share = (section: string, value: unknown) => {
      const name = `c${n++}`;
      (c[section] ??= {})[name] = value;
      refs[section] = (refs[section] ?? 0) + 1;
      return { $ref: `#/components/${section}/${name}` };
    };
    for (const item of Object.values<any>(doc.paths))
      for (const op of Object.values<any>(item)) {
        if (!op || typeof op !== 'object' || Array.isArray(op) || !op.responses) continue;
        if (op.requestBody && !op.requestBody.$ref) op.requestBody = share('requestBodies', op.requestBody);
        if (op.parameters) op.parameters = op.parameters.map((p: unknown) => share('parameters', p));
        for (const status of Object.keys(op.responses)) op.responses[status] = share('responses', op.responses[status]);
      }
    const name = f.name.replace(/\.json$/, `.${format}`);
    files.push(raw(release, name, format === 'json' ? JSON.stringify(doc) : stringify(doc)));
  }
  return { files, refs };
}

const shipped = readdirSync(defaultSpecsDir(), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe.each(shipped.flatMap((r) => [[r, 'json'] as const, [r, 'yaml'] as const]))('release %s as OpenAPI 3.0 %s', (release, format) => {
  it('generates the same operation table and the same types as the Swagger 2.0 original', async () => {
    const { files, refs } = await renderOpenapi3(release, format);
    expect(refs.requestBodies).toBeGreaterThan(0);
    expect(refs.responses).toBeGreaterThan(0);
    const got = await generateFrom(release, files);
    const operations = JSON.parse(readFileSync(join(repoRoot, 'generated', release, 'operations.json'), 'utf8'));
    expect(got.table.operations).toEqual(operations);
    // Compared as text, not with toBe: a diff of a 50,000-line file would swamp the output.
    const types = readFileSync(join(repoRoot, 'generated', release, 'src/types.ts'), 'utf8');
    expect(got.types === types, `types of ${release} differ from generated/${release}/src/types.ts`).toBe(true);
  }, 300_000);
});

/**
 * 7.0.3 as VMware's own OpenAPI 3.0 rendering has it: each body whose schema is a named one
 * refers to `#/components/requestBodies/<that name>`, which does not exist (the name is only a
 * schema), and so the body's `required` is lost with it. It generates the shipped operation
 * table, each of those references repaired and listed; only `bodyRequired` is the schema's
 * decision instead of the lost flag.
 */
it('7.0.3 in the shape of VMware OpenAPI 3.0 rendering (requestBodies refs to schemas) generates the shipped operation table', async () => {
  const fixes = new SpecRegistry(join(repoRoot, 'specs')).fixes('7.0.3');
  let broken = 0;
  const files: RawSpecFile[] = [];
  for (const f of loadRelease(defaultSpecsDir(), '7.0.3')) {
    for (const fx of fixes.filter((x) => x.target === f.name)) applyPatch(f.doc, fx.ops, fx.source, f.label);
    const doc = (await converter.convertObj(f.doc, { patch: true, warnOnly: true, resolve: false })).openapi as any;
    delete doc.components?.requestBodies;
    for (const item of Object.values<any>(doc.paths))
      for (const op of Object.values<any>(item)) {
        const ref = op?.requestBody?.content?.['application/json']?.schema?.$ref;
        if (typeof ref !== 'string') continue;
        op.requestBody = { $ref: ref.replace('#/components/schemas/', '#/components/requestBodies/') };
        broken++;
      }
    files.push(raw('7.0.3', f.name, JSON.stringify(doc)));
  }
  const { table, merged } = await generateFrom('7.0.3', files);
  expect(broken).toBeGreaterThan(400);
  expect(merged.redirects.filter((r) => r.kind === 'ref-component-kind')).toHaveLength(broken);
  expect(merged.unresolved.map((u) => u.stub)).toEqual(['vcenter.task.result_data', 'vcenter.task.task_info']);
  const shipped = JSON.parse(readFileSync(join(repoRoot, 'generated/7.0.3/operations.json'), 'utf8'));
  const clone = table.operations.find((o) => o.name === 'vcenter.vm.clone');
  expect([clone?.body, clone?.bodyRequired]).toEqual(['VcenterVMClone', true]);
  const withoutFlag = (ops: { bodyRequired?: boolean }[]) => ops.map(({ bodyRequired: _flag, ...o }) => o);
  expect(withoutFlag(table.operations)).toEqual(withoutFlag(shipped));
}, 300_000);

it('covers every shipped release', () => {
  expect(shipped).toEqual(['6.7.0', '7.0.0', '7.0.1', '7.0.2', '7.0.3', '8.0.2']);
});
