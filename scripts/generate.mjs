/**
 * `npm run generate [-- --check] [-- <codegen options>]`: the workspace packages' dist folders
 * (scripts/build-packages.mjs) and every release (codegen/src/cli.ts, whose options pass through:
 * `--force`, `--release R`, `--out DIR`, ...).
 *
 * The generator runs in a child process while the packages are built here: neither reads the
 * other's output (codegen runs under tsx, which maps the workspace packages to their sources),
 * so the two cores are busy from the start instead of one job after another.
 * `--check` type-checks the packages as they are built (`npm run release` asks for it).
 * The exit code is 1 when any part failed; each part names what failed and keeps the previous output.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildPackages } from './build-packages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');

// tsx by absolute URL, as codegen's worker pool loads it: the generator is TypeScript.
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const generator = spawn(process.execPath, ['--import', tsx, join(root, 'codegen/src/cli.ts'), ...args.filter((a) => a !== '--check')], {
  cwd: root,
  stdio: 'inherit',
});
const generated = new Promise((resolve) => {
  generator.on('error', (e) => {
    console.error(`generate: could not run the generator (${e.message})`);
    resolve(1);
  });
  generator.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
});
// Synchronous: the child's exit is heard once the packages are built.
const built = buildPackages(undefined, { check });
process.exitCode = (await generated) === 0 && built ? 0 : 1;
