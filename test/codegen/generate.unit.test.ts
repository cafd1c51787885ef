/**
 * The generator on release folders it has never seen: Swagger 2.0 and OpenAPI 3.0 YAML,
 * determinism, incremental skips, and atomic failure with errors that name file and pointer.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { digestTree } from '../support/digest-tree.js';
import { scratchDirs } from '../support/scratch.js';
import { repoRoot } from '../../codegen/src/cli.js';
import { generateRelease, type GenerateOptions } from '../../codegen/src/pipeline.js';
import { SpecRegistry } from '../../codegen/src/registry.js';
import { openapiRelease, specsFolder, swaggerRelease } from './fixtures.js';

const tempDir = scratchDirs();

function options(specsDir: string, outDir: string, over: Partial<GenerateOptions> = {}): GenerateOptions {
  // An empty registry: these releases are unknown to the project, as a user's new release is.
  const registryDir = tempDir('registry-');
  return { specsDir, outDir, rootDir: repoRoot, registry: new SpecRegistry(registryDir), runtimeVersion: '0.1.0', ...over };
}

const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

describe('a Swagger 2.0 release never seen before', () => {
  const specs = specsFolder({ '9.0.0-lab': swaggerRelease() });
  const out = tempDir('out-');

  it('generates every operation, with stable names, split paths and unwrapped /rest results', async () => {
    const r = await generateRelease('9.0.0-lab', options(specs, out));
    expect(r.skipped).toBe(false);
    const ops = readJson(join(out, '9.0.0-lab/operations.json')) as any[];
    const byName = Object.fromEntries(ops.map((o) => [o.name, o]));
    expect(Object.keys(byName).sort()).toEqual([
      'lab.widget.clone',
      'lab.widget.clone$task',
      'lab.widget.create',
      'lab.widget.get',
      'lab.widget.list',
      'rest.lab.widget.find',
      'rest.lab.widget.get',
    ]);
    expect(byName['lab.widget.clone$task']).toMatchObject({
      method: 'POST',
      path: '/api/lab/widget?action=clone&vmw-task=true',
      pathname: '/api/lab/widget',
      query: { action: 'clone', 'vmw-task': 'true' },
      style: 'api',
      async: true,
      syncTwin: 'lab.widget.clone',
      body: 'LabWidgetSpec',
    });
    expect(byName['rest.lab.widget.get']).toMatchObject({
      path: '/rest/lab/widget/id:{widget}',
      style: 'rest',
      result: 'LabWidgetSummary',
      errors: { '404': 'vapi.std.errors.not_found' },
      parameters: [{ name: 'widget', in: 'path', required: true }],
    });
    expect(byName['rest.lab.widget.find']).toMatchObject({ idempotent: true, result: 'rest.lab.widget.find$result' });
    expect(byName['lab.widget.list'].result).toBe('lab.widget.list$result');
  });

  it('reports the dangling $ref with its file and JSON pointer, typed unknown', () => {
    const report = readJson(join(out, '9.0.0-lab/report.json'));
    expect(report.unresolved).toEqual([
      {
        file: '9.0.0-lab/lab.json',
        pointer: '/paths/~1rest~1lab~1widget?~0action=find/post/responses/200/schema/properties/value/items/$ref',
        ref: '#/definitions/Missing.Thing',
        stub: 'Missing.Thing',
        became: 'unknown',
      },
    ]);
    expect(readFileSync(join(out, '9.0.0-lab/src/types.ts'), 'utf8')).toMatch(/"Missing\.Thing": unknown;/);
  });

  it('is importable as a package whose default export is the release descriptor', async () => {
    const mod = await import(pathToFileURL(join(out, '9.0.0-lab/dist/index.js')).href);
    expect(mod.default.release).toBe('9.0.0-lab');
    expect(mod.default.operations).toHaveLength(7);
    const decoded = mod.default.schemas.LabWidgetSummary().safeParse({ widget: 'w-1', size: 3, extra: 'kept' });
    expect(decoded.success).toBe(true);
    expect(readJson(join(out, '9.0.0-lab/package.json'))).toMatchObject({
      name: '@vcenter-sdk/vsphere-9.0.0-lab',
      exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
      peerDependencies: { '@vcenter-sdk/runtime': '^0.1.0' },
    });
  });

  it('is byte-identical when regenerated, and skipped when nothing changed', async () => {
    const before = digestTree(join(out, '9.0.0-lab'));
    const again = tempDir('again-');
    await generateRelease('9.0.0-lab', options(specs, again));
    expect(digestTree(join(again, '9.0.0-lab'))).toEqual(before);
    expect(JSON.stringify(before)).not.toContain(repoRoot);

    const stages: string[] = [];
    const r = await generateRelease('9.0.0-lab', options(specs, out, { onStage: (_r, s) => stages.push(s) }));
    expect(r.skipped).toBe(true);
    expect(stages).toEqual(['load']);
  });
});

describe('an OpenAPI 3.0 YAML release never seen before', () => {
  it('generates with the server path as prefix', async () => {
    const specs = specsFolder({ '9.9.0': openapiRelease() });
    const out = tempDir('out-');
    await generateRelease('9.9.0', options(specs, out));
    const ops = readJson(join(out, '9.9.0/operations.json')) as any[];
    expect(ops.map((o) => [o.name, o.method, o.path, o.service])).toEqual([
      ['vcenter.gadget.list', 'GET', '/api/vcenter/gadget', 'future'],
      ['vcenter.gadget.reset', 'POST', '/api/vcenter/gadget/{gadget}?action=reset', 'future'],
    ]);
    const doc = readJson(join(out, '9.9.0/openapi.json'));
    expect(Object.keys(doc.paths)).toEqual(['/api/vcenter/gadget', '/api/vcenter/gadget/{gadget}?action=reset']);
    // The view Prism serves is the Prism suites' own (test/prism/front/mock-view.ts): codegen writes none.
    expect(existsSync(join(out, '9.9.0/openapi.mock.json'))).toBe(false);
  });
});

describe('a generate that fails', () => {
  it('keeps the previous output and names the file', async () => {
    const specs = specsFolder({ '9.0.0-lab': swaggerRelease() });
    const out = tempDir('out-');
    await generateRelease('9.0.0-lab', options(specs, out));
    const before = digestTree(join(out, '9.0.0-lab'));
    writeFileSync(join(specs, '9.0.0-lab/lab.json'), '{"swagger": "2.0", "paths": {');
    await expect(generateRelease('9.0.0-lab', options(specs, out))).rejects.toThrow(/^9\.0\.0-lab\/lab\.json: not valid JSON/);
    expect(digestTree(join(out, '9.0.0-lab'))).toEqual(before);
    const staging = join(out, '.staging');
    expect(existsSync(staging) ? readdirSync(staging).filter((n) => n.startsWith('9.0.0-lab')) : []).toEqual([]);
  });

  it('names the JSON pointer of a malformed operation', async () => {
    const release = swaggerRelease() as any;
    release['lab.json'].paths['/api/lab/widget'].get.parameters = [{ in: 'query' }];
    const specs = specsFolder({ '9.0.1': release });
    await expect(generateRelease('9.0.1', options(specs, tempDir('out-')))).rejects.toThrow(
      '9.0.1 (merged) at /paths/~1api~1lab~1widget/get/parameters/0: a parameter needs a name and an `in`',
    );
  });

  it('names the fix file and op when a recorded fix no longer applies', async () => {
    const specs = specsFolder({ '9.0.2': swaggerRelease() });
    const registryDir = tempDir('registry-');
    mkdirSync(join(registryDir, 'fixes/9.0.2'), { recursive: true });
    writeFileSync(
      join(registryDir, 'fixes/9.0.2/lab.json.patch.json'),
      JSON.stringify([{ op: 'test', path: '/definitions/LabWidgetSpec/type', value: 'string' }]),
    );
    const o = { ...options(specs, tempDir('out-')), registry: new SpecRegistry(registryDir) };
    await expect(generateRelease('9.0.2', o)).rejects.toThrow(
      /specs\/fixes\/9\.0\.2\/lab\.json\.patch\.json at \/0: op 0 \(test\): 9\.0\.2\/lab\.json has "object"/,
    );
  });
});

describe('a changed input of a known release', () => {
  it('is reported against the recorded digest, not silently used', async () => {
    const specs = specsFolder({ '9.0.3': swaggerRelease() });
    const registryDir = tempDir('registry-');
    const registry = new SpecRegistry(registryDir);
    const { loadRelease } = await import('../../codegen/src/load.js');
    registry.record('9.0.3', loadRelease(specs, '9.0.3'));
    writeFileSync(
      join(specs, '9.0.3/common.json'),
      JSON.stringify({ ...(swaggerRelease()['common.json'] as object), info: { title: 'changed', version: '2' } }),
    );
    const r = await generateRelease('9.0.3', { ...options(specs, tempDir('out-')), registry });
    expect(r.report.inputs.digests.changed).toEqual([expect.objectContaining({ file: '9.0.3/common.json' })]);
    const { summarize } = await import('../../codegen/src/report.js');
    expect(summarize(r.report).join('\n')).toMatch(/WARNING: 9\.0\.3\/common\.json differs from the recorded digest/);
  });
});

vi.setConfig({ testTimeout: 60_000 });
