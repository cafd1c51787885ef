/**
 * The releases the mock can serve. By default, the release packages (`@vcenter-sdk/vsphere-<release>`)
 * that node resolves by name from this package: the consumer's node_modules, where npm and pnpm
 * put its optional peers (in this repository, the links `npm run generate` makes). Or, given a
 * folder of generated releases (`generatedDir`), every `<dir>/<release>/` in it.
 * Each release is read from its own folder: `operations.json` at start, `responses.json` (the
 * response schemas, which the package ships) only when an operation first answers from examples.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OperationSpec } from './routes.js';

const RELEASE_ID = /^\d+(\.\d+)*$/;
const SCOPE = '@vcenter-sdk';
const PREFIX = 'vsphere-';
const packageOf = (release: string): string => `${SCOPE}/${PREFIX}${release}`;
const require = createRequire(import.meta.url);

/** Numeric, dot-separated: compareReleases('8.0.2', '8.0.10') < 0. The mock keeps its own: a server sharing the client's logic could not catch its bugs. */
export function compareReleases(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

export const newestFirst = (releases: readonly string[]): string[] => [...releases].sort((a, b) => compareReleases(b, a));

/** The folder of an installed release package, as node resolves its name from here; undefined when not installed. */
function installedFolder(release: string): string | undefined {
  let manifest: string;
  try {
    manifest = require.resolve(`${packageOf(release)}/package.json`);
  } catch {
    return undefined;
  }
  const folder = dirname(manifest);
  return existsSync(join(folder, 'operations.json')) ? folder : undefined;
}

/** Release packages installed where node looks for this package's dependencies, newest first. */
function installedReleases(): string[] {
  const found = new Set<string>();
  for (const modules of require.resolve.paths(SCOPE) ?? []) {
    const scope = join(modules, SCOPE);
    if (!existsSync(scope)) continue;
    for (const name of readdirSync(scope)) {
      const release = name.startsWith(PREFIX) ? name.slice(PREFIX.length) : '';
      if (RELEASE_ID.test(release) && installedFolder(release)) found.add(release);
    }
  }
  return newestFirst([...found]);
}

/** The releases generated in `dir`, or (no `dir`) the installed release packages; newest first. */
export function generatedReleases(dir?: string): string[] {
  if (dir === undefined) return installedReleases();
  if (!existsSync(dir)) return [];
  const found = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && RELEASE_ID.test(e.name) && existsSync(join(dir, e.name, 'operations.json')))
    .map((e) => e.name);
  return newestFirst(found);
}

/** What to do when no release is found: the consumer's command, or the repository's for a generated folder. */
export function noReleaseAdvice(dir?: string): string {
  if (dir !== undefined) return `no generated release in ${dir} (run \`npm run generate\`)`;
  const known = newestFirst(Object.keys(ownManifest().peerDependencies ?? {}).map((n) => n.slice(`${SCOPE}/${PREFIX}`.length)));
  return `no release package is installed beside @vcenter-sdk/mock: install the release your code uses, e.g. \`npm install ${packageOf(known[0] ?? '<release>')}\``;
}

function ownManifest(): { version: string; peerDependencies?: Record<string, string> } {
  return require('../package.json') as { version: string; peerDependencies?: Record<string, string> };
}

export interface ReleaseFiles {
  release: string;
  operations: OperationSpec[];
  /** The response schemas (an OpenAPI document with only those), parsed on first use. */
  document(): OpenApiDocument;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
  components?: { schemas?: Record<string, unknown> };
}

/** One release, from `<dir>/<release>/`, or (no `dir`) from its installed package. */
export function loadRelease(dir: string | undefined, release: string): ReleaseFiles {
  const folder = dir === undefined ? installedFolder(release) : join(dir, release);
  if (folder === undefined || !existsSync(join(folder, 'operations.json'))) throw new Error(notFound(dir, release));
  const operations = JSON.parse(readFileSync(join(folder, 'operations.json'), 'utf8')) as OperationSpec[];
  let doc: OpenApiDocument | undefined;
  return {
    release,
    operations,
    document: () => (doc ??= readResponses(folder, release)),
  };
}

function readResponses(folder: string, release: string): OpenApiDocument {
  const file = join(folder, 'responses.json');
  if (!existsSync(file))
    throw new Error(
      `${file} is missing (a release package older than the mock): run \`npm install ${packageOf(release)}@${ownManifest().version}\``,
    );
  return JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
}

function notFound(dir: string | undefined, release: string): string {
  const have = generatedReleases(dir);
  const it = `it has ${have.join(', ') || 'none'}`;
  if (dir !== undefined) return `release ${release} is not generated in ${dir} (${it}; run \`npm run generate\`)`;
  return `release ${release} is not installed beside @vcenter-sdk/mock (${it}): run \`npm install ${packageOf(release)}\``;
}
