/** codegen/src/diff.ts directly (pure): the kinds of change the tiny releases of diff.test.ts do not show. */
import { describe, expect, it } from 'vitest';
import { renderDiffMarkdown } from '../../codegen/src/changes.js';
import { diffReleases, type ReleaseSnapshot } from '../../codegen/src/diff.js';
import type { OperationSpec } from '@vcenter-sdk/runtime';

const op = (name: string, o: Partial<OperationSpec> = {}): OperationSpec => ({
  name,
  method: 'POST',
  path: `/api/${name.replaceAll('.', '/')}`,
  pathname: `/api/${name.replaceAll('.', '/')}`,
  query: {},
  style: 'api',
  async: false,
  idempotent: false,
  parameters: [],
  success: [200],
  errors: {},
  service: 'x',
  ...o,
});

const ref = (n: string) => ({ $ref: `#/components/schemas/${n}` });

const A: ReleaseSnapshot = {
  release: '1.0',
  operations: [
    op('x.a.create', { body: 'XSpec', result: 'XInfo' }),
    op('x.a.find', { parameters: [{ name: 'limit', in: 'query', required: false }], result: 'XInfo' }),
  ],
  openapi: {
    components: {
      schemas: {
        XSpec: {
          type: 'object',
          properties: { name: { type: 'string' }, size: { type: 'integer' }, old: { type: 'string' } },
          required: ['name'],
        },
        XInfo: {
          type: 'object',
          properties: {
            spec: ref('XSpec'),
            tags: { type: 'array', items: { type: 'string' } },
            nested: { type: 'object', properties: { a: { type: 'string' } } },
          },
        },
        XMode: { type: 'string', enum: ['A', 'B', 'C'] },
      },
    },
    paths: { '/api/x/a/find': { post: { parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer' } }] } } },
  },
};

const B: ReleaseSnapshot = {
  release: '2.0',
  operations: [
    op('x.a.create', { body: 'XCreateSpec', result: 'XInfo' }),
    op('x.a.find', {
      parameters: [
        { name: 'limit', in: 'query', required: true },
        { name: 'mode', in: 'query', required: false },
      ],
      result: 'XInfo',
    }),
  ],
  openapi: {
    components: {
      schemas: {
        XSpec: {
          type: 'object',
          properties: { name: { type: 'string' }, size: { type: 'integer', format: 'int64' } },
          required: ['name', 'size'],
        },
        XCreateSpec: { type: 'object', properties: { name: { type: 'string' } } },
        XInfo: {
          type: 'object',
          properties: {
            spec: ref('XSpec'),
            tags: { type: 'array', items: { type: 'string' } },
            nested: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'boolean' } } },
          },
        },
        XMode: { type: 'string', enum: ['A', 'C', 'D'] },
      },
    },
    paths: {
      '/api/x/a/find': {
        post: {
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'string' } },
            { name: 'mode', in: 'query', schema: ref('XMode') },
          ],
        },
      },
    },
  },
};

describe('diffReleases', () => {
  const d = diffReleases(A, B);
  const schema = (n: string) => d.schemas.changed.find((c) => c.name === n);

  it('reports fields made required, retyped and removed, and enum values added and removed', () => {
    expect(schema('XSpec')).toMatchObject({
      madeRequired: ['size'],
      fieldsRetyped: [{ field: 'size', from: 'integer', to: 'integer(int64)' }],
      fieldsRemoved: [{ field: 'old', type: 'string' }],
      fieldsAdded: [],
    });
    expect(schema('XMode')).toMatchObject({ enumAdded: [{ values: ['D'] }], enumRemoved: [{ values: ['B'] }] });
  });

  it('compares inline objects field by field and does not cascade through $refs', () => {
    // XInfo refers to XSpec, which changed; XInfo itself changed only by its inline nested.b.
    expect(schema('XInfo')).toMatchObject({ fieldsAdded: [{ field: 'nested.b', type: 'boolean', required: false }], fieldsRetyped: [] });
    expect(d.schemas.added).toEqual(['XCreateSpec']);
  });

  it('reports request changes: body schema renamed, parameter added, made required, retyped', () => {
    const create = d.operations.changed.find((c) => c.name === 'x.a.create')!;
    expect(create.request).toEqual([{ kind: 'body', from: 'XSpec', to: 'XCreateSpec' }]);
    expect(create.result).toEqual([{ kind: 'result-schema', schema: 'XInfo' }]);
    const find = d.operations.changed.find((c) => c.name === 'x.a.find')!;
    expect(find.request).toEqual([
      { kind: 'parameter-required', name: 'limit', in: 'query', from: false, to: true },
      { kind: 'parameter-retyped', name: 'limit', in: 'query', from: 'integer', to: 'string' },
      { kind: 'parameter-added', name: 'mode', in: 'query', required: false, type: 'XMode' },
    ]);
    // XInfo (the result) changed in place: reported once, pointing at the schema.
    expect(find.result).toEqual([{ kind: 'result-schema', schema: 'XInfo' }]);
  });

  it('renders deterministic Markdown', () => {
    const md = renderDiffMarkdown(d);
    expect(md).toBe(renderDiffMarkdown(diffReleases(A, B)));
    expect(md).toContain('  - request: parameter `limit` (query) retyped: `integer` → `string`');
    expect(md).toContain('  - field `size` made required');
    expect(md).toContain('  - enum values removed: `B`');
    expect(md).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });
});
