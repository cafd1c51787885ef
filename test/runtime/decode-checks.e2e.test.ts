/**
 * `decode` runs the ahead-of-time check codegen emits beside each Zod schema, and only builds
 * and runs the schema when the check says no. Both paths must give the same data and the same
 * issues: the check accepts exactly what the schema accepts. Shown on every construct the
 * emitter knows (with values built to sit on each edge of zod's rules), on every answer the
 * mock's stateful part gives in the conformance scenario, on the spec example the mock answers
 * for every operation of a release, and on broken copies of those answers.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import { checkKit, decode, schemaKit, type AnyDescriptor, type Check, type OperationSpec } from '@vcenter-sdk/runtime';
import { checkOf } from '@vcenter-sdk/runtime/src/decode/checks.js';
import { exampleFor } from '@vcenter-sdk/mock/src/examples.js';
import type { MockLogEntry, MockVcenter } from '@vcenter-sdk/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { emitChecksModules, emitDecoders, type OpenAPI3SchemaObject } from '../../codegen/src/emit-decoders.js';
import { clientOf, descriptorOf, RELEASES, startLogged } from '../mock/helpers.js';
import { runScenario } from '../mock/scenario.js';
import { GENERATED_DIR, REPO_ROOT } from '../support/paths.js';

type Lazy = () => z.ZodType;
const OP = { operation: 'test.op', release: 'test' };
const JITLESS = { jitless: true } as const;

/** Both paths of `decode` on copies of `value`: what each returned, or the error each threw. */
function bothPaths(lazy: Lazy, value: unknown) {
  const run = (schema: Lazy | z.ZodType) => {
    try {
      return decode(schema, structuredClone(value), { ...OP, mode: 'report' });
    } catch (e) {
      return { threw: String(e) };
    }
  };
  return { fast: run(lazy), zod: run(lazy()) };
}

/** What the check answers, and what zod answers with and without its compiled fast path. */
function answers(lazy: Lazy, value: unknown) {
  const check = checkOf(lazy);
  if (!check) throw new Error('no check on this schema');
  return { check: check(value), zod: lazy().safeParse(value, JITLESS).success, zodJit: lazy().safeParse(value).success };
}

/** Broken copies of `value`: each value in it (up to `limit`) replaced with other types, each field removed. */
function* broken(value: unknown, limit = 30): Generator<unknown> {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, at: (string | number)[]) => {
    if (paths.length >= limit) return;
    if (at.length) paths.push(at);
    if (Array.isArray(v)) {
      for (const [i, x] of v.slice(0, 2).entries()) walk(x, [...at, i]);
    } else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
  };
  walk(value, []);
  yield null;
  yield 'x';
  for (const at of paths) {
    for (const replacement of [null, 'x', 7, 1.5, true, [], {}, undefined]) {
      const copy = structuredClone(value) as Record<string | number, unknown>;
      let parent = copy;
      for (const k of at.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
      const last = at[at.length - 1]!;
      if (replacement === undefined) delete parent[last];
      else parent[last] = replacement;
      yield copy;
    }
  }
}

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
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'decode-checks-'));
    const runtimeModule = join(REPO_ROOT, 'runtime/src/decode/index.js');
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
    writeFileSync(join(dir, 'types.ts'), 'export interface components { schemas: Record<string, unknown> }\n');
    const input = { schemas: SCHEMAS, typesModule: './types.js', runtimeModule };
    writeFileSync(join(dir, 'decoders.ts'), emitDecoders(input));
    writeFileSync(join(dir, 'checks.ts'), emitChecksModules(input).all);
    const load = async <T>(file: string) => ((await import(pathToFileURL(join(dir, file)).href)) as { default: T }).default;
    const checks = (await load<(k: typeof checkKit) => Readonly<Record<string, Check>>>('checks.ts'))(checkKit);
    schemas = (await load<(k: ReturnType<typeof schemaKit>, c: typeof checks) => Record<string, Lazy>>('decoders.ts'))(schemaKit(), checks);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(Object.keys(SCHEMAS))('%s: the check accepts exactly what the Zod schema accepts, and decode agrees', (name) => {
    const lazy = schemas[name]!;
    let rejected = 0;
    for (const value of VALUES) {
      const a = answers(lazy, value);
      expect({ check: a.check, jit: a.zodJit }, `${name} on ${inspect(value)}`).toEqual({ check: a.zod, jit: a.zod });
      if (!a.zod) rejected++;
      const { fast, zod } = bothPaths(lazy, value);
      expect(fast).toEqual(zod);
    }
    if (!['Empty', 'Unresolved'].includes(name)) expect(rejected).toBeGreaterThan(0);
  });
});

