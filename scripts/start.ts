/**
 * `npm start`: build the runtime and the events package when their sources changed, generate what is missing, start the mock vCenter (every
 * generated release behind one endpoint), run examples/quick-start.ts against it, stop the mock.
 *
 * A cold start is mostly generation, so the two run side by side: the builds (runtime, then events, whose
 * declarations refer to the runtime's) beside the generate workers, which need neither (tsx maps
 * @vcenter-sdk/runtime to its sources). The builds skip type-checking (`--noCheck`, the same output):
 * `npm test` type-checks everything.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runGenerate, repoRoot } from '../codegen/src/cli.js';

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit', env });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** <pkg>/dist is newer than every source and config it is built from. */
function built(pkg: string): boolean {
  const entry = join(repoRoot, pkg, 'dist/index.js');
  if (!existsSync(entry)) return false;
  const sources = readdirSync(join(repoRoot, pkg, 'src'), { recursive: true, encoding: 'utf8' }).map((f) => join(repoRoot, pkg, 'src', f));
  const inputs = [
    ...sources,
    join(repoRoot, pkg, 'tsconfig.build.json'),
    join(repoRoot, 'tsconfig.base.json'),
    join(repoRoot, pkg, 'package.json'),
  ];
  const builtAt = statSync(entry).mtimeMs;
  return inputs.every((f) => statSync(f).mtimeMs <= builtAt);
}

const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');

/** In order: events' declarations refer to the runtime's. One line up front: generate's progress line follows. */
async function buildPackages(): Promise<boolean> {
  const stale = ['runtime', 'events'].filter((pkg) => !built(pkg));
  console.log(stale.length ? `building ${stale.join(' and ')}…` : 'runtime and events: up to date');
  for (const pkg of stale) if ((await run(process.execPath, [tsc, '-p', `${pkg}/tsconfig.build.json`, '--noCheck'])) !== 0) return false;
  return true;
}

const [builds, generated] = await Promise.all([buildPackages(), runGenerate({})]);
if (!builds || generated !== 0) process.exit(1);

const { startMock } = await import('../mock/src/index.js');
const t0 = performance.now();
const mock = await startMock();
console.log(
  `\nmock vCenter on ${mock.url} (releases ${mock.releases.join(', ')}; ready in ${((performance.now() - t0) / 1000).toFixed(2)} s)\n`,
);
let code = 1;
try {
  code = await run(process.execPath, ['--import', 'tsx', 'examples/quick-start.ts'], {
    ...process.env,
    VCENTER_URL: mock.url,
    VCENTER_USER: 'administrator@vsphere.local',
    VCENTER_PASSWORD: 'mock-password',
  });
} finally {
  await mock.close();
}
process.exit(code);
