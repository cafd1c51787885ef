/**
 * Where the spec files are: `specs/vsphere/` of this repository (committed, byte for byte
 * as VMware published them, with specs/README.md and specs/SHA256SUMS as they came), unless `--specs DIR` or `VCENTER_SPECS_DIR` names another
 * folder. A folder or release that is not there gets a message saying where the committed
 * specs come from and how to add a release, since a new user meets it first.
 */
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const committedSpecsDir = join(repoRoot, 'specs', 'vsphere');
export const defaultSpecsDir = (): string => process.env.VCENTER_SPECS_DIR || committedSpecsDir;

/** `specs/vsphere` inside the repository, the absolute path elsewhere. */
function shown(dir: string): string {
  const rel = relative(repoRoot, dir);
  return rel && !rel.startsWith('..') && !rel.startsWith('/') ? rel : dir;
}

/** The lines that follow a "not there" error: where specs come from, how to add a release. */
export function specsHelp(specsDir: string, release = '<release>'): string {
  const committed = resolve(specsDir) === committedSpecsDir;
  return [
    committed
      ? `The spec files are committed in ${shown(committedSpecsDir)}/ (one folder per release; provenance and digests in specs/README.md and specs/SHA256SUMS).`
      : `${shown(specsDir)} was given by ${process.env.VCENTER_SPECS_DIR && resolve(process.env.VCENTER_SPECS_DIR) === resolve(specsDir) ? 'VCENTER_SPECS_DIR' : '--specs'}; without it the committed ${shown(committedSpecsDir)}/ is read (provenance in specs/README.md).`,
    `To add a release, put its spec files (Swagger 2.0 or OpenAPI 3.0, JSON or YAML, as VMware publishes them) in ${join(shown(specsDir), release)}/`,
    `and run \`npm run generate -- --release ${release} --record\` (see README.md, "Upgrading to a new vSphere release").`,
  ].join('\n');
}
