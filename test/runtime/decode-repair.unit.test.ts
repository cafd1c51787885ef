/**
 * Issue collection and the `null` → `[]` repair are separate steps: `toIssues` only reads the
 * data, `repairNullArrays` is the one writer, and `decode` reports the repair as it always has.
 */
import { describe, expect, it } from 'vitest';
import { decode, schemaKit, type DecodeIssue } from '@vcenter-sdk/runtime/src/decode/index.js';
import { toIssues } from '@vcenter-sdk/runtime/src/decode/issues.js';
import { repairNullArrays } from '@vcenter-sdk/runtime/src/decode/repair.js';

const OP = { operation: 'vcenter.vm.list', release: '7.0.3' };

function listSchema() {
  const k = schemaKit();
  k.lazy('Summary', () =>
    k.object({ vm: k.string(), power_state: k.enumOf(['POWERED_OFF', 'POWERED_ON']), nics: k.array(k.string()) }, ['vm']),
  );
  return k.array(k.ref('Summary'));
}

const sample = () => [
  { vm: 'vm-1', power_state: 'POWERED_ON', nics: null as unknown },
  { vm: 'vm-2', power_state: 'SOMETHING_NEW', nics: ['a'] },
];

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

const NULL_ARRAY_ISSUE: DecodeIssue = {
  operation: 'vcenter.vm.list',
  release: '7.0.3',
  path: '$[0].nics',
  keys: [0, 'nics'],
  code: 'null_array',
  message: 'null where an array belongs; replaced with []',
  expected: 'array',
  received: 'null',
};

describe('decode: issue collection and repair are separate steps', () => {
  it('toIssues reports the null array (and the other issues) without touching its input', () => {
    const schema = listSchema();
    const data = deepFreeze(sample());
    const zodIssues = schema.safeParse(data).error!.issues;
    // Frozen: any write would throw (ES modules are strict).
    const issues = toIssues(zodIssues, data, OP);
    expect(issues).toEqual([
      NULL_ARRAY_ISSUE,
      expect.objectContaining({ path: '$[1].power_state', code: 'unknown_enum', received: 'SOMETHING_NEW' }),
    ]);
    expect(data).toEqual(sample());
    expect(data[0]!.nics).toBeNull();
  });

  it('repairNullArrays rewrites in place: same objects, null → []; a null root becomes a new []', () => {
    const schema = listSchema();
    const data = sample();
    const second = data[1];
    const issues = toIssues(schema.safeParse(data).error!.issues, data, OP);
    expect(repairNullArrays(data, issues, 0)).toBe(data);
    expect(data[0]!.nics).toEqual([]);
    expect(data[1]).toBe(second);
    expect(data[1]).toEqual(sample()[1]); // the unknown enum is reported, never changed

    const rootIssues = toIssues(schema.safeParse(null).error!.issues, null, OP);
    expect(rootIssues.map((i) => [i.path, i.code])).toEqual([['$', 'null_array']]);
    expect(repairNullArrays(null, rootIssues, 0)).toEqual([]);
  });

  it('repairNullArrays skips the basePath prefix of the issue paths (the /rest `value` wrapper)', () => {
    const schema = listSchema();
    const data = sample();
    const issues = toIssues(schema.safeParse(data).error!.issues, data, { ...OP, basePath: ['value'] });
    expect(issues[0]).toMatchObject({ path: '$.value[0].nics', keys: ['value', 0, 'nics'], code: 'null_array' });
    repairNullArrays(data, issues, 1);
    expect(data[0]!.nics).toEqual([]);
  });

  it('decode collects, then repairs, and reports the repair as a null_array issue (report and strict)', () => {
    for (const mode of ['report', 'strict'] as const) {
      const data = [sample()[0]!];
      const seen: DecodeIssue[] = [];
      const r = decode(listSchema(), data, { ...OP, mode, onIssue: (i) => seen.push(i) });
      expect(r.data).toBe(data);
      expect(data[0]!.nics).toEqual([]);
      expect(r.issues).toEqual([NULL_ARRAY_ISSUE]);
      expect(seen).toEqual([NULL_ARRAY_ISSUE]);
    }
  });
});
