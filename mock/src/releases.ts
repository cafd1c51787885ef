/**
 * The releases the mock can serve: every `generated/<release>/` that has an operation table.
 * Each release is read from its own folder: `operations.json` at start, `openapi.json` only
 * when an operation first falls back to the spec's examples (parsing 6 MB costs ~100 ms).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OperationSpec } from './routes.js';

/** `generated/` of the repository this package lives in. */
export const DEFAULT_GENERATED_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'generated');

const RELEASE_ID = /^\d+(\.\d+)*$/;

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

/** The releases generated in `dir`, newest first. */
export function generatedReleases(dir: string = DEFAULT_GENERATED_DIR): string[] {
  if (!existsSync(dir)) return [];
  const found = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && RELEASE_ID.test(e.name) && existsSync(join(dir, e.name, 'operations.json')))
    .map((e) => e.name);
  return newestFirst(found);
}

export interface ReleaseFiles {
  release: string;
  operations: OperationSpec[];
  /** The normalized OpenAPI document, parsed on first use. */
  document(): OpenApiDocument;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
  components?: { schemas?: Record<string, unknown> };
}

export function loadRelease(dir: string, release: string): ReleaseFiles {
  const folder = join(dir, release);
  const operationsFile = join(folder, 'operations.json');
  if (!existsSync(operationsFile)) {
    const have = generatedReleases(dir);
    throw new Error(`release ${release} is not generated in ${dir} (it has ${have.join(', ') || 'none'}; run \`npm run generate\`)`);
  }
  const operations = JSON.parse(readFileSync(operationsFile, 'utf8')) as OperationSpec[];
  let doc: OpenApiDocument | undefined;
  return {
    release,
    operations,
    document: () => (doc ??= JSON.parse(readFileSync(join(folder, 'openapi.json'), 'utf8')) as OpenApiDocument),
  };
}
