/**
 * A pulled release folder on disk: written whole into a temporary sibling folder, then renamed
 * into place (the previous folder removed only after), so that a failed pull leaves nothing
 * half-written; with `PROVENANCE.md`, which says where the files came from and carries the
 * component fingerprints that tell the next pull whether anything changed.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PROVENANCE = 'PROVENANCE.md';

export interface Provenance {
  server: string;
  version: string;
  build: string;
  /** ISO date and time of the pull. */
  date: string;
  source: 'apiexplorer' | 'metamodel';
  /** Component id → fingerprint, as the server's `vapi.metadata.metamodel.component.fingerprint` says. */
  fingerprints: Record<string, string>;
  /** The spec files written. */
  files: string[];
}

const SOURCES: Record<Provenance['source'], string> = {
  apiexplorer: 'the API Explorer files (`GET /apiexplorer/json/api.json` and each `<service>.json`), byte for byte',
  metamodel: 'the vAPI metamodel (`vapi.metadata.metamodel.component` list, get and fingerprint), converted to Swagger 2.0',
};

const MARK = /<!-- pull: (\{.*\}) -->/;

export function provenanceText(release: string, p: Provenance): string {
  const rows = Object.entries(p.fingerprints).map(([c, f]) => `| ${c} | \`${f}\` |`);
  return [
    `# vSphere ${release}: pulled from a running vCenter`,
    '',
    `Written by \`vcenter-sdk specs pull\`; do not edit the spec files by hand (fix defects with specs/fixes/${release}/).`,
    '',
    '| | |',
    '|---|---|',
    `| server | ${p.server} |`,
    `| version | ${p.version} |`,
    `| build | ${p.build || '(not given)'} |`,
    `| date | ${p.date} |`,
    `| read from | ${SOURCES[p.source]} |`,
    '',
    '## Component fingerprints',
    '',
    `<!-- pull: ${JSON.stringify({ date: p.date, source: p.source, files: p.files, fingerprints: p.fingerprints })} -->`,
    '| component | fingerprint |',
    '|---|---|',
    ...rows,
    '',
  ].join('\n');
}

/** What the last pull into `folder` recorded, if it was one. */
export function recordedProvenance(folder: string): Pick<Provenance, 'date' | 'source' | 'files' | 'fingerprints'> | undefined {
  const file = join(folder, PROVENANCE);
  if (!existsSync(file)) return undefined;
  const m = MARK.exec(readFileSync(file, 'utf8'));
  return m ? JSON.parse(m[1]!) : undefined;
}

/** Writes `files` (name → bytes) as `<out>/<release>/`, replacing what was there only once all of it is written. */
export function writeReleaseFolder(out: string, release: string, files: ReadonlyMap<string, Buffer | string>): string {
  mkdirSync(out, { recursive: true });
  const target = join(out, release);
  const temp = join(out, `.${release}.pull-${process.pid}`);
  const old = join(out, `.${release}.old-${process.pid}`);
  rmSync(temp, { recursive: true, force: true });
  try {
    mkdirSync(temp);
    for (const [name, bytes] of files) writeFileSync(join(temp, name), bytes);
    if (existsSync(target)) renameSync(target, old);
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    if (!existsSync(target) && existsSync(old)) renameSync(old, target);
    throw e;
  }
  rmSync(old, { recursive: true, force: true });
  return target;
}
