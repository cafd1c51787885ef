/**
 * The two paths of `decode` side by side: the ahead-of-time check codegen emits beside each Zod
 * schema, and the schema itself. Shared by the tests that feed them answers of the mock
 * (decode-checks.e2e) and the spec examples the mock answers with (decode-checks-examples.unit).
 */
import { inspect } from 'node:util';
import { checkKit, decode, type AnyDescriptor, type Check, type OperationSpec } from '@vcenter-sdk/runtime';
import type { MockLogEntry } from '@vcenter-sdk/mock';
import { expect } from 'vitest';
import type { z } from 'zod';
import { releaseChecksOf } from '../support/release-factories.js';

export type Lazy = () => z.ZodType;
const OP = { operation: 'test.op', release: 'test' };
const JITLESS = { jitless: true } as const;

const loaded = new Map<string, Readonly<Record<string, Check>>>();

/** Every check of a generated release, by schema name, made with the runtime's check kit as its index makes it. */
export function releaseChecks(release: string): Readonly<Record<string, Check>> {
  let checks = loaded.get(release);
  if (!checks) loaded.set(release, (checks = releaseChecksOf(release, checkKit)));
  return checks;
}

/** Both paths of `decode` on copies of `value`: what each returned, or the error each threw. */
export function bothPaths(lazy: Lazy, value: unknown) {
  const run = (schema: Lazy | z.ZodType) => {
    try {
      return decode(schema, structuredClone(value), { ...OP, mode: 'report' });
    } catch (e) {
      return { threw: String(e) };
    }
  };
  return { fast: run(lazy), zod: run(lazy()) };
}

/** What `check` answers, and what zod answers with and without its compiled fast path. */
export function answers(check: Check | undefined, lazy: Lazy, value: unknown) {
  if (!check) throw new Error('no check for this schema');
  return { check: check(value), zod: lazy().safeParse(value, JITLESS).success, zodJit: lazy().safeParse(value).success };
}

/** Broken copies of `value`: each value in it (up to `limit`) replaced with other types, each field removed. */
export function* broken(value: unknown, limit = 30): Generator<unknown> {
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

/** A checked answer: its schema, and the operation whose result it is (the client's path: its group's check). */
export interface Answer {
  schema: string;
  value: unknown;
  result?: string;
}

/** What a logged answer was checked against: the result or error schema, inside the `/rest` wrapper. */
export function answerOf(op: OperationSpec, entry: MockLogEntry): Answer | undefined {
  const schema = entry.status < 300 ? op.result : op.errors?.[String(entry.status)];
  if (!schema || entry.body === undefined) return undefined;
  return {
    schema,
    value: op.style === 'rest' ? (entry.body as { value?: unknown }).value : entry.body,
    result: entry.status < 300 ? op.name : undefined,
  };
}

export function compareAll(d: AnyDescriptor, found: Answer[], mutate: boolean): { valid: number; broken: number } {
  let valid = 0;
  let rejected = 0;
  const mutated = new Set<string>();
  const checks = releaseChecks(d.release);
  for (const { schema, value, result } of found) {
    const lazy = d.schemas[schema] as Lazy;
    // What a client runs first on a result: the check of the operation's group, loaded apart from the others.
    const groupCheck = result ? d.resultCheck?.(result, schema) : undefined;
    if (result) expect(groupCheck, `${d.release} ${result}: its result check`).toBeTypeOf('function');
    // Broken copies of the first answer of each schema only: the others add time, not cases.
    const breakIt = mutate && !mutated.has(schema) && mutated.add(schema);
    for (const v of breakIt ? [value, ...broken(value)] : [value]) {
      const a = answers(checks[schema], lazy, v);
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
