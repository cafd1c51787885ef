/**
 * `@vcenter-sdk/mock/catalog`: what the mock serves, without starting it (`vcenter-sdk mock
 * --list`): per release, how many operations it serves (its own and older releases') and which
 * of them it answers with the spec's examples rather than its model.
 */
import { exampleAnswered, servedOperations, type ServedOperation } from './fallback.js';
import { generatedReleases, loadRelease } from './releases.js';

export type { ServedOperation };

export interface ReleaseCatalog {
  release: string;
  /** Operations served, the older releases' it falls back to included. */
  served: number;
  /** Those answered with the spec's examples, by name. */
  examples: ServedOperation[];
}

/** Each of `releases` (default every one found, as `startMock` serves them), from `generatedDir` or the installed release packages. */
export function catalog(generatedDir?: string, releases: readonly string[] = []): ReleaseCatalog[] {
  const loaded = (releases.length ? releases : generatedReleases(generatedDir)).map((r) => loadRelease(generatedDir, r));
  return loaded.map(({ release }) => ({
    release,
    served: servedOperations(loaded, release).length,
    examples: exampleAnswered(loaded, release),
  }));
}
