import { describe, expect, it, vi } from 'vitest';
import { decode, DecodeError, jsonPath, parseJson, schemaKit, type DecodeIssue } from '@vcenter-sdk/runtime/src/decode/index.js';
import { z } from 'zod';
import { HOT_AFTER, HOT_OBJECT_AFTER } from '@vcenter-sdk/runtime/src/decode/decode.js';

const OP = { operation: 'vcenter.vm.list', release: '7.0.3' };

function vmKit() {
  const k = schemaKit();
  const schemas = {
    PowerState: k.lazy<'POWERED_ON' | 'POWERED_OFF' | 'SUSPENDED'>('PowerState', () =>
      k.enumOf(['POWERED_OFF', 'POWERED_ON', 'SUSPENDED']),
    ),
    Summary: k.lazy('Summary', () =>
      k.object(
        {
          vm: k.string(),
          name: k.string(),
          power_state: k.ref('PowerState'),
          cpu_count: k.int64(),
          memory_size_MiB: k.int64(),
          nics: k.array(k.string()),
          tags: k.map(k.string()),
          'odd.key': k.boolean(),
        },
        ['vm', 'name', 'power_state'],
      ),
    ),
    Node: k.lazy('Node', () => k.object({ name: k.string(), children: k.array(k.ref('Node')) }, ['name'])),
  };
  const list = k.array(k.ref('Summary'));
  return { k, schemas, list };
}

const vm = (i: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  vm: `vm-${i}`,
  name: `n${i}`,
  power_state: 'POWERED_ON',
  cpu_count: 2,
  memory_size_MiB: 4096,
  ...extra,
});

function collect() {
  const issues: DecodeIssue[] = [];
  return { issues, onIssue: (i: DecodeIssue) => issues.push(i) };
}

describe('schema kit', () => {
  it('builds nothing until a schema is used, then memoizes', () => {
    const { k, schemas } = vmKit();
    expect(k.built).toBe(0);
    expect(k.names()).toEqual(['PowerState', 'Summary', 'Node']);
    const a = schemas.Summary();
    expect(k.built).toBe(1); // refs stay lazy: PowerState is not built yet
    expect(schemas.Summary()).toBe(a);
    decode(a, vm(1), OP);
    expect(k.built).toBe(2);
  });

  it('reports a reference to an unregistered schema when it is resolved', () => {
    const k = schemaKit();
    const s = k.object({ x: k.ref('Nope') }, ['x']);
    expect(() => s.safeParse({ x: 1 })).toThrow(/'Nope' is not registered/);
  });

  it('int64 accepts safe integers and bigints', () => {
    const k = schemaKit();
    expect(k.int64().safeParse(5).success).toBe(true);
    expect(k.int64().safeParse(2n ** 60n).success).toBe(true);
    expect(k.int64().safeParse(2 ** 53).success).toBe(false);
    expect(k.int64().safeParse(1.5).success).toBe(false);
    expect(k.int64().safeParse('5').success).toBe(false);
  });

  it('re-exports the zod instance the kit uses', () => {
    const k = schemaKit();
    expect(k.string()).toBeInstanceOf(z.ZodType);
  });
});

