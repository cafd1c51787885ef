/**
 * The quick start and every example call only operations the mock models: an operation
 * answered with the spec's examples (`x-mock-source: example`) would show a user made-up
 * data. Read from the sources, so that branches a run against the mock does not take
 * (list-vms' 6.7.0 path) are checked too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isModelled } from '@vcenter-sdk/mock/src/coverage.js';
import { loadRelease } from '@vcenter-sdk/mock/src/releases.js';
import { GENERATED_DIR, REPO_ROOT } from '../support/paths.js';
import { RELEASES } from './helpers.js';

const EXAMPLES = join(REPO_ROOT, 'examples');
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.ts') && f !== 'env.ts');
const known = new Set(RELEASES.flatMap((r) => loadRelease(GENERATED_DIR, r).operations.map((o) => o.name)));

/** The operation names an example passes to `call`, `run` or `start`; a name that is not a literal is reported as such. */
function operationsOf(source: string): string[] {
  return [...source.matchAll(/\.(?:call|run|start)\(\s*([^,)\s]+)/g)].map((m) => {
    const literal = /^'([^']+)'$/.exec(m[1]!);
    return literal ? literal[1]! : `<not a literal: ${m[1]}>`;
  });
}

describe.each(files)('examples/%s', (file) => {
  it('calls only operations the mock models', () => {
    const ops = operationsOf(readFileSync(join(EXAMPLES, file), 'utf8'));
    expect(ops.length).toBeGreaterThan(0);
    expect(ops.filter((name) => !known.has(name))).toEqual([]);
    expect(ops.filter((name) => !isModelled({ name }))).toEqual([]);
  });
});

it('the check sees the quick start, and would catch an operation answered from examples', () => {
  expect(files).toContain('quick-start.ts');
  expect(operationsOf("await c.call('appliance.networking.get');").filter((n) => !isModelled({ name: n }))).toEqual([
    'appliance.networking.get',
  ]);
});
