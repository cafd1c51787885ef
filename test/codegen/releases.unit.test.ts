/**
 * The real releases: each operations.json holds every operation of its spec files, no more,
 * no fewer, under unique names (the output of `npm run generate`, which `npm test` runs first).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSpecsDir, repoRoot } from '../../codegen/src/cli.js';
import { SpecRegistry, applyPatch } from '../../codegen/src/registry.js';

const EXPECTED: Record<string, number> = { '6.7.0': 395, '7.0.0': 732, '7.0.1': 762, '7.0.2': 1306, '7.0.3': 1445, '8.0.2': 785 };
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

/**
 * method + full path of every operation in a release's spec files, read without the generator.
 * 7.0.0 declares the fixed query (`action`, `~action`, `vmw-task`) as one-value parameters
 * instead of writing it in the path key; the path the server expects carries it. The
 * project's fixes (specs/fixes) are applied first: they are part of what the spec says.
 */
function specOperations(release: string): string[] {
  const dir = join(defaultSpecsDir(), release);
  const fixes = new SpecRegistry(join(repoRoot, 'specs')).fixes(release);
  return readdirSync(dir).flatMap((name) => {
    const doc = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    for (const fix of fixes.filter((f) => f.target === name)) applyPatch(doc, fix.ops, fix.source, name);
    const base = doc.basePath && doc.basePath !== '/' ? doc.basePath : '';
    return Object.entries<Record<string, unknown>>(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => {
        const fixed = ((item[m] as { parameters?: any[] }).parameters ?? [])
          .filter(
            (p) => p.in === 'query' && p.required === true && ['action', '~action', 'vmw-task'].includes(p.name) && p.enum?.length === 1,
          )
          .sort((a, b) => (a.name === 'vmw-task' ? 1 : b.name === 'vmw-task' ? -1 : 0))
          .map((p) => `${p.name}=${p.enum[0]}`);
        return `${m.toUpperCase()} ${base}${path}${fixed.length ? `?${fixed.join('&')}` : ''}`;
      }),
    );
  });
}

describe.each(Object.entries(EXPECTED))('release %s', (release, count) => {
  const ops = JSON.parse(readFileSync(join(repoRoot, 'generated', release, 'operations.json'), 'utf8')) as {
    name: string;
    method: string;
    path: string;
  }[];

  it(`has exactly the spec's ${count} operations`, () => {
    const fromSpec = specOperations(release).sort();
    expect(fromSpec).toHaveLength(count);
    expect(ops.map((o) => `${o.method} ${o.path}`).sort()).toEqual(fromSpec);
  });

  it('names every operation once', () => {
    expect(new Set(ops.map((o) => o.name)).size).toBe(count);
  });

  it('keeps the name of an operation that the next release also has', () => {
    const names = new Map(ops.map((o) => [`${o.method} ${o.path}`, o.name]));
    for (const other of Object.keys(EXPECTED).filter((r) => r > release)) {
      const later = JSON.parse(readFileSync(join(repoRoot, 'generated', other, 'operations.json'), 'utf8')) as typeof ops;
      const moved = later.filter((o) => names.has(`${o.method} ${o.path}`) && names.get(`${o.method} ${o.path}`) !== o.name);
      expect(moved.map((o) => `${o.method} ${o.path}: ${names.get(`${o.method} ${o.path}`)} → ${o.name} in ${other}`)).toEqual([]);
    }
  });
});
