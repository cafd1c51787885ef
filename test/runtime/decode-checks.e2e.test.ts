/**
 * `decode` runs the ahead-of-time check codegen emits beside each Zod schema, and only builds
 * and runs the schema when the check says no. Both paths must give the same data and the same
 * issues: the check accepts exactly what the schema accepts. Shown on every construct the
 * emitter knows (with values built to sit on each edge of zod's rules), on every answer the
 * mock's stateful part gives in the conformance scenario, on the bodies of real servers the
 * suites answer with (test/support), and on broken copies of those answers.
 * (The spec examples the mock answers with: decode-checks-examples.unit.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import { checkKit, schemaKit, type Check } from '@vcenter-sdk/runtime';
import type { MockLogEntry, MockVcenter } from '@vcenter-sdk/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitChecksModules, emitDecoders, type OpenAPI3SchemaObject } from '../../codegen/src/emit-decoders.js';
import { clientOf, descriptorOf, RELEASES, startLogged } from '../mock/helpers.js';
import { runScenario } from '../mock/scenario.js';
import { REPO_ROOT } from '../support/paths.js';
import { NEWER_VM_LIST, NULL_LIST, NULL_REST_LIST } from '../support/server-bodies.js';
import { vmInfo } from '../support/vm-info.js';
import { answerOf, answers, bothPaths, compareAll, type Lazy } from './check-paths.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** One schema per construct emit-decoders knows, and the awkward corners of each. */
const SCHEMAS: Record<string, OpenAPI3SchemaObject> = {
  Str: { type: 'string' },
  Bool: { type: 'boolean' },
  Num: { type: 'number' },
  I32: { type: 'integer', format: 'int32' },
  I64: { type: 'integer', format: 'int64' },
  Small: { type: 'string', enum: ['A', 'B'] },
  Big: { type: 'string', enum: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] },
  NullableEnum: { type: 'string', enum: ['A'], nullable: true },
  Arr: { type: 'array', items: ref('Small') },
  NullableArr: { type: 'array', items: { type: 'integer' }, nullable: true },
  AnyMap: { type: 'object', additionalProperties: true },
  StrMap: { type: 'object', additionalProperties: { type: 'string' } },
  Empty: {},
  EmptyObject: { type: 'object' },
  Unresolved: { 'x-vcenter-unresolved': true },
  Obj: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      n: { type: 'integer', nullable: true },
      any: {},
      anyNull: { nullable: true },
      tags: { type: 'array', items: { type: 'string' } },
      inner: { type: 'object', properties: { a: ref('Small') }, required: ['a'] },
      constructor: { type: 'string' },
      toString: { type: 'string' },
      __proto__: { type: 'string' },
      'odd key': ref('I64'),
      gone: ref('Unresolved'),
      dangling: ref('NotDefined'),
    },
    required: ['id', 'any', 'anyNull', 'toString', 'odd key', 'gone'],
  },
  Extra: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'], additionalProperties: { type: 'integer' } },
  Either: { oneOf: [{ type: 'string' }, ref('Obj')] },
  One: { anyOf: [{ type: 'boolean' }] },
  Both: { allOf: [ref('AnyMap'), { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] }] },
  WithSiblings: { allOf: [ref('Extra')], properties: { more: { type: 'boolean' } }, required: ['more'] },
  Tree: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: ref('Tree') } }, required: ['name'] },
  Loop: { anyOf: [{ type: 'string' }, { type: 'array', items: ref('Loop') }] },
};

const symbolKeyed = { a: 'x', [Symbol('s')]: 'y' };
const OBJ = { id: 'x', any: 1, anyNull: null, toString: 't', 'odd key': 1, gone: 0, constructor: 'c' };
const VALUES: unknown[] = [
  ...[undefined, null, 'x', '', 'A', 'B', 'c', 'h', 0, -0, 7, 1.5, -3, 2 ** 53, 2 ** 60, Number.NaN, Infinity, 9007199254740993n],
  ...[true, false, [], [null], ['A'], ['A', 'Z'], [1, 2], [[]], [['x', []]], {}, Object.create(null), symbolKeyed, new Date(0)],
  { a: 'x' },
  { a: 1 },
  OBJ,
  { ...OBJ, constructor: undefined },
  { ...OBJ, n: null, tags: [], inner: { a: 'A' } },
  { ...OBJ, any: undefined },
  { ...OBJ, any: undefined, anyNull: undefined },
  Object.fromEntries(Object.entries(OBJ).filter(([k]) => k !== 'any')),
  Object.fromEntries(Object.entries(OBJ).filter(([k]) => k !== 'anyNull')),
  Object.fromEntries(Object.entries(OBJ).filter(([k]) => k !== 'gone')),
  { ...OBJ, 'odd key': 1.5 },
  { ...OBJ, inner: {} },
  { ...OBJ, __proto__: 5 },
  JSON.parse(`${JSON.stringify(OBJ).slice(0, -1)},"__proto__":5}`),
  Object.assign(Object.create(null), OBJ),
  { id: 'x', extra: 1, more: true },
  { id: 'x', extra: 'y', more: true },
  { id: 'x', more: 'no' },
  { name: 'r', children: [{ name: 'a', children: [{ name: 'b' }] }] },
  { name: 'r', children: [{ name: 'a', children: [{}] }] },
  { name: 'r', children: null },
];

