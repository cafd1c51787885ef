/**
 * The documented set-up from a clean clone, `npm ci && npm run generate`, leaves every workspace
 * package importable by name, the mock included: a program in the clone imports
 * `@vcenter-sdk/mock`, starts it and lists VMs.
 *
 * The clone is the repository's files as git sees them (tracked, and new files not ignored:
 * no dist/, no generated/, no node_modules/) copied into os.tmpdir(). `npm ci` is stood in for
 * by what it leaves: node_modules holding the repository's installed third-party packages
 * (links), and the workspace links @vcenter-sdk/{runtime,mock,events} to the clone's own
 * folders. Installing 370 packages again would add 20-40 s and need the npm cache. Then the real
 * `npm run generate` runs there, for one release (the smallest) to keep it short.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, NPM, readManifest, REPO_ROOT, run } from './pack.js';

const RELEASE = '6.7.0';
let clone: string;
let before: { mockDist: boolean; generated: boolean };
let generate: { ok: boolean; output: string };

const PROBE = `import { startMock } from '@vcenter-sdk/mock';
const out = { module: import.meta.resolve('@vcenter-sdk/mock') };
const mock = await startMock();
try {
  out.releases = mock.releases;
  const auth = 'Basic ' + Buffer.from('administrator@vsphere.local:mock-password').toString('base64');
  const login = await fetch(mock.url + '/rest/com/vmware/cis/session', { method: 'POST', headers: { authorization: auth } });
  const { value: session } = await login.json();
  const vms = await fetch(mock.url + '/rest/vcenter/vm', { headers: { 'vmware-api-session-id': session } });
  out.vms = { status: vms.status, count: (await vms.json()).value.length };
} finally {
  await mock.close();
}
console.log(JSON.stringify(out));
`;

/** What `npm ci` leaves in node_modules: third-party packages, and links to the workspaces. */
function installLike(cloneDir: string): void {
  const modules = join(cloneDir, 'node_modules');
  mkdirSync(join(modules, '@vcenter-sdk'), { recursive: true });
  for (const name of readdirSync(join(REPO_ROOT, 'node_modules'))) {
    if (name === '@vcenter-sdk' || name === '.package-lock.json') continue;
    symlinkSync(join(REPO_ROOT, 'node_modules', name), join(modules, name));
  }
  for (const workspace of readManifest(REPO_ROOT).workspaces as string[]) {
    const name = readManifest(join(cloneDir, workspace)).name as string;
    symlinkSync(join('..', '..', workspace), join(modules, name));
  }
}

beforeAll(async () => {
  clone = mkdtempSync(join(tmpdir(), 'vcenter-sdk-clone-'));
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: REPO_ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  for (const file of stdout.split('\0').filter(Boolean)) {
    const from = join(REPO_ROOT, file);
    if (!existsSync(from)) continue; // deleted in the working tree, not yet committed
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    cpSync(from, join(clone, file));
  }
  installLike(clone);
  before = { mockDist: existsSync(join(clone, 'mock/dist')), generated: existsSync(join(clone, 'generated', RELEASE)) };
  generate = await run(NPM, ['run', 'generate', '--', '--release', RELEASE], { cwd: clone, env: cleanEnv(), maxBuffer: 16 * 1024 * 1024 })
    .then(() => ({ ok: true, output: '' }))
    .catch((e: { stdout?: string; stderr?: string }) => ({ ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` }));
  writeFileSync(join(clone, 'probe.mjs'), PROBE);
  // A hang guard, not a speed check: ~25 s on an idle 2-core machine.
}, 400_000);

afterAll(() => {
  if (clone) rmSync(clone, { recursive: true, force: true });
});

describe('a clean clone after npm ci && npm run generate', () => {
  it('starts without mock/dist or generated releases, and generate succeeds', () => {
    expect(before).toEqual({ mockDist: false, generated: false });
    expect(generate.output).toBe('');
    expect(generate.ok).toBe(true);
  });

  it('builds the dist of every workspace package', () => {
    for (const workspace of readManifest(REPO_ROOT).workspaces as string[]) {
      const main = readManifest(join(clone, workspace)).main as string;
      expect(existsSync(join(clone, workspace, main)), `${workspace}/${main}`).toBe(true);
    }
  });

  it('imports @vcenter-sdk/mock by name from the clone, starts it and lists VMs', async () => {
    expect(generate.ok, 'generate failed').toBe(true);
    const { stdout } = await run(process.execPath, ['probe.mjs'], { cwd: clone, env: cleanEnv() });
    expect(JSON.parse(stdout)).toEqual({
      module: pathToFileURL(join(clone, 'mock/dist/index.js')).href,
      releases: [RELEASE],
      vms: { status: 200, count: expect.any(Number) },
    });
    expect(JSON.parse(stdout).vms.count).toBeGreaterThan(0);
  }, 60_000);
});
