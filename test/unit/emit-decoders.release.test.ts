/**
 * emit-decoders on the real 7.0.3 definitions: every spec file converted to OpenAPI 3
 * with swagger2openapi (dangling `$ref`s stubbed), component schemas merged, decoders
 * emitted next to openapi-typescript types, imported, exercised, and type-checked with
 * tsc (time and memory printed, never asserted).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { emitDecoders, emitDecodersDts, type OpenAPI3SchemaObject } from '../../codegen/src/emit-decoders.js';
import { decode, schemaKitStats } from '../../runtime/src/decode/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RUNTIME = join(ROOT, 'runtime/src/decode/index.js');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const SPECS = '/work/shared/specs/vsphere/7.0.3';
const require = createRequire(import.meta.url);
const s2o = require('swagger2openapi') as {
  convertObj(spec: unknown, options: Record<string, unknown>): Promise<{ openapi: { components?: { schemas?: Record<string, OpenAPI3SchemaObject> } } }>;
};

type Swagger = { definitions?: Record<string, unknown> };

/** swagger2openapi on one Swagger 2.0 file, after stubbing the definitions it references but lacks. */
async function convert(file: string): Promise<{ schemas: Record<string, OpenAPI3SchemaObject>; stubbed: string[] }> {
  const spec = JSON.parse(readFileSync(file, 'utf8')) as Swagger;
  const defs = (spec.definitions ??= {});
  const stubbed: string[] = [];
  JSON.stringify(spec, (key, value: unknown) => {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/definitions/')) {
      const name = value.slice('#/definitions/'.length);
      if (!(name in defs)) {
        defs[name] = { 'x-vcenter-unresolved': true };
        stubbed.push(name);
      }
    }
    return value;
  });
  const { openapi } = await s2o.convertObj(spec, { patch: true, warnOnly: true });
  return { schemas: openapi.components?.schemas ?? {}, stubbed: [...new Set(stubbed)].sort() };
}

async function typesFor(schemas: Record<string, OpenAPI3SchemaObject>): Promise<string> {
  const doc = { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {}, components: { schemas } };
  return astToString(await openapiTS(doc as never));
}

function tsc(dir: string) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false', '--extendedDiagnostics'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const wallMs = Math.round(performance.now() - t);
  const out = `${r.stdout}${r.stderr}`;
  const stat = (label: string) => out.match(new RegExp(`^${label}:\\s+(\\S+)`, 'm'))?.[1];
  const errors = out.split('\n').filter((l) => l.includes('error TS'));
  return {
    status: r.status,
    errors,
    wallMs,
    totalTime: stat('Total time'),
    checkTime: stat('Check time'),
    memoryUsed: stat('Memory used'),
    types: stat('Types'),
  };
}

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noUncheckedIndexedAccess: true,
    isolatedModules: true,
    verbatimModuleSyntax: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  },
};

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function workDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'emit-decoders-release-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe.skipIf(!existsSync(SPECS))('emit-decoders on 7.0.3', () => {
  it('vcenter.json: emits, imports, decodes a VM list', async () => {
    // (7.0.2's vcenter.json lacks Oauth2TokenInfo and Oauth2ErrorsInvalidScope; 7.0.3's defines them)
    const { schemas } = await convert(join(SPECS, 'vcenter.json'));
    const src = emitDecoders({ schemas, typesModule: './types.js', runtimeModule: RUNTIME });
    const dir = workDir({ 'decoders.ts': src, 'types.ts': await typesFor(schemas) });
    const before = schemaKitStats().built;
    const mod = (await import(pathToFileURL(join(dir, 'decoders.ts')).href)) as {
      schemas: Record<string, () => import('zod').ZodType>;
    };
    expect(schemaKitStats().built).toBe(before);
    expect(Object.keys(mod.schemas)).toHaveLength(Object.keys(schemas).length);

    const vms = [
      { vm: 'vm-1', name: 'a', power_state: 'POWERED_ON', cpu_count: 2, memory_size_MiB: 4096 },
      { vm: 'vm-2', name: 'b', power_state: 'HIBERNATING', surprise: true },
    ];
    const r = decode(mod.schemas.VcenterVMSummary!, vms[0], { operation: 'vcenter.vm.list', release: '7.0.3', mode: 'strict' });
    expect(r.issues).toEqual([]);
    const r2 = decode(mod.schemas.VcenterVMSummary!, vms[1], { operation: 'vcenter.vm.list', release: '7.0.3', basePath: [1] });
    expect(r2.issues.map((i) => [i.path, i.code])).toEqual([['$[1].power_state', 'unknown_enum']]);

    // every schema builds, and a first parse resolves its direct refs
    for (const [name, get] of Object.entries(mod.schemas)) {
      const s = get();
      expect(s, name).toBeDefined();
      s.safeParse({});
    }
  }, 120_000);

  it('whole release: tsc --noEmit on the emitted decoders (time and memory printed)', async () => {
    const merged: Record<string, OpenAPI3SchemaObject> = {};
    const stubs: Record<string, string[]> = {};
    for (const file of readdirSync(SPECS).filter((f) => f.endsWith('.json')).sort()) {
      const { schemas, stubbed } = await convert(join(SPECS, file));
      if (stubbed.length) stubs[file] = stubbed;
      for (const [name, schema] of Object.entries(schemas)) if (!(name in merged)) merged[name] = schema;
    }
    // contentinternal.json refers to vcenter.task.* definitions it does not carry
    expect(stubs['contentinternal.json']).toEqual(['vcenter.task.result_data', 'vcenter.task.task_info']);
    const t = performance.now();
    const src = emitDecoders({ schemas: merged, typesModule: './types.js', runtimeModule: RUNTIME });
    const dts = emitDecodersDts({ schemas: merged, typesModule: './types.js', runtimeModule: RUNTIME });
    const emitMs = Math.round(performance.now() - t);
    const types = await typesFor(merged);

    const full = tsc(
      workDir({
        'decoders.ts': src,
        'types.ts': types,
        'tsconfig.json': JSON.stringify({ ...TSCONFIG, include: ['decoders.ts', 'types.ts'] }),
      }),
    );
    const typesOnly = tsc(
      workDir({ 'types.ts': types, 'tsconfig.json': JSON.stringify({ ...TSCONFIG, include: ['types.ts'] }) }),
    );
    const consumer = tsc(
      workDir({
        'decoders.d.ts': dts,
        'types.ts': types,
        'use.ts': "import { schemas } from './decoders.js';\nexport const s = schemas.VcenterVMSummary().parse({}).power_state;\n",
        'tsconfig.json': JSON.stringify({ ...TSCONFIG, include: ['decoders.d.ts', 'types.ts', 'use.ts'] }),
      }),
    );
    console.log(
      JSON.stringify(
        {
          release: '7.0.3',
          schemas: Object.keys(merged).length,
          stubs,
          emitMs,
          decodersTsBytes: src.length,
          decodersDtsBytes: dts.length,
          typesTsBytes: types.length,
          tscDecodersAndTypes: full,
          tscTypesOnly: typesOnly,
          tscDtsConsumer: consumer,
        },
        null,
        2,
      ),
    );
    expect(full.errors).toEqual([]);
    expect(full.status).toBe(0);
    expect(consumer.errors).toEqual([]);
    expect(consumer.status).toBe(0);
  }, 600_000);
});
