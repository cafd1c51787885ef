/**
 * A release's spec files as committed (`specs/vsphere/<release>/` of this repository, or
 * `VCENTER_SPECS_DIR`, the folder `generate` read): what the API Explorer serves byte for byte
 * and what the metamodel is built from. Read on first use, once per release; a release without
 * a spec folder serves neither.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `specs/vsphere/` of the repository this package lives in. */
const COMMITTED_SPECS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'specs', 'vsphere');

export const specsDir = (): string => process.env.VCENTER_SPECS_DIR || COMMITTED_SPECS_DIR;

/** Service name (file name without `.json`) → the file's bytes, in name order. */
export type SpecFiles = ReadonlyMap<string, Buffer>;

const cache = new Map<string, SpecFiles | undefined>();

/**
 * The files a release serves: its own, then each service it lacks from the newest older served
 * release that has it (as an 8.0.2 mock answers `vcenter.*` with 7.0.3's spec).
 */
export function servedFiles(answerers: readonly string[]): SpecFiles | undefined {
  const [own, ...older] = answerers.map(specFiles);
  if (!own) return undefined;
  const files = new Map(own);
  for (const o of older) for (const [name, bytes] of o ?? []) if (!files.has(name)) files.set(name, bytes);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function specFiles(release: string): SpecFiles | undefined {
  const dir = join(specsDir(), release);
  if (cache.has(dir)) return cache.get(dir);
  const files = existsSync(dir)
    ? new Map(
        readdirSync(dir)
          .filter((n) => n.endsWith('.json'))
          .sort()
          .map((n) => [n.slice(0, -'.json'.length), readFileSync(join(dir, n))] as const),
      )
    : undefined;
  const found = files?.size ? files : undefined;
  cache.set(dir, found);
  return found;
}
