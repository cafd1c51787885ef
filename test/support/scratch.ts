/**
 * Temporary folders inside the repository's `.cache/` (git-ignored), so that packages generated
 * into them resolve `@vcenter-sdk/runtime` as the real output does; each one is removed after
 * the test file that made it.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { REPO_ROOT } from './paths.js';

/** A maker of scratch folders for this test file: `tempDir('out-')` → `.cache/out-XXXXXX`. */
export function scratchDirs(): (prefix: string) => string {
  const scratch = join(REPO_ROOT, '.cache');
  mkdirSync(scratch, { recursive: true });
  const made: string[] = [];
  afterAll(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });
  return (prefix) => {
    const d = mkdtempSync(join(scratch, prefix));
    made.push(d);
    return d;
  };
}
