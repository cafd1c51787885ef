/**
 * `npm start`: generate what is missing, start the local mock vCenter (every generated
 * release behind one endpoint), run the quick-start example against it, stop the mock.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { runGenerate, repoRoot } from '../codegen/src/cli.js';

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit', env });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
if ((await run(process.execPath, [tsc, '-p', 'runtime/tsconfig.build.json'])) !== 0) process.exit(1);
// @vcenter-sdk/events (examples/events-tag-on-poweron.ts imports it by name)
if ((await run(process.execPath, [tsc, '-p', 'events/tsconfig.build.json'])) !== 0) process.exit(1);
if ((await runGenerate({})) !== 0) process.exit(1);

console.log('\nstarting the mock vCenter (Prism, one per release)…');
// Imported only now: the mock uses the runtime package, which the steps above just built.
const { startMockVcenter } = await import('./mock/server.js');
const mock = await startMockVcenter();
console.log(`mock vCenter on ${mock.url}, releases ${mock.releases.join(', ')}\n`);
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
