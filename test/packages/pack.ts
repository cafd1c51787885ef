/**
 * Shared by the packaging tests: which packages the repository publishes, and `npm pack` of
 * one of them into a folder (never into the package folder itself, so concurrent packs of the
 * same package cannot collide).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generatedReleases } from '../../codegen/src/generated-dir.js';
import { REPO_ROOT } from '../support/paths.js';

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

/** The environment without the npm_* variables of an enclosing `npm test` (its prefix, its config). */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return { ...env, ...extra };
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

/** Runs `fn` over `items` with at most `limit` at a time (2 cores: don't start six tsc/attw at once). */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** `^x.y.z` admits `version` (the only range form the packages use for each other). */
export function caretAdmits(range: string, version: string): boolean {
  const m = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
  const v = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m || !v) return false;
  const [a, b, c] = m.slice(1).map(Number) as [number, number, number];
  const [x, y, z] = v.slice(1).map(Number) as [number, number, number];
  if (a > 0) return x === a && (y > b || (y === b && z >= c));
  if (b > 0) return x === 0 && y === b && z >= c;
  return x === 0 && y === 0 && z === c;
}
