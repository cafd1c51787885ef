/**
 * References that resolve nowhere never fail a release: one that names a component of another
 * kind is repaired (VMware's OpenAPI 3.0 rendering of 7.0.3 refers to
 * `#/components/requestBodies/<Name>` where `<Name>` is only a schema), any other becomes
 * unknown (or is left out), and each is listed in report.json; `--strict` makes them fatal.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { repoRoot, runGenerate } from '../../codegen/src/cli.js';
import { generateRelease, type GenerateOptions } from '../../codegen/src/pipeline.js';
import { SpecRegistry } from '../../codegen/src/registry.js';
import type { Report } from '../../codegen/src/report.js';
import { scratchDirs } from '../support/scratch.js';
import { specsFolder } from './fixtures.js';

const tempDir = scratchDirs();
const options = (specsDir: string, outDir: string, over: Partial<GenerateOptions> = {}): GenerateOptions => ({
  specsDir,
  outDir,
  rootDir: repoRoot,
  registry: new SpecRegistry(tempDir('registry-')),
  runtimeVersion: '0.1.0',
  ...over,
});
const ok = { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'string' } } } } };

/** The defect's shape: bodies refer to requestBodies that exist only as schemas. */
function vcenterDoc() {
  return {
    openapi: '3.0.0',
    info: { title: 'vcenter', version: '7.0.3' },
    servers: [{ url: 'https://{host}/api' }],
    paths: {
      '/vcenter/vm?action=clone': {
        post: { operationId: 'clone', requestBody: { $ref: '#/components/requestBodies/VcenterVMClone' }, responses: ok },
      },
      '/vcenter/vm/{vm}': {
        patch: {
          operationId: 'update',
          parameters: [{ name: 'vm', in: 'path', required: true, schema: { type: 'string' } }, { $ref: '#/components/parameters/Missing' }],
          requestBody: { $ref: '#/components/requestBodies/Nope' },
          responses: { 200: { $ref: '#/components/responses/Gone' }, 404: { $ref: '#/components/responses/VcenterVMClone' } },
        },
      },
    },
    components: {
      schemas: {
        VcenterVMClone: { $ref: '#/components/schemas/VcenterVMCloneSpec' },
        VcenterVMCloneSpec: {
          type: 'object',
          properties: { source: { type: 'string' }, name: { type: 'string' }, folder: { $ref: '#/components/schemas/Absent' } },
          required: ['source', 'name'],
        },
      },
    },
  };
}

const renderings = [
  ['JSON', 'vcenter.json', JSON.stringify(vcenterDoc())],
  ['YAML', 'vcenter.yaml', stringify(vcenterDoc())],
] as const;

describe.each(renderings)('an OpenAPI 3.0 rendering in %s with dangling references', (_format, file, text) => {
  it('generates every operation: the requestBodies ref is repaired to the schema, the others are unknown or left out, all listed', async () => {
    const out = tempDir('out-');
    const r = await generateRelease('9.5.0', options(specsFolder({ '9.5.0': { [file]: text } }), out));
    const report: Report = JSON.parse(readFileSync(join(out, '9.5.0/report.json'), 'utf8'));
    expect(r.report).toEqual(report);
    const label = `9.5.0/${file}`;
    expect(report.repairs.filter((x) => x.kind === 'ref-component-kind')).toEqual([
      {
        kind: 'ref-component-kind',
        file: label,
        pointer: '/paths/~1vcenter~1vm?action=clone/post/requestBody/$ref',
        ref: '#/components/requestBodies/VcenterVMClone',
        to: '#/components/schemas/VcenterVMClone',
      },
      {
        kind: 'ref-component-kind',
        file: label,
        pointer: '/paths/~1vcenter~1vm~1{vm}/patch/responses/404/$ref',
        ref: '#/components/responses/VcenterVMClone',
        to: '#/components/schemas/VcenterVMClone',
      },
    ]);
    expect(report.unresolved.map((u) => [u.pointer, u.ref, u.became])).toEqual([
      ['/paths/~1vcenter~1vm~1{vm}/patch/parameters/1/$ref', '#/components/parameters/Missing', 'dropped'],
      ['/paths/~1vcenter~1vm~1{vm}/patch/requestBody/$ref', '#/components/requestBodies/Nope', 'unknown'],
      ['/paths/~1vcenter~1vm~1{vm}/patch/responses/200/$ref', '#/components/responses/Gone', 'unknown'],
      ['/components/schemas/VcenterVMCloneSpec/properties/folder/$ref', '#/components/schemas/Absent', 'unknown'],
    ]);
    expect(report.unresolved.every((u) => u.file === label)).toBe(true);
    const ops = JSON.parse(readFileSync(join(out, '9.5.0/operations.json'), 'utf8'));
    expect(ops.map((o: any) => [o.name, o.body, o.bodyRequired, o.result, o.parameters.map((p: any) => p.name)])).toEqual([
      ['vcenter.vm.update', 'Nope', false, 'Gone', ['vm']],
      ['vcenter.vm.clone', 'VcenterVMClone', true, 'vcenter.vm.clone$result', []],
    ]);
    const types = readFileSync(join(out, '9.5.0/src/types.ts'), 'utf8');
    expect(types).toMatch(
      /"vcenter\.vm\.clone": \{[\s\S]*?requestBody: \{\s*content: \{\s*"application\/json": components\["schemas"\]\["VcenterVMClone"\]/,
    );
    expect(types).toMatch(/Nope: unknown;/);
  });

  it('--strict fails the release on the first of them, naming the file and the JSON pointer, and writes nothing', async () => {
    const out = tempDir('out-');
    const specs = specsFolder({ '9.5.1': { [file]: text } });
    await expect(generateRelease('9.5.1', options(specs, out, { strict: true }))).rejects.toThrow(
      `9.5.1/${file} at /paths/~1vcenter~1vm~1{vm}/patch/parameters/1/$ref: $ref #/components/parameters/Missing resolves nowhere (--strict; without it, it is left out); 3 more in report.json "unresolved"`,
    );
    expect(existsSync(join(out, '9.5.1'))).toBe(false);
  });
});

it('generate --strict fails the release whose reference resolves nowhere, and says where; without it the release generates', async () => {
  const specs = specsFolder({ '9.5.2': { 'vcenter.json': JSON.stringify(vcenterDoc()) } });
  const out = tempDir('out-');
  const errors: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const error = vi.spyOn(console, 'error').mockImplementation((m: unknown) => void errors.push(String(m)));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    expect(await runGenerate({ specs, out, strict: true })).toBe(1);
    expect(errors.join('\n')).toContain(
      '9.5.2/vcenter.json at /paths/~1vcenter~1vm~1{vm}/patch/parameters/1/$ref: $ref #/components/parameters/Missing resolves nowhere (--strict',
    );
    expect(existsSync(join(out, '9.5.2'))).toBe(false);
    expect(await runGenerate({ specs, out })).toBe(0);
    expect(existsSync(join(out, '9.5.2/report.json'))).toBe(true);
    // Up to date now, yet --strict still refuses it (from its recorded report).
    expect(await runGenerate({ specs, out, strict: true })).toBe(1);
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
  }
}, 120_000);
