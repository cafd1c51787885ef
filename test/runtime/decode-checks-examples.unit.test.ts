/**
 * The mock's example builder against the checks: for every operation of every generated release
 * with a result, the check of its group (what a client runs first) agrees with the schema's own
 * check on the example the mock answers with, and on 7.0.3 both paths of `decode` give the same
 * data and issues. A unit test of the mock's examples (`exampleFor`), so it reaches inside.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleFor } from '@vcenter-sdk/mock/src/examples.js';
import { describe, expect, it } from 'vitest';
import { descriptorOf, RELEASES } from '../mock/helpers.js';
import { GENERATED_DIR } from '../support/paths.js';
import { compareAll, releaseChecks } from './check-paths.js';

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
        expect(check!(value), `${release} ${op.name} on its example`).toBe(releaseChecks(release)[op.result]!(value));
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
