/** What generation did to a release, for `report.json` and the console. */
import { SpecError } from './errors.js';
import type { Merged, MergeConflict } from './merge.js';
import type { OperationTable, RenamedDuplicate } from './operations.js';
import type { RefRedirect, UnresolvedRef } from './refs.js';
import type { AppliedFix, DigestCheck } from './registry.js';
import type { Repair } from './repairs.js';
import type { SpecFile } from './load.js';

export interface Report {
  release: string;
  inputs: { digest: string; files: { name: string; format: string; sha256: string }[]; digests: DigestCheck };
  counts: {
    operations: number;
    byStyle: { api: number; rest: number };
    async: number;
    inputSchemas: number;
    schemas: number;
    hoistedSchemas: number;
    unresolvedRefs: number;
    unresolvedSchemas: number;
    /** Dangling `$ref`s redirected: namespace prefix added or dropped, or a component of another kind. */
    redirectedRefs: number;
  };
  unresolved: UnresolvedRef[];
  fixes: AppliedFix[];
  /**
   * Operations repaired (fixed query lifted, path parameters renamed, bodies the spec is silent
   * about decided from their schema: `body-required` / `body-optional`) and dangling `$ref`s redirected.
   */
  repairs: (Repair | RefRedirect)[];
  renamed: RenamedDuplicate[];
  conflicts: MergeConflict[];
}

export function buildReport(x: {
  release: string;
  files: SpecFile[];
  digest: string;
  digests: DigestCheck;
  applied: AppliedFix[];
  repairs: Repair[];
  merged: Merged;
  table: OperationTable;
  inputSchemas: number;
}): Report {
  const ops = x.table.operations;
  return {
    release: x.release,
    inputs: {
      digest: x.digest,
      files: x.files.map((f) => ({ name: f.name, format: f.format, sha256: f.sha256 })),
      digests: x.digests,
    },
    counts: {
      operations: ops.length,
      byStyle: { api: ops.filter((o) => o.style === 'api').length, rest: ops.filter((o) => o.style === 'rest').length },
      async: ops.filter((o) => o.async).length,
      inputSchemas: x.inputSchemas,
      schemas: Object.keys(x.merged.doc.components.schemas).length,
      hoistedSchemas: x.table.hoisted.length,
      unresolvedRefs: x.merged.unresolved.length,
      unresolvedSchemas: new Set(x.merged.unresolved.flatMap((u) => (u.stub ? [u.stub] : []))).size,
      redirectedRefs: x.merged.redirects.length,
    },
    unresolved: x.merged.unresolved,
    fixes: x.applied,
    repairs: [...x.repairs, ...x.merged.redirects],
    renamed: x.table.renamed,
    conflicts: x.merged.conflicts,
  };
}

/** `--strict`: a `$ref` that resolves nowhere fails the release, named by its file and JSON pointer. */
export function assertResolved(r: Report): void {
  const [first, ...more] = r.unresolved;
  if (!first) return;
  const without = first.became === 'dropped' ? 'left out' : 'typed unknown';
  const rest = more.length ? `; ${more.length} more in report.json "unresolved"` : '';
  throw new SpecError(`$ref ${first.ref} resolves nowhere (--strict; without it, it is ${without})${rest}`, first.file, first.pointer);
}

/** What a console line says of the repairs of a kind (default: "operations repaired"). */
const REPAIR_LINES: Partial<Record<Report['repairs'][number]['kind'], string>> = {
  'ref-namespace-prefix': 'dangling $refs redirected',
  'ref-component-kind': 'dangling $refs redirected to a component of another kind',
  'body-required': 'bodies the spec is silent about made required (their schema requires fields)',
  'body-optional': 'bodies the spec is silent about left optional (their schema requires none)',
};

/** A few readable lines for the console. */
export function summarize(r: Report): string[] {
  const c = r.counts;
  const lines = [
    `${c.operations} operations (${c.byStyle.api} /api, ${c.byStyle.rest} /rest, ${c.async} async), ${c.inputSchemas} schemas in, ${c.schemas} after merge (+${c.hoistedSchemas} hoisted)`,
  ];
  if (c.unresolvedRefs)
    lines.push(`${c.unresolvedRefs} unresolved $refs to ${c.unresolvedSchemas} schemas, typed unknown (see report.json "unresolved")`);
  if (r.fixes.length) lines.push(`${r.fixes.length} fixes applied from specs/fixes/${r.release}/`);
  for (const kind of new Set(r.repairs.map((x) => x.kind)))
    lines.push(
      `${r.repairs.filter((x) => x.kind === kind).length} ${REPAIR_LINES[kind] ?? 'operations repaired'}: ${kind} (see report.json "repairs")`,
    );
  if (r.renamed.length)
    lines.push(
      `${r.renamed.length} duplicate operation names renamed: ${r.renamed
        .slice(0, 3)
        .map((d) => `${d.wanted} → ${d.got}`)
        .join(', ')}`,
    );
  const differing = r.conflicts.filter((k) => !k.identical);
  if (differing.length)
    lines.push(
      `${differing.length} definitions differ between files; the first file's is kept: ${differing
        .slice(0, 3)
        .map((k) => `${k.name} (${k.kept} over ${k.dropped})`)
        .join(', ')}`,
    );
  const d = r.inputs.digests;
  if (!d.known)
    lines.push(
      'release not recorded in specs/releases.json: its input digests are unchecked (`npm run generate -- --record` records them)',
    );
  for (const ch of d.changed)
    lines.push(`WARNING: ${ch.file} differs from the recorded digest (${ch.expected ?? 'not recorded'} → ${ch.actual})`);
  for (const m of d.missing) lines.push(`WARNING: ${m} is recorded for this release but missing from the spec folder`);
  return lines;
}
