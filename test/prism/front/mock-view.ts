/**
 * The document Prism serves for a release: its `openapi.json` with each fixed query folded into
 * the pathname. Prism routes on the pathname only, so `/api/vcenter/vm?action=clone` and
 * `/api/vcenter/vm` would be one route; the front (routes.ts) folds each request's URL the same
 * way before handing it on. Only the Prism suites need this, so it is made here, per run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_DIR } from '../../support/paths.js';

interface Document {
  paths: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * The pathname Prism sees for a path key: `/api/vcenter/vm?action=clone&vmw-task=true`
 * becomes `/__q/action=clone&vmw-task=true/api/vcenter/vm`. No real vSphere path starts
 * with `/__q`, so a folded path never collides with a templated one such as `/api/vcenter/vm/{vm}`.
 * Keys with no value (`?file_name`) fold the same way (`/__q/file_name/...`).
 */
export function mockPathOf(path: string): string {
  const q = path.indexOf('?');
  return q < 0 ? path : `/__q/${path.slice(q + 1)}${path.slice(0, q)}`;
}

/** Shares everything but `paths` and `servers` with `doc`: no copy of a 6 MB document. */
export function mockView(doc: Document): Document {
  const paths = Object.fromEntries(Object.entries(doc.paths).map(([k, v]) => [mockPathOf(k), v]));
  return { ...doc, paths, servers: [{ url: '/' }] };
}

/** The generated document of a release, the one the mock view is folded from. */
export function releaseDocumentOf(release: string): string {
  return join(GENERATED_DIR, release, 'openapi.json');
}

/** Writes the mock view of `source` (a release's openapi.json) to `target`. */
export function writeMockView(source: string, target: string): void {
  writeFileSync(target, JSON.stringify(mockView(JSON.parse(readFileSync(source, 'utf8')) as Document)));
}