describe('every construct the emitter knows', () => {
  let dir: string;
  let schemas: Record<string, Lazy>;
  let checks: Readonly<Record<string, Check>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'decode-checks-'));
    const runtimeModule = join(REPO_ROOT, 'runtime/src/decode/index.js');
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
    writeFileSync(join(dir, 'types.ts'), 'export interface components { schemas: Record<string, unknown> }\n');
    const input = { schemas: SCHEMAS, typesModule: './types.js', runtimeModule };
    writeFileSync(join(dir, 'decoders.ts'), emitDecoders(input));
    writeFileSync(join(dir, 'checks.ts'), emitChecksModules(input).all);
    const load = async <T>(file: string) => ((await import(pathToFileURL(join(dir, file)).href)) as { default: T }).default;
    checks = (await load<(k: typeof checkKit) => Readonly<Record<string, Check>>>('checks.ts'))(checkKit);
    schemas = (await load<(k: ReturnType<typeof schemaKit>, c: typeof checks) => Record<string, Lazy>>('decoders.ts'))(schemaKit(), checks);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(Object.keys(SCHEMAS))('%s: the check accepts exactly what the Zod schema accepts, and decode agrees', (name) => {
    const lazy = schemas[name]!;
    let rejected = 0;
    for (const value of VALUES) {
      const a = answers(checks[name], lazy, value);
      expect({ check: a.check, jit: a.zodJit }, `${name} on ${inspect(value)}`).toEqual({ check: a.zod, jit: a.zod });
      if (!a.zod) rejected++;
      const { fast, zod } = bothPaths(lazy, value);
      expect(fast).toEqual(zod);
    }
    if (!['Empty', 'Unresolved'].includes(name)) expect(rejected).toBeGreaterThan(0);
  });
});

describe('every modelled answer of the mock, and broken copies of them', () => {
  let mock: MockVcenter;
  let log: MockLogEntry[];
  beforeAll(async () => {
    ({ mock, log } = await startLogged());
  });
  afterAll(async () => {
    await mock?.close();
  });

  it.each(RELEASES)('release %s: both paths give the same data and issues', async (release) => {
    const d = await descriptorOf(release);
    const client = clientOf(mock, d, { decode: 'off' });
    const start = log.length;
    try {
      await runScenario(client, client, d);
    } finally {
      await client.close();
    }
    const byName = new Map(d.operations.map((o) => [o.name, o] as const));
    const entries = log.slice(start).filter((e) => e.release === release && e.source === 'model' && e.operation);
    const found = entries.map((e) => answerOf(byName.get(e.operation!)!, e)).filter((a) => a !== undefined);
    const counts = compareAll(d, found, release === '7.0.3');
    expect(counts.valid).toBeGreaterThan(20);
    if (release === '7.0.3') expect(counts.broken).toBeGreaterThan(100);
  });
});

describe('bodies as real servers send them (test/support: server-bodies, vm-info)', () => {
  it('7.0.3: both paths give the same data and issues on a newer server, null lists and a VM as vCenter answers it', async () => {
    const d = await descriptorOf('7.0.3');
    const resultOf = (name: string) => d.operations.find((o) => o.name === name)!.result!;
    const list = resultOf('vcenter.vm.list');
    const newer = JSON.parse(NEWER_VM_LIST) as { memory_size_MiB?: unknown }[];
    const exact = structuredClone(newer);
    exact[0]!.memory_size_MiB = 9007199254740993n; // as the parser hands it over with int64: 'bigint'
    const found = [
      { schema: list, value: newer, result: 'vcenter.vm.list' },
      { schema: list, value: exact, result: 'vcenter.vm.list' },
      { schema: list, value: JSON.parse(NULL_LIST), result: 'vcenter.vm.list' },
      {
        schema: resultOf('rest.vcenter.vm.list'),
        value: (JSON.parse(NULL_REST_LIST) as { value: unknown }).value,
        result: 'rest.vcenter.vm.list',
      },
      {
        schema: resultOf('vcenter.vm.get'),
        value: vmInfo({ name: 'web-01', power_state: 'POWERED_ON', cpu_count: 2, memory_size_MiB: 4096 }),
        result: 'vcenter.vm.get',
      },
    ];
    const counts = compareAll(d, found, true);
    expect(counts.valid).toBeGreaterThan(0);
    expect(counts.broken).toBeGreaterThan(10);
  });
});
