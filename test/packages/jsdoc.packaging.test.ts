/**
 * The API reference: the specification's descriptions reach the generated JSDoc as readable
 * text (no raw vAPI markup such as `{@term operation}` or `{@link VM.Info}`), and TypeDoc
 * documents the runtime without a warning and lists its public value exports, nothing else (scripts/docs.ts, the runtime only, for speed;
 * `npm run docs` adds 7.0.3).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocs } from '../../scripts/docs.js';
import { PUBLIC_VALUES } from '../support/public-surface.js';
import { generatedReleases, REPO_ROOT } from './pack.js';

/**
 * Malformed markup in the specifications' own descriptions that codegen/src/markup.ts still
 * leaves as it is, each the exact text found. It renders every form the five releases use
 * (`{@term error)`, `{@link>x}`, `{@term.unset}`, `{@basename x}`, `{@literal x}`...), so
 * this is empty: a new kind of leftover fails the test.
 */
const KNOWN_MALFORMED = new Set<string>([]);

/** From `{@` up to the first `}` or `)`, or the end of the word after the tag name. */
const RAW_TAG = /\{@[^\s}>)]*[\s>]?[^\s})]*[})]?/g;

function declarationFiles(release: string): string[] {
  const dist = join(REPO_ROOT, 'generated', release, 'dist');
  return readdirSync(dist)
    .filter((f) => f.endsWith('.d.ts'))
    .map((f) => join(dist, f));
}

describe.each(generatedReleases().map((r) => [r]))('JSDoc of %s', (release) => {
  it('carries the descriptions as readable text: no vAPI markup left', () => {
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
    const unknown = [...found]
      .filter(([text]) => !KNOWN_MALFORMED.has(text))
      .map(([text, at]) => `${text}  at ${at.slice(0, 3).join(', ')}`);
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
    // Only the public surface: one page per value export (classes, functions, variables), no helper.
    const pages = (kind: string) => (existsSync(join(out, kind)) ? readdirSync(join(out, kind)).filter((f) => f.endsWith('.html')) : []);
    const documented = ['classes', 'functions', 'variables']
      .flatMap(pages)
      .map((f) => f.replace(/\.html$/, ''))
      .sort();
    expect(documented).toEqual(PUBLIC_VALUES);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 90_000);
