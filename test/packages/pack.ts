/**
 * Shared by the packaging tests: which packages the repository publishes, and `npm pack` of
 * one of them into a folder (never into the package folder itself, so concurrent packs of the
 * same package cannot collide).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { generatedReleases } from '../../codegen/src/generated-dir.js';
import { REPO_ROOT } from '../support/paths.js';
import { cleanEnv } from '../../scripts/release/checks.js';

export { caretAdmits } from '../../codegen/src/package-files.js';
export { cleanEnv };
export { mapLimit } from '../../scripts/release/map-limit.js';

export { generatedReleases, REPO_ROOT };

export const run = promisify(execFile);
export const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export interface Publishable {
  /** Package name from its package.json. */
  name: string;
  /** Absolute folder of the package. */
  dir: string;
  manifest: Record<string, any>;
}

export function readManifest(dir: string): Record<string, any> {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
}

export function runtimePackage(): Publishable {
  const dir = join(REPO_ROOT, 'runtime');
  const manifest = readManifest(dir);
  return { name: manifest.name, dir, manifest };
}

export function mockPackage(): Publishable {
  const dir = join(REPO_ROOT, 'mock');
  const manifest = readManifest(dir);
  return { name: manifest.name, dir, manifest };
}

export function releasePackage(release: string): Publishable {
  const dir = join(REPO_ROOT, 'generated', release);
  const manifest = readManifest(dir);
  return { name: manifest.name, dir, manifest };
}

/** The runtime, then every generated release. */
export function publishables(): Publishable[] {
  return [runtimePackage(), ...generatedReleases().map(releasePackage)];
}

export interface Packed {
  name: string;
  version: string;
  /** Absolute path of the tarball. */
  tarball: string;
  /** Paths inside the package, as `npm pack --json` lists them. */
  files: { path: string; size: number }[];
  /** Compressed size of the tarball, bytes. */
  size: number;
  unpackedSize: number;
}

/** `npm pack --pack-destination dest` of a package folder (no lifecycle scripts). */
export async function pack(dir: string, dest: string, opts: { dryRun?: boolean } = {}): Promise<Packed> {
  const args = ['pack', '--json', '--ignore-scripts', '--pack-destination', dest];
  if (opts.dryRun) args.push('--dry-run');
  const { stdout } = await run(NPM, args, { cwd: dir, env: cleanEnv(), maxBuffer: 64 * 1024 * 1024 });
  const [info] = JSON.parse(stdout) as any[];
  return {
    name: info.name,
    version: info.version,
    tarball: join(dest, info.filename),
    files: info.files.map((f: any) => ({ path: f.path, size: f.size })),
    size: info.size,
    unpackedSize: info.unpackedSize,
  };
}

/** Node's lookup of `name` from a package folder: the nearest node_modules/<name> upwards. */
function findInstalled(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir || !dir.startsWith(REPO_ROOT)) throw new Error(`${name} is not installed (from ${from}): run npm ci`);
  }
}

/** Package folders of `roots` and everything they depend on (dependencies, installed optionals). */
export function dependencyClosure(roots: string[], from: string): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (name: string, requester: string, optional: boolean) => {
    let dir: string;
    try {
      dir = findInstalled(name, requester);
    } catch (e) {
      if (optional) return;
      throw e;
    }
    if (found.has(name)) {
      if (found.get(name) !== dir) throw new Error(`two installed copies of ${name}: ${found.get(name)} and ${dir}`);
      return;
    }
    found.set(name, dir);
    const m = readManifest(dir);
    for (const d of Object.keys(m.dependencies ?? {})) visit(d, dir, false);
    for (const d of Object.keys(m.optionalDependencies ?? {})) visit(d, dir, true);
  };
  for (const r of roots) visit(r, from, false);
  return found;
}
