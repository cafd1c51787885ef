/**
 * Codegen reaches the runtime contract through the package (`@vcenter-sdk/runtime…`), as the
 * generated code does, never by a relative path into runtime/: what codegen may use of the
 * runtime is then what any package may, and the runtime's layout can change under it.
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
