/**
 * `npm start`: generate what is missing, start the mock vCenter (every generated release behind
 * one endpoint), run examples/quick-start.ts against it, stop the mock.
 *
 * Everything runs from sources (tsx maps the workspace packages to their src/, as tsconfig.json's
 * `paths` say), so nothing is built first: a cold start is generation and nothing else. The
 * packages' dist/ folders, for `npm pack` and plain-JavaScript imports, are built by
 * `npm run generate` (which `npm test` runs first).
 */
import { spawn } from 'node:child_process';
import { runGenerate, repoRoot } from '../codegen/src/cli.js';

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit', env });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

if ((await runGenerate({})) !== 0) process.exit(1);

const { startMock } = await import('@vcenter-sdk/mock');
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
