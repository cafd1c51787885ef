/**
 * Installs a test-only tool into tools/<name> from that folder's own lockfile (npm ci), kept out
 * of the workspace's install so that the quick start, `npm ci && npm start`, does not pay for
 * it. Does nothing when the install matches the lockfile.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `name`: the folder under tools/; `bin`: its command in node_modules/.bin; `neededBy`: the suite that runs it. */
export function setupTool(name, bin, neededBy) {
  const tool = join(dirname(fileURLToPath(import.meta.url)), '..', 'tools', name);
  const lock = join(tool, 'package-lock.json');
  // npm ci writes node_modules/.package-lock.json last: present and not older than the lockfile, the install is whole and current.
  const installed = join(tool, 'node_modules', '.package-lock.json');
  if (
    existsSync(join(tool, 'node_modules', '.bin', bin)) &&
    existsSync(installed) &&
    statSync(installed).mtimeMs >= statSync(lock).mtimeMs
  ) {
    console.log(`${name}: installed (tools/${name})`);
    return;
  }
  console.log(`${name}: installing into tools/${name} (npm ci, test-only)…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: tool, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${name}: npm ci in ${tool} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`}); ${neededBy} needs it`);
    process.exit(1);
  }
}
