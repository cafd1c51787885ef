/** Paths of this repository for tests: one definition of the root (codegen's), not one per file. */
import { join } from 'node:path';
import { repoRoot } from '../../codegen/src/specs-dir.js';

export const REPO_ROOT = repoRoot;
export const GENERATED_DIR = join(REPO_ROOT, 'generated');
