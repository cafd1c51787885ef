/** The drift walk: undeclared fields found through arrays, maps, unions, intersections and refs; declared extras are not drift. */
import { describe, expect, it } from 'vitest';
import { decode, schemaKit, type DecodeIssue } from '@vcenter-sdk/runtime/src/decode/index.js';

const k = schemaKit();
const s = {
  Disk: k.lazy('Disk', () => k.object({ key: k.string(), size: k.int64() }, ['key'])),
  Vm: k.lazy('Vm', () =>
    k.object({
      name: k.string(),
      disks: k.array(k.ref('Disk')),
      labels: k.map(k.string()),
      extra: k.object({ a: k.string() }, [], k.string()),
      either: k.anyOf([
        k.object({ kind: k.enumOf(['A']), a: k.string() }, ['kind']),
        k.object({ kind: k.enumOf(['B']), b: k.string() }, ['kind']),
      ]),
      both: k.allOf([k.object({ x: k.string() }), k.object({ y: k.string() })]),
    }),
  ),
};

function undeclared(data: unknown, reportUndeclared = true): string[] {
  const seen: DecodeIssue[] = [];
  const r = decode(s.Vm, data, { operation: 'op', release: '9.0.0', onIssue: (i) => seen.push(i), reportUndeclared });
  expect(r.issues).toEqual(seen);
  return seen.filter((i) => i.code === 'undeclared_field').map((i) => i.path);
}

describe('reportUndeclared', () => {
  it('reports each undeclared field with its JSON path, and nothing that is declared', () => {
    const data = {
      name: 'x',
      new_top: 1,
      disks: [
        { key: 'd1', size: 1 },
        { key: 'd2', wwn: 'z' },
      ],
      labels: { any: 'thing' },
      extra: { a: 'a', free: 'declared by additionalProperties' },
      either: { kind: 'B', b: 'b', c: 'new' },
      both: { x: '1', y: '2', z: '3' },
    };
    expect(undeclared(data)).toEqual(['$.new_top', '$.disks[1].wwn', '$.either.c', '$.both.z']);
  });

  it('is silent unless asked, and when nothing is new', () => {
    expect(undeclared({ name: 'x', new_top: 1 }, false)).toEqual([]);
    expect(undeclared({ name: 'x', disks: [{ key: 'd' }] })).toEqual([]);
  });

  it('still reports drift next to other issues', () => {
    expect(undeclared({ name: 5, later: true })).toEqual(['$.later']);
  });
});
