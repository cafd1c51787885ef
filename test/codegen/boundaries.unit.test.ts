/**
 * Codegen reaches the runtime contract through the package (`@vcenter-sdk/runtime…`), as the
 * generated code does, never by a relative path into runtime/: what codegen may use of the
 * runtime is then what any package may, and the runtime's layout can change under it. The
 * scripts (the CLI among them) keep that rule, and tests too: only a unit test may reach inside a package.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatorFingerprint } from '../../codegen/src/fingerprint.js';
import { REPO_ROOT } from '../support/paths.js';

const CODEGEN = join(REPO_ROOT, 'codegen', 'src');
const sources = (readdirSync(CODEGEN, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));

describe('codegen ↔ runtime boundary', () => {
  it('no codegen source names a file of another package by relative path', () => {
    expect(sources.length).toBeGreaterThan(10);
    const offenders = sources.filter((f) => /(['"])(\.\.\/)+(runtime|mock|events)\//.test(readFileSync(join(CODEGEN, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('no script (the CLI, npm start, the bench runner) names a file of a package by relative path', () => {
    const SCRIPTS = join(REPO_ROOT, 'scripts');
    const scripts = (readdirSync(SCRIPTS, { recursive: true }) as string[]).filter((f) => /\.(ts|mjs)$/.test(f));
    expect(scripts.length).toBeGreaterThan(10);
    const offenders = scripts.filter((f) => /(['"])(\.\.\/)+(runtime|mock|events)\//.test(readFileSync(join(SCRIPTS, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('imports of the runtime contract are type-only', () => {
    const valueImports = sources.flatMap((f) =>
      readFileSync(join(CODEGEN, f), 'utf8')
        .split('\n')
        .filter((l) => /^import (?!type )[^'"]*from '@vcenter-sdk\/runtime\/descriptor'/.test(l))
        .map((l) => `${f}: ${l}`),
    );
    expect(valueImports).toEqual([]);
  });

  it('the generator fingerprint covers the runtime contract resolved through the package', () => {
    expect(generatorFingerprint()).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('tests ↔ packages boundary', () => {
  const TEST = join(REPO_ROOT, 'test');
  const files = (readdirSync(TEST, { recursive: true }) as string[])
    .filter((f) => /\.(ts|mjs)$/.test(f) && !f.split('/').some((part) => part.startsWith('.') || part === 'node_modules'))
    .map((f) => `test/${f}`);
  const inside = (f: string) =>
    [
      ...readFileSync(join(REPO_ROOT, f), 'utf8').matchAll(
        /from '((?:\.\.\/)+(?:runtime|mock|events)\/src\/[^']+|@vcenter-sdk\/[a-z-]+\/src\/[^']+)'/g,
      ),
    ].map((m) => m[1]!);

  it('no test file imports a package by a relative path into its folder', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => inside(f).some((i) => i.startsWith('.')))).toEqual([]);
  });

  it('only unit tests import the internals of a package (`<package>/src/…`)', () => {
    const offenders = files.filter((f) => !f.endsWith('.unit.test.ts')).flatMap((f) => inside(f).map((i) => `${f}: ${i}`));
    expect(offenders).toEqual([]);
  });
});
