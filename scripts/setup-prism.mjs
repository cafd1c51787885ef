/**
 * `npm run setup:prism` (npm test runs it first): installs Stoplight Prism, which only the
 * contract suite (test/prism) runs, into tools/prism from that folder's own lockfile. It is kept
 * out of the workspace's install because it is half of it (185 packages, 12,000 files): the
 * quick start, `npm ci && npm start`, does not need it. Does nothing when the install matches the lockfile.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const tool = join(dirname(fileURLToPath(import.meta.url)), '..', 'tools', 'prism');
const lock = join(tool, 'package-lock.json');
// npm ci writes node_modules/.package-lock.json last: present and not older than the lockfile, the install is whole and current.
const installed = join(tool, 'node_modules', '.package-lock.json');
const bin = join(tool, 'node_modules', '.bin', 'prism');

if (existsSync(bin) && existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) {
  console.log('prism: installed (tools/prism)');
} else {
  console.log('prism: installing into tools/prism (npm ci, test-only)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: tool, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`prism: npm ci in ${tool} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`}); the contract suite needs it`);
    process.exit(1);
  }
}
