/**
 * The registry side of a release, through npm itself (so that the user's .npmrc, its
 * credentials included, applies as it would to a hand-run `npm publish`): which versions a
 * package has there, the output digest of a generated version, and the publish of a tarball.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cleanEnv, NPM } from './checks.js';

const run = promisify(execFile);

export class ReleaseError extends Error {
  override name = 'ReleaseError';
}

const npm = (args: string[], registry: string) =>
  run(NPM, [...args, '--registry', registry, '--no-update-notifier'], { env: cleanEnv(), maxBuffer: 64 * 1024 * 1024 });

const failure = (e: unknown) => {
  const x = e as { stdout?: string; stderr?: string; message?: string };
  return `${x.stderr ?? ''}${x.stdout ?? ''}` || String(x.message ?? e);
};

/** The versions of `name` on the registry; none when the registry does not know the package. */
export async function publishedVersions(name: string, registry: string): Promise<string[]> {
  try {
    const { stdout } = await npm(['view', name, 'versions', '--json'], registry);
    if (!stdout.trim()) return [];
    const v = JSON.parse(stdout) as string | string[];
    return Array.isArray(v) ? v : [v];
  } catch (e) {
    const text = failure(e);
    if (/E404|404 Not Found|is not in this registry/.test(text)) return [];
    throw new ReleaseError(
      `npm view ${name} on ${registry} failed: ${text.trim().split('\n')[0]} (is the registry up, and --registry right?)`,
    );
  }
}

/** `vcenterSdk.output` of a published version (the digest of its shipped files), if it has one. */
export async function publishedOutput(name: string, version: string, registry: string): Promise<string | undefined> {
  const { stdout } = await npm(['view', `${name}@${version}`, 'vcenterSdk', '--json'], registry).catch((e) => {
    throw new ReleaseError(`npm view ${name}@${version} on ${registry} failed: ${failure(e).trim().split('\n')[0]}`);
  });
  if (!stdout.trim()) return undefined;
  return (JSON.parse(stdout) as { output?: string }).output;
}

/** Publishes a tarball; false when the registry already had that version (a concurrent release). */
export async function publishTarball(tarball: string, registry: string): Promise<boolean> {
  try {
    await npm(['publish', tarball, '--access', 'public', '--ignore-scripts', '--tag', 'latest'], registry);
    return true;
  } catch (e) {
    const text = failure(e);
    if (/EPUBLISHCONFLICT|previously published|cannot publish over|E409/.test(text)) return false;
    throw new ReleaseError(
      `npm publish ${tarball} to ${registry} failed: ${text.trim().split('\n').slice(0, 3).join(' / ')}` +
        (/ENEEDAUTH|E401|E403/.test(text) ? ` (log in first: npm login --registry ${registry})` : ''),
    );
  }
}
