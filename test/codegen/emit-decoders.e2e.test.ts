import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitChecksModules, emitDecoders, quote, refName, type OpenAPI3SchemaObject } from '../../codegen/src/emit-decoders.js';
import { checkKit, decode, DecodeError, schemaKit, type Check, type DecodeIssue, type SchemaKit } from '@vcenter-sdk/runtime';
import { REPO_ROOT as ROOT } from '../support/paths.js';

const RUNTIME = join(ROOT, 'runtime/src/decode/index.js');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const OP = { operation: 'vcenter.vm.list', release: 'test' };

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const SCHEMAS: Record<string, OpenAPI3SchemaObject> = {
  VcenterVmPowerState: { type: 'string', enum: ['POWERED_OFF', 'POWERED_ON', 'SUSPENDED'] },
  VcenterVMSummary: {
    type: 'object',
    properties: {
      vm: { type: 'string' },
      name: { type: 'string' },
      power_state: ref('VcenterVmPowerState'),
      cpu_count: { type: 'integer', format: 'int64' },
      memory_size_MiB: { type: 'integer', format: 'int64' },
      nics: { type: 'array', items: { type: 'string' } },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      guest: ref('Oauth2TokenInfo'),
      note: { type: 'string', nullable: true },
    },
    required: ['vm', 'name', 'power_state'],
  },
  'com.vmware.vcenter.folder.node': {
    type: 'object',
    properties: {
      name: { type: 'string' },
      children: { type: 'array', items: ref('com.vmware.vcenter.folder.node') },
      "it's": { type: 'boolean' },
    },
    required: ['name', 'children'],
  },
  AnyMap: { type: 'object', additionalProperties: true },
  Oauth2TokenInfo: { 'x-vcenter-unresolved': true },
  Empty: {},
  Ratio: { type: 'number', format: 'double' },
  Small: { type: 'integer', format: 'int32' },
  Either: { oneOf: [{ type: 'string' }, { type: 'integer', format: 'int64' }] },
  Both: { allOf: [ref('AnyMap'), { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] }] },
  Dangling: { type: 'object', properties: { x: ref('NotDefinedAnywhere') } },
};

const TYPES = `export interface components {
  schemas: {
    VcenterVmPowerState: 'POWERED_OFF' | 'POWERED_ON' | 'SUSPENDED';
    VcenterVMSummary: {
      vm: string;
      name: string;
      power_state: components['schemas']['VcenterVmPowerState'];
      cpu_count?: number;
      memory_size_MiB?: number;
      nics?: string[];
      labels?: { [key: string]: string };
      guest?: components['schemas']['Oauth2TokenInfo'];
      note?: string | null;
    };
    'com.vmware.vcenter.folder.node': { name: string; children: components['schemas']['com.vmware.vcenter.folder.node'][]; "it's"?: boolean };
    AnyMap: { [key: string]: unknown };
    Oauth2TokenInfo: unknown;
    Empty: unknown;
    Ratio: number;
    Small: number;
    Either: string | number;
    Both: components['schemas']['AnyMap'] & { id: string };
    Dangling: { x?: unknown };
  };
}
`;

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