/** A checked answer: its schema, and the operation whose result it is (the client's path: its group's check). */
interface Answer {
  schema: string;
  value: unknown;
  result?: string;
}

/** What a logged answer was checked against: the result or error schema, inside the `/rest` wrapper. */
function answerOf(op: OperationSpec, entry: MockLogEntry): Answer | undefined {
  const schema = entry.status < 300 ? op.result : op.errors?.[String(entry.status)];
  if (!schema || entry.body === undefined) return undefined;
  return {
    schema,
    value: op.style === 'rest' ? (entry.body as { value?: unknown }).value : entry.body,
    result: entry.status < 300 ? op.name : undefined,
  };
}

function compareAll(d: AnyDescriptor, found: Answer[], mutate: boolean): { valid: number; broken: number } {
  let valid = 0;
  let rejected = 0;
  const mutated = new Set<string>();
  for (const { schema, value, result } of found) {
    const lazy = d.schemas[schema] as Lazy;
    // What a client runs first on a result: the check of the operation's group, loaded apart from the others.
    const groupCheck = result ? d.resultCheck?.(result, schema) : undefined;
    if (result) expect(groupCheck, `${d.release} ${result}: its result check`).toBeTypeOf('function');
    // Broken copies of the first answer of each schema only: the others add time, not cases.
    const breakIt = mutate && !mutated.has(schema) && mutated.add(schema);
    for (const v of breakIt ? [value, ...broken(value)] : [value]) {
      const a = answers(lazy, v);
      if (a.check !== a.zod) expect.fail(`${d.release} ${schema}: check ${a.check}, zod ${a.zod} on ${inspect(v)}`);
      if (groupCheck && groupCheck(v) !== a.zod)
        expect.fail(`${d.release} ${result}: group check ${!a.zod}, zod ${a.zod} on ${inspect(v)}`);
      const { fast, zod } = bothPaths(lazy, v);
      expect(fast, `${d.release} ${schema}`).toEqual(zod);
      if (a.zod) valid++;
      else rejected++;
    }
  }
  return { valid, broken: rejected };
}

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

describe('the spec example of every operation the mock answers from examples', () => {
  it.each(RELEASES)(
    '%s: every operation with a result has its group check, which agrees with the schema on its example',
    async (release) => {
      const d = await descriptorOf(release);
      const doc = JSON.parse(readFileSync(join(GENERATED_DIR, `${release}/openapi.json`), 'utf8')) as never;
      let compared = 0;
      for (const op of d.operations) {
        if (!op.result) continue;
        const check = d.resultCheck?.(op.name, op.result);
        expect(check, `${release} ${op.name}`).toBeTypeOf('function');
        const body = exampleFor(doc, op, op.success[0] ?? 200);
        if (body === undefined) continue;
        const value = op.style === 'rest' ? (body as { value?: unknown }).value : body;
        expect(check!(value), `${release} ${op.name} on its example`).toBe(checkOf(d.schemas[op.result])!(value));
        compared++;
      }
      expect(compared).toBeGreaterThan(50);
    },
  );

  it('7.0.3: both paths give the same data and issues on each result example', async () => {
    const d = await descriptorOf('7.0.3');
    const doc = JSON.parse(readFileSync(join(GENERATED_DIR, '7.0.3/openapi.json'), 'utf8')) as never;
    const found = d.operations.flatMap((op) => {
      if (!op.result) return [];
      const body = exampleFor(doc, op, op.success[0] ?? 200);
      if (body === undefined) return [];
      return [{ schema: op.result, value: op.style === 'rest' ? (body as { value?: unknown }).value : body, result: op.name }];
    });
    expect(found.length).toBeGreaterThan(600);
    // A few examples break their own schema (cut short at the example builder's depth limit).
    expect(compareAll(d, found, false).valid).toBeGreaterThan(600);
  });
});
