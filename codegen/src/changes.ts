/**
 * Markdown for release diffs (`vcenter-sdk diff A B`) and `generated/CHANGES.md`: every
 * generated release against the one before it, newest first. Deterministic: no timestamps,
 * every list sorted, so the same generated folder always gives the same bytes.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffReleases, isEmptyDiff, type OperationChangeItem, type ReleaseDiff, type ReleaseSnapshot, type SchemaChange } from './diff.js';
import { generatedReleases } from './generated-dir.js';

const code = (s: string) => (s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``);
/** A table cell: pipes escaped, one line. */
const cell = (s: string) => s.replaceAll('|', '\\|').replace(/\s+/g, ' ');
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function describeItem(i: OperationChangeItem): string {
  switch (i.kind) {
    case 'body':
      if (!i.from) return `body added: ${code(i.to!)}`;
      if (!i.to) return `body removed (was ${code(i.from)})`;
      return `body: ${code(i.from)} → ${code(i.to)}`;
    case 'body-required':
      return i.to ? 'body made required' : 'body made optional';
    case 'body-schema':
      return `body schema ${code(i.schema)} changed (see Schemas changed)`;
    case 'parameter-added':
      return `parameter ${code(i.name)} added (${i.in}, ${code(i.type)}, ${i.required ? 'required' : 'optional'})`;
    case 'parameter-removed':
      return `parameter ${code(i.name)} removed (${i.in})`;
    case 'parameter-required':
      return `parameter ${code(i.name)} (${i.in}) made ${i.to ? 'required' : 'optional'}`;
    case 'parameter-moved':
      return `parameter ${code(i.name)} moved from ${i.from} to ${i.to}`;
    case 'parameter-retyped':
      return `parameter ${code(i.name)} (${i.in}) retyped: ${code(i.from)} → ${code(i.to)}`;
    case 'parameter-schema':
      return `parameter ${code(i.name)} (${i.in}) schema ${code(i.schema)} changed (see Schemas changed)`;
    case 'result':
      if (!i.from) return `result added: ${code(i.to!)}`;
      if (!i.to) return `result removed (was ${code(i.from)})`;
      return `result: ${code(i.from)} → ${code(i.to)}`;
    case 'result-schema':
      return `result schema ${code(i.schema)} changed (see Schemas changed)`;
    case 'method-path':
      return `method and path: ${code(i.from)} → ${code(i.to)}`;
  }
}

function schemaLines(c: SchemaChange): string[] {
  const lines: string[] = [];
  if (c.retyped) lines.push(`retyped: ${code(c.retyped.from)} → ${code(c.retyped.to)}`);
  for (const e of c.enumAdded)
    lines.push(`${e.field ? `field ${code(e.field)}: ` : ''}enum values added: ${e.values.map(code).join(', ')}`);
  for (const e of c.enumRemoved)
    lines.push(`${e.field ? `field ${code(e.field)}: ` : ''}enum values removed: ${e.values.map(code).join(', ')}`);
  for (const f of c.fieldsAdded) lines.push(`field ${code(f.field)} added: ${code(f.type)}${f.required ? ', required' : ''}`);
  for (const f of c.fieldsRemoved) lines.push(`field ${code(f.field)} removed (was ${code(f.type)})`);
  for (const f of c.madeRequired) lines.push(`field ${code(f)} made required`);
  for (const f of c.madeOptional) lines.push(`field ${code(f)} made optional`);
  for (const f of c.fieldsRetyped) lines.push(`field ${code(f.field)} retyped: ${code(f.from)} → ${code(f.to)}`);
  return lines;
}

/** One line of counts: `3 operations added, 1 removed, 2 changed; 4 schemas added, 0 removed, 5 changed`. */
export function summaryLine(d: ReleaseDiff): string {
  const o = d.operations;
  const s = d.schemas;
  return (
    `${plural(o.added.length, 'operation')} added, ${o.removed.length} removed, ${o.changed.length} changed; ` +
    `${plural(s.added.length, 'schema')} added, ${s.removed.length} removed, ${s.changed.length} changed`
  );
}

/**
 * Markdown for one diff. `level` is the heading level of its title (`#` by default; CHANGES.md
 * uses `##` per release, so sections nest below it).
 */
