/**
 * Atomic replacement of a release's output folder and the link that lets code in this
 * repository import it by package name. A release is built in `generated/.staging/`; only a
 * complete build is swapped in, so a failed generate leaves the previous output intact. And
 * whether an output folder (a release's or the events package's) is still current.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export function stagingDir(outDir: string, release: string): string {
  const dir = join(outDir, '.staging', `${release}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function discardStaging(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Swaps `staged` in as `outDir/release`; the old folder is removed only after the swap. */
export function commitRelease(staged: string, outDir: string, release: string): string {
  const target = join(outDir, release);
  const trash = join(outDir, '.staging', `${release}-${process.pid}.old`);
  rmSync(trash, { recursive: true, force: true });
  if (existsSync(target)) renameSync(target, trash);
  renameSync(staged, target);
  rmSync(trash, { recursive: true, force: true });
  return target;
}

/** The package name of a release's output. */
export const packageName = (release: string) => `@vcenter-sdk/vsphere-${release}`;

/** `node_modules/@vcenter-sdk/vsphere-<release>` → the release folder, as npm workspaces would link it. */
export function linkPackage(rootDir: string, packageDir: string, packageName: string): void {
  const link = join(rootDir, 'node_modules', packageName);
  mkdirSync(dirname(link), { recursive: true });
  try {
    if (lstatSync(link)) unlinkSync(link);
  } catch {
    // no link yet
  }
  symlinkSync(relative(dirname(link), packageDir), link, 'dir');
}

/**
 * The report of `target`'s last output when it was generated from `digest` and is whole (its
 * dist/index.js written), with the package link renewed if asked; undefined when it must be
 * generated (forced, never generated, other inputs, or cut short).
 */
export function currentOutput<R extends { inputs: { digest: string } }>(
  target: string,
  digest: string,
  o: { rootDir: string; force?: boolean | undefined; link?: boolean | undefined },
  name: string,
): R | undefined {
  if (o.force) return undefined;
  let previous: R;
  try {
    previous = JSON.parse(readFileSync(join(target, 'report.json'), 'utf8'));
  } catch {
    return undefined;
  }
  if (previous.inputs?.digest !== digest || !existsSync(join(target, 'dist/index.js'))) return undefined;
  if (o.link) linkPackage(o.rootDir, target, name);
  return previous;
}
