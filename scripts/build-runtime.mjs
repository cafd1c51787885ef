/**
 * `npm run build:runtime` (and `build:mock`: `node scripts/build-runtime.mjs mock`): compile
 * <package>/src into <package>/dist from scratch, atomically. The
 * compiler writes a fresh folder that then replaces dist in two renames, so a test run or a
 * type-check beside this build (another `npm test` in the same tree) never sees dist missing
 * or half written, as it did when dist was deleted first and rebuilt in place.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', process.argv[2] ?? 'runtime');
const dist = join(pkg, 'dist');
const fresh = join(pkg, `.dist-${process.pid}`);
const old = join(pkg, `.dist-old-${process.pid}`);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(fresh, { recursive: true, force: true });
try {
  execFileSync(process.execPath, [tsc, '-p', join(pkg, 'tsconfig.build.json'), '--outDir', fresh], { stdio: 'inherit' });
} catch {
  rmSync(fresh, { recursive: true, force: true });
  process.exit(1);
}
if (existsSync(dist)) renameSync(dist, old);
renameSync(fresh, dist);
rmSync(old, { recursive: true, force: true });