export function renderDiffMarkdown(d: ReleaseDiff, level = 1): string {
  const h = (n: number) => '#'.repeat(Math.min(level + n, 6));
  const out: string[] = [`${h(0)} ${d.from} → ${d.to}`, '', `${summaryLine(d)}.`, ''];
  if (isEmptyDiff(d)) {
    out.push('No changes.', '');
    return out.join('\n');
  }
  const opTable = (title: string, rows: ReleaseDiff['operations']['added']) => {
    if (!rows.length) return;
    out.push(`${h(1)} ${title}`, '', '| Operation | Method | Path |', '|---|---|---|');
    for (const r of rows) out.push(`| ${code(cell(r.name))} | ${r.method} | ${code(cell(r.path))} |`);
    out.push('');
  };
  opTable('Operations added', d.operations.added);
  opTable('Operations removed', d.operations.removed);
  if (d.operations.changed.length) {
    out.push(`${h(1)} Operations changed`, '');
    for (const c of d.operations.changed) {
      out.push(`- ${code(c.name)} (${c.method} ${code(c.path)})`);
      for (const i of c.other) out.push(`  - ${describeItem(i)}`);
      for (const i of c.request) out.push(`  - request: ${describeItem(i)}`);
      for (const i of c.result) out.push(`  - ${describeItem(i)}`);
    }
    out.push('');
  }
  const nameList = (title: string, names: string[]) => {
    if (!names.length) return;
    out.push(`${h(1)} ${title}`, '', ...names.map((n) => `- ${code(n)}`), '');
  };
  nameList('Schemas added', d.schemas.added);
  nameList('Schemas removed', d.schemas.removed);
  if (d.schemas.changed.length) {
    out.push(`${h(1)} Schemas changed`, '');
    for (const c of d.schemas.changed) {
      out.push(`- ${code(c.name)}`);
      for (const l of schemaLines(c)) out.push(`  - ${l}`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** Reads what the diff needs of `<dir>/<release>/`: operations.json and openapi.json. */
export function readSnapshot(generatedDir: string, release: string): ReleaseSnapshot {
  const dir = join(generatedDir, release);
  const read = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));
  const openapi = read('openapi.json');
  return { release, operations: read('operations.json'), openapi: { components: openapi.components, paths: openapi.paths } };
}

/** The text of CHANGES.md from the diffs of consecutive releases (oldest first); newest first in the text. */
export function composeChanges(releases: string[], diffs: ReleaseDiff[]): string {
  const out: string[] = [
    '# Changes between vSphere releases',
    '',
    'Generated by `vcenter-sdk generate` from the generated releases; do not edit.',
    'Each release is compared with the one before it (`vcenter-sdk diff A B` compares any two).',
    '',
  ];
  if (releases.length === 0) out.push('No release generated.', '');
  else if (releases.length === 1) out.push(`Only one release (${releases[0]}): nothing to compare.`, '');
  else out.push(`Releases: ${releases.join(', ')}.`, '');
  for (const d of [...diffs].reverse()) out.push(renderDiffMarkdown(d, 2));
  return out.join('\n').replace(/\n+$/, '\n');
}

/**
 * Writes `<generatedDir>/CHANGES.md` for every release generated there. Written only when its
 * text changed; returns the path and whether it was written.
 */
export function writeChanges(generatedDir: string): { file: string; written: boolean; releases: string[] } {
  const releases = generatedReleases(generatedDir);
  // Two snapshots in memory at a time: a release's openapi.json is large.
  const diffs: ReleaseDiff[] = [];
  let previous: ReleaseSnapshot | undefined;
  for (const r of releases) {
    const current = readSnapshot(generatedDir, r);
    if (previous) diffs.push(diffReleases(previous, current));
    previous = current;
  }
  const text = composeChanges(releases, diffs);
  const file = join(generatedDir, 'CHANGES.md');
  const old = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (old === text) return { file, written: false, releases };
  writeFileSync(file, text);
  return { file, written: true, releases };
}

/** For `generate`: writes CHANGES.md of the output folder, prints one line; returns 1 on failure, else 0. */
export function reportChanges(generatedDir: string): number {
  try {
    const r = writeChanges(generatedDir);
    console.log(`changes: ${r.written ? 'wrote' : 'unchanged'} ${r.file} (${r.releases.length} release(s))`);
    return 0;
  } catch (e) {
    console.error(`changes: CHANGES.md not written: ${(e as Error).message}`);
    return 1;
  }
}
