/**
 * The README's Releases table, from what `generate` wrote (`generated/<release>/report.json`):
 * one row per generated release, its services (the spec files it was built from) and its
 * operation counts. A release committed to specs/vsphere/ and generated gets its row from
 * `vcenter-sdk specs table --write`; a test holds the README to it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedReleases } from '../../../codegen/src/generated-dir.js';

interface Report {
  inputs: { files: { name: string }[] };
  counts: { operations: number; byStyle: { api: number; rest: number } };
}

export const TABLE_START = '<!-- releases: `vcenter-sdk specs table --write` writes this table from generated/<release>/report.json -->';
export const TABLE_END = '<!-- /releases -->';

export function releasesTable(generatedDir: string): string {
  const rows = generatedReleases(generatedDir).map((release) => {
    const r = JSON.parse(readFileSync(join(generatedDir, release, 'report.json'), 'utf8')) as Report;
    const services = r.inputs.files.map((f) => f.name.replace(/\.(json|ya?ml)$/i, '')).sort();
    const { operations, byStyle } = r.counts;
    return `| ${release} | \`@vcenter-sdk/vsphere-${release}\` | ${services.join(', ')} | ${operations} (${byStyle.api} + ${byStyle.rest}) |`;
  });
  return ['| release | package | services | operations (`/api` + `/rest`) |', '|---|---|---|---|', ...rows].join('\n');
}

/** The README with its Releases table replaced; an error when the markers are missing. */
export function withReleasesTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${TABLE_START} … ${TABLE_END} section`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}

/** The table the README shows now, between its markers. */
export function shownReleasesTable(readme: string): string | undefined {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  return start < 0 || end < start ? undefined : readme.slice(start + TABLE_START.length, end).trim();
}
