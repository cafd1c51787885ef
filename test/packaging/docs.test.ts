/**
 * The API reference: the specification's descriptions reach the generated JSDoc as readable
 * text (no raw vAPI markup such as `{@term operation}` or `{@link VM.Info}`), and TypeDoc
 * documents the runtime without a warning (scripts/docs.ts, the runtime only, for speed;
 * `npm run docs` adds 7.0.3).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocs } from '../../scripts/docs.js';
import { generatedReleases, REPO_ROOT } from './pack.js';

/**
 * Malformed markup in the specifications' own descriptions, which codegen/src/markup.ts
 * (well-formed `{@tag body}` only) leaves as it is. Each entry is the exact text found. A fix
 * in markup.ts or in specs/ may remove entries (the test only fails on text not listed here);
 * a new entry means a new kind of leftover and fails the test.
 */
const KNOWN_MALFORMED = new Set([
  '{@term error)', // `)` instead of `}`
  '{@term operation)',
  '{@term field', // never closed
  '{@term.unset}', // `.` instead of a space: vAPI's "{@term unset}"
  '{@link #datastore)',
  '{@link>hotAddIncrementSize}',
  '{@basename ApplySpec#commit}', // tags codegen does not know
  '{@basename CheckSpec#commit}',
  '{@basename CreateSpec#path}',
  '{@basename ConnectionSpec.HostCredentials#hostName}',
  '{@enum.values Device.Type}',
  '{@operation unset}',
  '{@param.spec.instanceStorage.policy}',
  '{@literal https://esx-svr-1.domain1.com/guestFile?id=1&token=1234}',
  '{@literal https://&#42;/guestFile?id=1&token=1234}',
  '{@literal aHR0cHM6Ly8mIzQyOy9ndWVzdEZpbGU/aWQ9MSZ0b2tlbj0xMjM0}',
]);

/** From `{@` up to the first `}` or `)`, or the end of the word after the tag name. */
const RAW_TAG = /\{@[^\s}>)]*[\s>]?[^\s})]*[})]?/g;

function declarationFiles(release: string): string[] {
  const dist = join(REPO_ROOT, 'generated', release, 'dist');
  return readdirSync(dist)
    .filter((f) => f.endsWith('.d.ts'))
    .map((f) => join(dist, f));
}

describe.each(generatedReleases().map((r) => [r]))('JSDoc of %s', (release) => {
  it('carries the descriptions as readable text: no vAPI markup left but the known spec defects', () => {
    const found = new Map<string, string[]>();
    let descriptions = 0;
    for (const file of declarationFiles(release)) {
      const text = readFileSync(file, 'utf8');
      descriptions += text.match(/@description /g)?.length ?? 0;
      text.split('\n').forEach((line, i) => {
        for (const m of line.matchAll(RAW_TAG)) {
          const at = `${file.slice(REPO_ROOT.length + 1)}:${i + 1}`;
          found.set(m[0], [...(found.get(m[0]) ?? []), at]);
        }
      });
      // The HTML of the descriptions is rendered too.
      expect(text.match(/<\/?(p|br|ul|ol|li|b|i|em|strong|code|tt)\s*\/?>/g) ?? [], `HTML tags in ${file}`).toEqual([]);
    }
    expect(descriptions, 'descriptions in the JSDoc').toBeGreaterThan(1000);
    const unknown = [...found].filter(([text]) => !KNOWN_MALFORMED.has(text)).map(([text, at]) => `${text}  at ${at.slice(0, 3).join(', ')}`);
    expect(unknown, 'raw vAPI markup in the generated JSDoc').toEqual([]);
  });
});

it('the well-formed vAPI markup of the specs is rendered (7.0.3)', () => {
  const release = generatedReleases().includes('7.0.3') ? '7.0.3' : generatedReleases().at(-1)!;
  const types = readFileSync(join(REPO_ROOT, 'generated', release, 'dist/types.d.ts'), 'utf8');
  for (const wellFormed of [/\{@term \w+\}/, /\{@link [\w.#]+\}/, /\{@code [^}]+\}/, /\{@name \w+\}/, /\{@param\.name \w+\}/]) {
    expect(types.match(wellFormed)?.[0], String(wellFormed)).toBeUndefined();
  }
});

it('TypeDoc documents the runtime without an error or a warning', async () => {
  const out = mkdtempSync(join(tmpdir(), 'vcenter-sdk-docs-'));
  try {
    const result = await buildDocs({ releases: [], out, print: false, strict: true });
    expect([...result.errors, ...result.warnings], 'TypeDoc messages').toEqual([]);
    expect(result.ok).toBe(true);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toContain('createClient');
    expect(index).toContain('connect');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 90_000);