describe('decode', () => {
  it('returns the data as received (same object, unknown fields kept)', () => {
    const { list } = vmKit();
    const data = [vm(1, { brand_new_field: { x: 1 } })];
    const c = collect();
    const r = decode(list, data, { ...OP, ...c });
    expect(r.data).toBe(data);
    expect(r.issues).toEqual([]);
    expect(c.issues).toEqual([]);
    expect((r.data as any)[0].brand_new_field).toEqual({ x: 1 });
  });

  it('accepts a lazy builder as well as a schema', () => {
    const { schemas } = vmKit();
    expect(decode(schemas.Summary, vm(1), OP).issues).toEqual([]);
  });

  it('report mode: unknown enum value reported, data untouched', () => {
    const { list } = vmKit();
    const data = [vm(0), vm(1), vm(2), vm(3, { power_state: 'HIBERNATING' })];
    const c = collect();
    const r = decode(list, data, { ...OP, mode: 'report', ...c, basePath: ['value'] });
    expect(r.data).toBe(data);
    expect(data[3]!.power_state).toBe('HIBERNATING');
    expect(c.issues).toEqual([
      {
        operation: 'vcenter.vm.list',
        release: '7.0.3',
        path: '$.value[3].power_state',
        keys: ['value', 3, 'power_state'],
        code: 'unknown_enum',
        message: "unknown enum value 'HIBERNATING', expected one of POWERED_OFF|POWERED_ON|SUSPENDED",
        expected: 'one of POWERED_OFF|POWERED_ON|SUSPENDED',
        received: 'HIBERNATING',
      },
    ]);
    expect(r.issues).toEqual(c.issues);
  });

  it('strict mode: unknown enum value throws DecodeError', () => {
    const { list } = vmKit();
    const c = collect();
    let err: unknown;
    try {
      decode(list, [vm(0, { power_state: 'HIBERNATING' })], { ...OP, mode: 'strict', ...c });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DecodeError);
    const de = err as DecodeError;
    expect(de.name).toBe('DecodeError');
    expect(de.operation).toBe('vcenter.vm.list');
    expect(de.release).toBe('7.0.3');
    expect(de.issues.map((i) => [i.path, i.code])).toEqual([['$[0].power_state', 'unknown_enum']]);
    expect(de.message).toContain('$[0].power_state');
    expect(c.issues).toEqual([]); // what throws is in the error, not passed to onIssue
  });

  it('strict mode: unknown fields never fail', () => {
    const { list } = vmKit();
    expect(() => decode(list, [vm(0, { extra: 1, more: [null] })], { ...OP, mode: 'strict' })).not.toThrow();
  });

  it('null where an array belongs becomes [] with an issue, in report and strict modes', () => {
    for (const mode of ['report', 'strict'] as const) {
      const { list } = vmKit();
      const data = [vm(0, { nics: null })];
      const c = collect();
      const r = decode(list, data, { ...OP, mode, ...c });
      expect(r.data).toBe(data);
      expect(data[0]!.nics).toEqual([]);
      expect(c.issues.map((i) => [i.path, i.code, i.received])).toEqual([['$[0].nics', 'null_array', 'null']]);
    }
  });

  it('null at the root where an array belongs returns []', () => {
    const { list } = vmKit();
    const r = decode(list, null, OP);
    expect(r.data).toEqual([]);
    expect(r.issues.map((i) => [i.path, i.code])).toEqual([['$', 'null_array']]);
  });

  it('missing required field, wrong types, null scalar', () => {
    const { list } = vmKit();
    const { name: _n, ...noName } = vm(0);
    const data = [noName, vm(1, { cpu_count: '2', 'odd.key': 'yes' }), vm(2, { vm: null })];
    const r = decode(list, data, OP);
    expect(r.data).toBe(data);
    expect(r.issues.map((i) => [i.path, i.code, i.expected, i.received])).toEqual([
      ['$[0].name', 'missing_required', 'string', undefined],
      ['$[1].cpu_count', 'invalid_type', 'int64', 'string'],
      ["$[1]['odd.key']", 'invalid_type', 'boolean', 'string'],
      ['$[2].vm', 'invalid_type', 'string', 'null'],
    ]);
  });

  it('int64 beyond 2^53 is reported as lost precision', () => {
    const { list } = vmKit();
    const data = parseJson('[{"vm":"vm-1","name":"a","power_state":"POWERED_ON","memory_size_MiB":9007199254740993}]');
    const r = decode(list, data, OP);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({
      path: '$[0].memory_size_MiB',
      code: 'int64_precision',
      message: 'int64 value beyond 2^53 lost precision',
    });
  });

  it('bigint mode keeps int64 beyond 2^53 exact and reports nothing', () => {
    const { list } = vmKit();
    const text = '[{"vm":"vm-1","name":"a","power_state":"POWERED_ON","cpu_count":2,"memory_size_MiB":9007199254740993,"x":1.5}]';
    const data = parseJson(text, { int64: 'bigint' }) as any[];
    expect(data[0].memory_size_MiB).toBe(9007199254740993n);
    expect(data[0].cpu_count).toBe(2);
    expect(data[0].x).toBe(1.5);
    expect(decode(list, data, { ...OP, int64: 'bigint', mode: 'strict' }).issues).toEqual([]);
  });

  it('parseJson: plain JSON.parse result without long digit runs, numbers in number mode', () => {
    expect(parseJson('{"a":[1,2.5,"x"]}', { int64: 'bigint' })).toEqual({ a: [1, 2.5, 'x'] });
    // biome-ignore lint/correctness/noPrecisionLoss: the test is that parseJson loses the same precision JSON.parse does.
    expect(parseJson('{"a":12345678901234567890}')).toEqual({ a: 12345678901234567890 });
    expect(parseJson('{"a":"12345678901234567890","b":1}', { int64: 'bigint' })).toEqual({ a: '12345678901234567890', b: 1 });
    expect(parseJson('{"a":-9007199254740993,"b":0.12345678901234567}', { int64: 'bigint' })).toEqual({
      a: -9007199254740993n,
      // biome-ignore lint/correctness/noPrecisionLoss: a double with more digits than it holds, kept as JSON.parse keeps it.
      b: 0.12345678901234567,
    });
    expect(() => parseJson('{"a":', { int64: 'bigint' })).toThrow();
  });

  it('recursive schemas decode, issues deep in the tree have full paths', () => {
    const { schemas } = vmKit();
    const tree = { name: 'a', children: [{ name: 'b', children: [{ name: 'c', children: null }, { children: [] }] }] };
    const r = decode(schemas.Node, tree, OP);
    expect(r.issues.map((i) => [i.path, i.code])).toEqual([
      ['$.children[0].children[0].children', 'null_array'],
      ['$.children[0].children[1].name', 'missing_required'],
    ]);
    expect(tree.children[0]!.children[0]!.children).toEqual([]);
  });

  it('off mode returns the data untouched without validating', () => {
    const { list } = vmKit();
    const data = [{ nics: null }];
    const r = decode(list, data, { ...OP, mode: 'off' });
    expect(r.data).toBe(data);
    expect(data[0]!.nics).toBeNull();
    expect(r.issues).toEqual([]);
  });

  it('issues carry no values except enum values and type names', () => {
    const { list } = vmKit();
    const secret = 'hunter2-s3cr3t';
    const r = decode(list, [vm(0, { vm: 42, name: { password: secret }, cpu_count: secret, tags: { a: 7 } })], OP);
    expect(r.issues.length).toBeGreaterThan(0);
    expect(JSON.stringify(r.issues)).not.toContain(secret);
    expect(JSON.stringify(r.issues)).not.toContain('42');
  });

  it('jit policies give the same answers', () => {
    for (const jit of ['always', 'never', 'adaptive'] as const) {
      const { list } = vmKit();
      for (let round = 0; round < 4; round++) {
        const r = decode(list, [vm(0), vm(1, { power_state: 'X', nics: null })], { ...OP, jit });
        expect(r.issues.map((i) => i.code)).toEqual(['unknown_enum', 'null_array']);
      }
    }
  });

  it('adaptive jit compiles a schema once it is hot: a list after HOT_AFTER decodes, one object after HOT_OBJECT_AFTER, with the same answers', () => {
    const { schemas, list } = vmKit();
    const runs = (schema: z.ZodType, data: () => unknown, n: number) => {
      const parse = vi.spyOn(schema, 'safeParse');
      const codes = Array.from({ length: n }, () =>
        decode(schema, data(), OP)
          .issues.map((i) => i.code)
          .join(),
      );
      // zod's second argument: { jitless: true } is the slow path, undefined the compiled one.
      const compiled = parse.mock.calls.map((c) => c[1] === undefined);
      parse.mockRestore();
      return { codes: [...new Set(codes)], compiled };
    };
    const one = runs(schemas.Summary(), () => vm(0, { power_state: 'X', nics: null }), HOT_OBJECT_AFTER + 3);
    expect(one.codes).toEqual(['unknown_enum,null_array']);
    expect(one.compiled.indexOf(true)).toBe(HOT_OBJECT_AFTER);
    expect(one.compiled.slice(HOT_OBJECT_AFTER).every(Boolean)).toBe(true);
    const many = runs(list, () => [vm(0), vm(1, { power_state: 'X' })], HOT_AFTER + 3);
    expect(many.codes).toEqual(['unknown_enum']);
    expect(many.compiled.indexOf(true)).toBe(HOT_AFTER);
    expect(HOT_AFTER).toBeLessThan(HOT_OBJECT_AFTER);
  });

  it('jsonPath quotes keys that are not identifiers', () => {
    expect(jsonPath([])).toBe('$');
    expect(jsonPath(['value', 3, 'power_state'])).toBe('$.value[3].power_state');
    expect(jsonPath(['a.b', "it's", 'x-y'])).toBe("$['a.b']['it\\'s']['x-y']");
  });
});
