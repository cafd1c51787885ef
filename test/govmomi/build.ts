/**
 * Builds test/govmomi/client/ (our Go program made of govmomi's REST clients) as the simulator
 * suite builds vcsim (scripts/simulator/build.ts): Debian's golang-go and govmomi's source from
 * golang-github-vmware-govmomi-dev, GOPATH mode, no network, no cgo, the same Go build cache.
 * The binary is cached under .cache/govmomi-client/<digest>/, keyed by the program's sources and
 * the Go version, so only a change to either rebuilds it.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { defaultGopath, goVersion, type Availability } from '../../scripts/simulator/build.js';
import { REPO_ROOT } from '../support/paths.js';

const SOURCE = join(REPO_ROOT, 'test/govmomi/client');
const GO = process.env.VCSIM_GO || 'go';
const GOPATH = process.env.VCSIM_GOPATH || defaultGopath;
const GOVMOMI = join(GOPATH, 'src/github.com/vmware/govmomi');
/** The govmomi packages the program imports, by one file each. */
const PACKAGES = ['vapi/rest/client.go', 'vapi/tags/tags.go', 'vapi/library/library.go', 'vapi/vcenter/vcenter_ovf.go'];

function binaryPath(version: string): string {
  const hash = createHash('sha256').update(version);
  for (const f of readdirSync(SOURCE)
    .filter((n) => n.endsWith('.go'))
    .sort())
    hash.update(f).update(readFileSync(join(SOURCE, f)));
  const digest = hash.digest('hex').slice(0, 16);
  return join(REPO_ROOT, '.cache/govmomi-client', digest, 'client');
}

/** Whether the program can be built here; the reason names the Debian package to install. */
export function govmomiClientAvailable(): Availability {
  const version = goVersion();
  if (version === null)
    return {
      ok: false,
      reason: `Go toolchain not found (could not run \`${GO} version\`); install the Debian package golang-go (see scripts/simulator/apt-packages.txt)`,
    };
  const missing = PACKAGES.map((f) => join(GOVMOMI, f)).find((f) => !existsSync(f));
  if (missing)
    return {
      ok: false,
      reason: `govmomi source not found (${missing} missing); install the Debian package golang-github-vmware-govmomi-dev (see scripts/simulator/apt-packages.txt)`,
    };
  return { ok: true };
}

/** The built program: from the cache, or built now (written aside, then renamed into place). */
export async function buildGovmomiClient(): Promise<{ binary: string; built: boolean }> {
  const version = goVersion();
  if (version === null) throw new Error(`cannot build ${SOURCE}: no Go toolchain`);
  const binary = binaryPath(version);
  if (existsSync(binary)) return { binary, built: false };
  const dir = join(binary, '..');
  mkdirSync(dir, { recursive: true });
  const tmp = `${binary}.${process.pid}.tmp`;
  const gocache = process.env.GOCACHE || join(REPO_ROOT, '.cache/go-build');
  mkdirSync(gocache, { recursive: true });
  const env = { ...process.env, GO111MODULE: 'off', GOPATH, GOPROXY: 'off', GOFLAGS: '', GOCACHE: gocache, CGO_ENABLED: '0' };
  try {
    await promisify(execFile)(GO, ['build', '-o', tmp, '-ldflags=-s -w', './test/govmomi/client'], {
      cwd: REPO_ROOT,
      env,
      timeout: 10 * 60_000,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((e: { stderr?: string; message: string }) => {
      throw new Error(`building ${SOURCE} failed: ${e.message}\n${e.stderr ?? ''}`);
    });
    renameSync(tmp, binary);
    // Binaries of earlier sources are of no more use.
    const cache = join(dir, '..');
    for (const d of readdirSync(cache)) if (join(cache, d) !== dir) rmSync(join(cache, d), { recursive: true, force: true });
  } finally {
    rmSync(tmp, { force: true });
  }
  return { binary, built: true };
}
