/**
 * Builds the govmomi simulator wrapper (test/simulator/vcsim/main.go) into
 * test/simulator/bin/vcsim (git-ignored).
 *
 * Uses the Debian packages listed in scripts/simulator/apt-packages.txt:
 * Go from `golang-go` and govmomi 0.24 source from
 * `golang-github-vmware-govmomi-dev` (/usr/share/gocode), built in GOPATH mode
 * (GO111MODULE=off) with no network (GOPROXY=off) and no cgo.
 *
 * Idempotent: skips the build when the binary is newer than main.go.
 *
 *   tsx scripts/simulator/build.ts            # build if stale
 *   tsx scripts/simulator/build.ts --force    # always rebuild
 *   tsx scripts/simulator/build.ts --check    # report availability, exit 1 if unavailable
 *
 * Environment overrides:
 *   VCSIM_GO       go executable (default: `go` on PATH)
 *   VCSIM_GOPATH   GOPATH holding src/github.com/vmware/govmomi (default /usr/share/gocode)
 *   GOCACHE        build cache (default <repo>/.cache/go-build, git-ignored)
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../../codegen/src/specs-dir.js';

export { repoRoot };

export const simulatorSourceDir = join(repoRoot, 'test', 'simulator', 'vcsim');
export const simulatorSource = join(simulatorSourceDir, 'main.go');
export const simulatorBinary = join(repoRoot, 'test', 'simulator', 'bin', 'vcsim');
export const defaultGopath = '/usr/share/gocode';

export type Availability = { ok: true } | { ok: false; reason: string };

function goExecutable(): string {
  return process.env.VCSIM_GO || 'go';
}

function gopath(): string {
  return process.env.VCSIM_GOPATH || defaultGopath;
}

function govmomiDir(): string {
  return join(gopath(), 'src', 'github.com', 'vmware', 'govmomi');
}

/** True when the binary exists and is newer than main.go. */
export function simulatorBinaryFresh(): boolean {
  if (!existsSync(simulatorBinary)) return false;
  try {
    return statSync(simulatorBinary).mtimeMs >= statSync(simulatorSource).mtimeMs;
  } catch {
    return false;
  }
}

let goVersionCache: string | null | undefined;

/** `go version` output, or null when Go cannot be run. */
export function goVersion(): string | null {
  if (goVersionCache !== undefined) return goVersionCache;
  try {
    goVersionCache = execFileSync(goExecutable(), ['version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    }).trim();
  } catch {
    goVersionCache = null;
  }
  return goVersionCache;
}

/**
 * Whether the simulator can be built (or is already built and fresh).
 * Synchronous; cheap after the first call.
 */
export function toolchainAvailable(): Availability {
  if (simulatorBinaryFresh()) return { ok: true };
  if (!existsSync(simulatorSource)) {
    return { ok: false, reason: `simulator source missing: ${simulatorSource}` };
  }
  if (goVersion() === null) {
    return {
      ok: false,
      reason:
        `Go toolchain not found (could not run \`${goExecutable()} version\`); ` +
        'install the Debian package golang-go (see scripts/simulator/apt-packages.txt)',
    };
  }
  const required = ['simulator/simulator.go', 'vapi/simulator/simulator.go'];
  for (const file of required) {
    if (!existsSync(join(govmomiDir(), file))) {
      return {
        ok: false,
        reason:
          `govmomi source not found (${join(govmomiDir(), file)} missing); ` +
          'install the Debian package golang-github-vmware-govmomi-dev (see scripts/simulator/apt-packages.txt)',
      };
    }
  }
  return { ok: true };
}

export interface BuildResult {
  binary: string;
  /** false when the existing binary was fresh and the build was skipped */
  built: boolean;
  ms: number;
}

let inFlight: Promise<BuildResult> | undefined;

/**
 * Build the simulator binary if it is missing or older than main.go.
 * Concurrent calls in one process share one build; concurrent processes are
 * safe because the binary is written to a temp file and renamed into place.
 */
export function buildSimulator(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<BuildResult> {
  if (!options.force && simulatorBinaryFresh()) {
    return Promise.resolve({ binary: simulatorBinary, built: false, ms: 0 });
  }
  inFlight ??= runBuild(options).finally(() => {
    inFlight = undefined;
  });
  return inFlight;
}

async function runBuild(options: { log?: (line: string) => void }): Promise<BuildResult> {
  const available = toolchainAvailable();
  if (!available.ok && !simulatorBinaryFresh()) throw new Error(available.reason);

  const started = performance.now();
  const binDir = dirname(simulatorBinary);
  mkdirSync(binDir, { recursive: true });
  const tmp = join(binDir, `.vcsim.${process.pid}.${Date.now()}.tmp`);
  const gocache = process.env.GOCACHE || join(repoRoot, '.cache', 'go-build');
  mkdirSync(gocache, { recursive: true });

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GO111MODULE: 'off',
    GOPATH: gopath(),
    GOPROXY: 'off',
    GOFLAGS: '',
    GOCACHE: gocache,
    CGO_ENABLED: '0',
  };
  const args = ['build', '-o', tmp, '-ldflags=-s -w', './test/simulator/vcsim'];
  options.log?.(`GO111MODULE=off GOPATH=${env.GOPATH} CGO_ENABLED=0 ${goExecutable()} ${args.join(' ')}`);

  try {
    await new Promise<void>((resolvePromise, reject) => {
      execFile(
        goExecutable(),
        args,
        { cwd: repoRoot, env, timeout: 10 * 60_000, maxBuffer: 16 * 1024 * 1024 },
        (error, _stdout, stderr) => {
          if (error) {
            reject(new Error(`building the simulator failed: ${error.message}\n${stderr}`));
          } else {
            resolvePromise();
          }
        },
      );
    });
    renameSync(tmp, simulatorBinary);
  } finally {
    rmSync(tmp, { force: true });
  }
  return { binary: simulatorBinary, built: true, ms: Math.round(performance.now() - started) };
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--check')) {
    const a = toolchainAvailable();
    console.log(a.ok ? `simulator available (${goVersion() ?? 'prebuilt binary'})` : `simulator unavailable: ${a.reason}`);
    return a.ok ? 0 : 1;
  }
  const result = await buildSimulator({ force: argv.includes('--force'), log: (l) => console.error(l) });
  console.log(result.built ? `built ${result.binary} in ${result.ms} ms` : `${result.binary} is up to date`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
