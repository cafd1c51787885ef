/**
 * Names stay unique without numbering when the spec can tell operations apart, and dangling
 * `$ref`s that only lack (or carry an extra) namespace prefix are redirected, not typed unknown.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../codegen/src/cli.js';
import { parseRelease, type RawSpecFile } from '../../codegen/src/load.js';
import { transformRelease } from '../../codegen/src/pipeline.js';
import type { Report } from '../../codegen/src/report.js';

const raw = (release: string, name: string, doc: object): RawSpecFile => {
  const bytes = Buffer.from(JSON.stringify(doc));
  return { name, label: `${release}/${name}`, sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
};
const swagger = (paths: object, definitions: object = {}) => ({
  swagger: '2.0',
  info: { title: 't', version: '1' },
  basePath: '',
  paths,
  definitions,
});
const noContent = { 204: { description: 'done' } };
const report = (release: string): Report => JSON.parse(readFileSync(join(repoRoot, 'generated', release, 'report.json'), 'utf8'));

describe('operation names', () => {
  // 8.0.2's hvc.json: the DELETE verb and the `delete` action of delete_with_credentials.
  const links = {
    '/api/hvc/links/{link}': { delete: { operationId: 'delete', responses: noContent } },
    '/api/hvc/links/{link}?action=delete': { post: { operationId: 'delete_with_credentials', responses: noContent } },
  };

  it('an action-named operation whose name is taken falls back to its operationId, whatever the order', async () => {
    for (const paths of [links, Object.fromEntries(Object.entries(links).reverse())]) {
      const { table } = await transformRelease('9.2.0', parseRelease([raw('9.2.0', 'hvc.json', swagger(paths))]), []);
      expect(table.operations.map((o) => [o.name, o.method, o.path]).sort()).toEqual([
        ['hvc.links.delete', 'DELETE', '/api/hvc/links/{link}'],
        ['hvc.links.delete_with_credentials', 'POST', '/api/hvc/links/{link}?action=delete'],
      ]);
      expect(table.renamed).toEqual([
        {
          method: 'POST',
          path: '/api/hvc/links/{link}?action=delete',
          wanted: 'hvc.links.delete',
          got: 'hvc.links.delete_with_credentials',
          by: 'operationId',
        },
      ]);
    }
  });

  it('an action-named operation alone keeps the action as its verb', async () => {
    const { table } = await transformRelease(
      '9.2.1',
      parseRelease([
        raw('9.2.1', 'hvc.json', swagger({ '/api/hvc/links/{link}?action=delete': links['/api/hvc/links/{link}?action=delete'] })),
      ]),
      [],
    );
    expect(table.operations.map((o) => o.name)).toEqual(['hvc.links.delete']);
    expect(table.renamed).toEqual([]);
  });

  it('numbers what nothing in the spec tells apart, and says so', async () => {
    const paths = {
      '/api/x/thing/{id}': { delete: { operationId: 'delete', responses: noContent } },
      '/api/x/thing/{id}?action=delete': { post: { operationId: 'delete', responses: noContent } },
    };
    const { table } = await transformRelease('9.2.2', parseRelease([raw('9.2.2', 'x.json', swagger(paths))]), []);
    expect(table.operations.map((o) => o.name).sort()).toEqual(['x.thing.delete', 'x.thing.delete_2']);
    expect(table.renamed).toEqual([expect.objectContaining({ got: 'x.thing.delete_2', by: 'numbered' })]);
  });

  it('8.0.2: every name unique, none numbered', () => {
    const r = report('8.0.2');
    expect(r.counts.operations).toBe(785);
    expect(r.renamed).toEqual([
      {
        method: 'POST',
        path: '/api/hvc/links/{link}?action=delete',
        wanted: 'hvc.links.delete',
        got: 'hvc.links.delete_with_credentials',
        by: 'operationId',
      },
    ]);
    for (const release of ['6.7.0', '7.0.0', '7.0.1', '7.0.2', '7.0.3']) expect(report(release).renamed, release).toEqual([]);
  });
});

describe('dangling $refs and the namespace prefix', () => {
  const definitions = {
    'com.vmware.lab.thing': { type: 'object', properties: { on: { type: 'boolean' } }, required: ['on'] },
    'lab.other': { type: 'string', enum: ['A', 'B'] },
    // Both spellings exist: the ref below is ambiguous only if it resolves nowhere, which it does not.
    'com.vmware.lab.both': { type: 'string' },
    'lab.both': { type: 'integer' },
    'com.vmware.lab.change$task': { type: 'string' },
  };
  const paths = {
    '/api/lab/thing': {
      get: {
        operationId: 'get',
        responses: {
          200: {
            description: 'ok',
            schema: {
              type: 'object',
              properties: {
                thing: { $ref: '#/definitions/lab.thing' },
                other: { $ref: '#/definitions/com.vmware.lab.other' },
                both: { $ref: '#/definitions/lab.both' },
                gone: { $ref: '#/definitions/lab.gone' },
                task: { $ref: '#/definitions/lab.change_task' },
              },
            },
          },
        },
      },
    },
  };

  it('redirects a ref that resolves once the prefix is added or dropped, and lists it under repairs', async () => {
    const { merged } = await transformRelease('9.3.0', parseRelease([raw('9.3.0', 'lab.json', swagger(paths, definitions))]), []);
    expect(merged.redirects).toEqual([
      {
        kind: 'ref-namespace-prefix',
        file: '9.3.0/lab.json',
        pointer: '/paths/~1api~1lab~1thing/get/responses/200/schema/properties/thing/$ref',
        ref: '#/definitions/lab.thing',
        to: 'com.vmware.lab.thing',
      },
      {
        kind: 'ref-namespace-prefix',
        file: '9.3.0/lab.json',
        pointer: '/paths/~1api~1lab~1thing/get/responses/200/schema/properties/other/$ref',
        ref: '#/definitions/com.vmware.lab.other',
        to: 'lab.other',
      },
      {
        kind: 'ref-namespace-prefix',
        file: '9.3.0/lab.json',
        pointer: '/paths/~1api~1lab~1thing/get/responses/200/schema/properties/task/$ref',
        ref: '#/definitions/lab.change_task',
        to: 'com.vmware.lab.change$task',
      },
    ]);
    expect(merged.unresolved.map((u) => [u.ref, u.became])).toEqual([['#/definitions/lab.gone', 'unknown']]);
    const result = merged.doc.components.schemas['lab.thing.get$result'].properties;
    expect(result.thing.$ref).toBe('#/components/schemas/com.vmware.lab.thing');
    expect(result.other.$ref).toBe('#/components/schemas/lab.other');
    expect(result.both.$ref).toBe('#/components/schemas/lab.both');
    expect(merged.doc.components.schemas['com.vmware.lab.thing']['x-vcenter-unresolved']).toBeUndefined();
  });

  it('7.0.0: every appliance ref is redirected, none stays unknown', () => {
    const r = report('7.0.0');
    const redirects = r.repairs.filter((x) => x.kind === 'ref-namespace-prefix');
    expect(redirects).toHaveLength(205);
    expect(r.counts.redirectedRefs).toBe(205);
    expect(redirects).toContainEqual(
      expect.objectContaining({ ref: '#/definitions/appliance.access.consolecli_resp', to: 'com.vmware.appliance.access.consolecli_resp' }),
    );
    // compared as the types name them: `$` is `_` there
    expect(redirects).toContainEqual(
      expect.objectContaining({
        ref: '#/definitions/appliance.networking.change_task_resp',
        to: 'com.vmware.appliance.networking.change$task_resp',
      }),
    );
    expect(r.unresolved).toEqual([]);
    expect(r.counts.unresolvedRefs).toBe(0);
    const ops = JSON.parse(readFileSync(join(repoRoot, 'generated/7.0.0/operations.json'), 'utf8')) as { name: string; result?: string }[];
    expect(ops.find((o) => o.name === 'rest.appliance.access.consolecli.get')?.result).toBe('rest.appliance.access.consolecli.get$result');
  });

  it('7.0.3: the two contentinternal refs to vcenter.task types match nothing and stay unknown', () => {
    const r = report('7.0.3');
    expect(r.counts.redirectedRefs).toBe(0);
    expect(r.unresolved.map((u) => u.ref)).toEqual(['#/definitions/vcenter.task.result_data', '#/definitions/vcenter.task.task_info']);
  });
});
