/** For the `specs pull` suites: the generated release packages the pull speaks through, and a pull against a URL. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pullRelease, type PullOptions, type PullResult } from '../../scripts/cli/specs/pull.js';
import { REPO_ROOT } from '../support/paths.js';
import { MOCK_PASSWORD, USER as MOCK_USER } from '../support/settings.js';

export const SPECS = join(REPO_ROOT, 'specs', 'vsphere');

/** Every shipped release: the folders of specs/vsphere. */
export const SHIPPED = readdirSync(SPECS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

let descriptors: Promise<PullOptions['descriptors']> | undefined;
const loadDescriptors = () => (descriptors ??= Promise.all(SHIPPED.map(async (r) => (await import(`@vcenter-sdk/vsphere-${r}`)).default)));

export const USER = { username: MOCK_USER, password: MOCK_PASSWORD };

export async function pull(url: string, out: string, more: Partial<PullOptions> = {}): Promise<PullResult & { log: string[] }> {
  const log: string[] = [];
  const result = await pullRelease({ url, ...USER, tls: {}, descriptors: await loadDescriptors(), out, log: (l) => log.push(l), ...more });
  return { ...result, log };
}

/** The spec files of a folder (PROVENANCE.md left out), name → bytes. */
export const specFilesOf = (dir: string): string[] =>
  readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort();