function tsc(dir: string) {
  const r = spawnSync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

type Schemas = Record<string, () => import('zod').ZodType>;

let dir: string;
let src: string;
let kit: SchemaKit;
let builtAfterImport: number;
let schemas: Schemas;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'emit-decoders-'));
  src = emitDecoders({ schemas: SCHEMAS, typesModule: './types.js', runtimeModule: RUNTIME });
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
  writeFileSync(join(dir, 'types.ts'), TYPES);
  writeFileSync(join(dir, 'decoders.ts'), src);
  writeFileSync(join(dir, 'checks.ts'), emitChecksModules({ schemas: SCHEMAS, typesModule: './types.js', runtimeModule: RUNTIME }).all);
  type Factory<A extends unknown[], T> = { default: (...args: A) => T };
  const checks = (await import(pathToFileURL(join(dir, 'checks.ts')).href)) as Factory<[typeof checkKit], Readonly<Record<string, Check>>>;
  const decoders = (await import(pathToFileURL(join(dir, 'decoders.ts')).href)) as Factory<
    [SchemaKit, Readonly<Record<string, Check>>],
    Schemas
  >;
  kit = schemaKit();
  schemas = decoders.default(kit, checks.default(checkKit));
  builtAfterImport = kit.built;
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('emitDecoders: text', () => {
  it('is deterministic: sorted by name, independent of input order', () => {
    const reversed = Object.fromEntries(Object.entries(SCHEMAS).reverse());
    expect(emitDecoders({ schemas: reversed, typesModule: './types.js', runtimeModule: RUNTIME })).toBe(src);
    const names = [...src.matchAll(/^ {4}'([^']+)': k\.lazy/gm)].map((m) => m[1]);
    expect(names).toEqual([...Object.keys(SCHEMAS)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('uses dotted names as string keys and annotates each entry with its openapi-typescript type', () => {
    expect(src).toContain(
      "'com.vmware.vcenter.folder.node': k.lazy<S['com.vmware.vcenter.folder.node']>('com.vmware.vcenter.folder.node', () => k.object({ name: k.string(), children: k.array(k.ref('com.vmware.vcenter.folder.node')), 'it\\'s': k.boolean() }, ['name', 'children']), checks['com.vmware.vcenter.folder.node']),",
    );
    expect(src).toContain("import type { components } from './types.js';");
    expect(src).toContain("type S = components['schemas'];");
    // refs to unresolved or missing schemas are unknown(), not refs
    expect(src).toContain('guest: k.unknown()');
    expect(src).toContain("'Dangling': k.lazy<S['Dangling']>('Dangling', () => k.object({ x: k.unknown() }), checks['Dangling']),");
    expect(src).toContain('note: k.nullable(k.string())');
    expect(src).toContain("'Small': k.lazy<S['Small']>('Small', () => k.int32(), checks['Small']),");
    // each entry's ahead-of-time check is a plain function of the checks module, by the same name
    const { all } = emitChecksModules({ schemas: SCHEMAS, typesModule: './types.js' });
    expect(all).toContain("  'Small': c7,");
    expect(all).toContain('function c7(x: any): boolean { return Number.isSafeInteger(x); }');
  });

  it('defaults the runtime module to @vcenter-sdk/runtime, and transpiles without diagnostics', () => {
    const text = emitDecoders({ schemas: SCHEMAS, typesModule: './types.js' });
    expect(text).toMatch(/^\/\* Generated by vcenter-sdk codegen/);
    // imports nothing at run time: the release hands it the runtime's kit
    expect(text).toContain("import type { Check, SchemaKit } from '@vcenter-sdk/runtime';");
    expect(text).toContain('export default function decoders(k: SchemaKit, checks: Readonly<Record<string, Check>>) {');
    const out = ts.transpileModule(text, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      reportDiagnostics: true,
    });
    expect(out.diagnostics ?? []).toEqual([]);
    expect(out.outputText).not.toContain('./types.js'); // type-only import erased
  });

  it('emits result checks per group: each module holds its schemas and what they reach, nothing else', () => {
    const groups = new Map([
      ['vcenter.vm', ['VcenterVMSummary']],
      ['small', ['Small']],
    ]);
    const { all, groups: out } = emitChecksModules({ schemas: SCHEMAS, typesModule: './types.js' }, groups);
    const vm = out.get('vcenter.vm')!;
    const fn = (name: string) => new RegExp(`'${name}': (c\\d+),`).exec(all)![1]!;
    expect(vm).toContain(`'VcenterVMSummary': ${fn('VcenterVMSummary')},`);
    expect(vm).toContain(`function ${fn('VcenterVMSummary')}(`);
    expect(vm).not.toContain(`function ${fn('Small')}(`);
    expect(out.get('small')).not.toContain(`function ${fn('VcenterVMSummary')}(`);
    expect(vm.length).toBeLessThan(all.length);
  });

  it('quote and refName', () => {
    expect(quote("a'b\\c\nd\u2028")).toBe("'a\\'b\\\\c\\nd\\u2028'");
    expect(refName('#/components/schemas/a~1b%20c~0')).toBe('a/b c~');
    expect(refName('#/definitions/X')).toBeUndefined();
  });
});

describe('emitted decoders: behaviour', () => {
  it('importing builds nothing; each schema is built once, on first use', () => {
    expect(builtAfterImport).toBe(0);
    const s = schemas.VcenterVMSummary!();
    expect(kit.built).toBe(1);
    expect(schemas.VcenterVMSummary!()).toBe(s);
    decode(s, { vm: 'vm-1', name: 'a', power_state: 'POWERED_ON' }, OP);
    expect(kit.built).toBe(2); // + the power state enum, via its ref
  });

  it('accepts unknown fields and returns the data as received', () => {
    const data = { vm: 'vm-1', name: 'a', power_state: 'POWERED_ON', future_field: { a: 1 }, labels: { x: 'y' } };
    const r = decode(schemas.VcenterVMSummary!, data, { ...OP, mode: 'strict' });
    expect(r.data).toBe(data);
    expect(r.issues).toEqual([]);
  });

  it('unknown enum: reported in report mode, thrown in strict mode', () => {
    const data = { vm: 'vm-1', name: 'a', power_state: 'HIBERNATING' };
    const issues: DecodeIssue[] = [];
    const r = decode(schemas.VcenterVMSummary!, data, { ...OP, onIssue: (i) => issues.push(i) });
    expect(r.data).toBe(data);
    expect(issues.map((i) => [i.path, i.code, i.received])).toEqual([['$.power_state', 'unknown_enum', 'HIBERNATING']]);
    expect(() => decode(schemas.VcenterVMSummary!, data, { ...OP, mode: 'strict' })).toThrow(DecodeError);
  });

  it('null array → [] with an issue; missing required reported', () => {
    const data = [{ vm: 'vm-1', power_state: 'POWERED_ON', nics: null }];
    const list = schemas.VcenterVMSummary!;
    const r = decode(list, data[0], { ...OP, basePath: [0] });
    expect(data[0]!.nics).toEqual([]);
    expect(r.issues.map((i) => [i.path, i.code])).toEqual([
      ['$[0].name', 'missing_required'],
      ['$[0].nics', 'null_array'],
    ]);
  });

  it('int64 beyond 2^53: reported in number mode, exact in bigint mode', () => {
    // What the runtime's parser hands over in each mode: a rounded number, or the exact bigint.
    const vm = { vm: 'vm-1', name: 'a', power_state: 'POWERED_ON' };
    const lossy = decode(schemas.VcenterVMSummary!, { ...vm, memory_size_MiB: Number('18014398509481985') }, OP);
    expect(lossy.issues.map((i) => [i.path, i.code, i.message])).toEqual([
      ['$.memory_size_MiB', 'int64_precision', 'int64 value beyond 2^53 lost precision'],
    ]);
    const exact = decode(
      schemas.VcenterVMSummary!,
      { ...vm, memory_size_MiB: 18014398509481985n },
      { ...OP, int64: 'bigint', mode: 'strict' },
    );
    expect(exact.issues).toEqual([]);
    expect((exact.data as { memory_size_MiB: unknown }).memory_size_MiB).toBe(18014398509481985n);
  });

  it('recursive schemas decode', () => {
    const tree = {
      name: 'root',
      children: [
        { name: 'a', children: [{ name: 'b', children: [] }] },
        { name: 'c', children: [] },
      ],
    };
    expect(decode(schemas['com.vmware.vcenter.folder.node']!, tree, { ...OP, mode: 'strict' }).issues).toEqual([]);
    const bad = { name: 'root', children: [{ name: 'a', children: [{ name: 7, children: [] }] }] };
    expect(decode(schemas['com.vmware.vcenter.folder.node']!, bad, OP).issues.map((i) => i.path)).toEqual([
      '$.children[0].children[0].name',
    ]);
  });

  it('unresolved refs, empty schemas, maps, unions, intersections', () => {
    const strict = { ...OP, mode: 'strict' as const };
    expect(
      decode(schemas.VcenterVMSummary!, { vm: 'v', name: 'n', power_state: 'SUSPENDED', guest: [1, { a: null }] }, strict).issues,
    ).toEqual([]);
    expect(decode(schemas.Empty!, 'anything', strict).issues).toEqual([]);
    expect(decode(schemas.AnyMap!, { a: 1, b: [null] }, strict).issues).toEqual([]);
    expect(decode(schemas.Either!, 'x', strict).issues).toEqual([]);
    expect(decode(schemas.Either!, 3, strict).issues).toEqual([]);
    expect(decode(schemas.Either!, true, OP).issues.map((i) => i.code)).toEqual(['invalid_union']);
    expect(decode(schemas.Both!, { id: 'x', other: 1 }, strict).issues).toEqual([]);
    expect(decode(schemas.Both!, { other: 1 }, OP).issues.map((i) => [i.path, i.code])).toEqual([['$.id', 'missing_required']]);
    expect(
      decode(schemas.VcenterVMSummary!, { vm: 'v', name: 'n', power_state: 'SUSPENDED', labels: { a: 1 } }, OP).issues.map((i) => i.path),
    ).toEqual(['$.labels.a']);
  });

  it('type-checks with tsc --noEmit, and so does a consumer of its typed entries', () => {
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ ...TSCONFIG, include: ['decoders.ts', 'checks.ts', 'types.ts'] }));
    const r = tsc(dir);
    expect(r.output).toBe('');
    expect(r.status).toBe(0);

    // a consumer of the typed entries the factory makes
    const dtsDir = join(dir, 'dts');
    mkdirSync(dtsDir);
    writeFileSync(join(dtsDir, 'types.ts'), TYPES);
    writeFileSync(join(dtsDir, 'decoders.ts'), src);
    writeFileSync(
      join(dtsDir, 'use.ts'),
      [
        "import type { components } from './types.js';",
        "import decoders from './decoders.js';",
        `import { checkKit, decode, schemaKit } from '${RUNTIME}';`,
        'const schemas = decoders(schemaKit(), { Small: checkKit.int });',
        "const r = decode(schemas.VcenterVMSummary, {}, { operation: 'x', release: 'y' });",
        "const vm: components['schemas']['VcenterVMSummary'] = r.data;",
        "const state: 'POWERED_OFF' | 'POWERED_ON' | 'SUSPENDED' = vm.power_state;",
        "const node = schemas['com.vmware.vcenter.folder.node']().parse({});",
        'const child: string | undefined = node.children[0]?.name;',
        '// @ts-expect-error not a schema of this release',
        'schemas.Nope;',
        'export { state, child };',
      ].join('\n'),
    );
    writeFileSync(join(dtsDir, 'tsconfig.json'), JSON.stringify({ ...TSCONFIG, include: ['decoders.ts', 'types.ts', 'use.ts'] }));
    const r2 = tsc(dtsDir);
    expect(r2.output).toBe('');
    expect(r2.status).toBe(0);
  }, 120_000);
});
