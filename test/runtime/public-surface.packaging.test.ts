/**
 * The runtime's public surface: the exact set of value exports of its index, in the sources and
 * in the built package (runtime/dist, as `npm pack` ships it), at most about 50 of them. A new
 * export fails here until it is added to PUBLIC_VALUES (test/support/public-surface.ts): making a name public is a decision, not a
 * side effect of `export *`. Helpers stay reachable by tests as `@vcenter-sdk/runtime/src/<module>.js`,
 * which no published subpath maps; the subpaths are a short fixed list (`./text` and `./tls`
 * for the command line, which imports the runtime by name like any other tool).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as runtime from '@vcenter-sdk/runtime';
import { REPO_ROOT } from '../support/paths.js';
import { ERROR_CLASSES, NOT_PUBLIC, PUBLIC_VALUES } from '../support/public-surface.js';

const valueNames = (m: object) => Object.keys(m).sort();
const SOURCE_INDEX = join(REPO_ROOT, 'runtime/src/index.ts');
const BUILT_INDEX = join(REPO_ROOT, 'runtime/dist/index.js');

describe('the value exports of @vcenter-sdk/runtime', () => {
  it('are exactly the public list, and at most 50', () => {
    expect(valueNames(runtime)).toEqual(PUBLIC_VALUES);
    expect(PUBLIC_VALUES.length).toBeLessThanOrEqual(50);
  });

  it('include every error class the runtime defines, and none of the helpers kept internal', () => {
    const classes = valueNames(runtime).filter((n) => {
      const v = (runtime as Record<string, unknown>)[n];
      return typeof v === 'function' && v.prototype instanceof Error;
    });
    expect(classes).toEqual([...ERROR_CLASSES].sort());
    const errorsModule = readFileSync(join(REPO_ROOT, 'runtime/src/errors.ts'), 'utf8');
    const defined = [...errorsModule.matchAll(/^export class (\w+)/gm)].map((m) => m[1]).sort();
    expect(defined).toEqual([...ERROR_CLASSES].sort());
    expect(NOT_PUBLIC.filter((n) => n in runtime)).toEqual([]);
  });

  it('are the same in the built package (runtime/dist, what npm pack ships)', async () => {
    expect(existsSync(BUILT_INDEX), `${BUILT_INDEX} is missing: run \`npm run build:runtime\``).toBe(true);
    const built = (await import(pathToFileURL(BUILT_INDEX).href)) as object;
    expect(valueNames(built)).toEqual(PUBLIC_VALUES);
  });
});

describe('the index', () => {
  const source = ts.createSourceFile(SOURCE_INDEX, readFileSync(SOURCE_INDEX, 'utf8'), ts.ScriptTarget.Latest);
  const reexports = source.statements.filter(ts.isExportDeclaration);

  it('lists every name: no `export *`', () => {
    const stars = reexports.filter((d) => !d.exportClause).map((d) => d.getText(source));
    expect(stars).toEqual([]);
  });

  it('re-exports nothing from internal/ but types', () => {
    const fromInternal = reexports.filter((d) => /\/internal\//.test((d.moduleSpecifier as ts.StringLiteral).text));
    const values = fromInternal.flatMap((d) => {
      if (d.isTypeOnly) return [];
      const clause = d.exportClause as ts.NamedExports;
      return clause.elements.filter((e) => !e.isTypeOnly).map((e) => e.name.text);
    });
    expect(values).toEqual([]);
  });

  it('the package maps no subpath into internal/ or src/: only the documented ones', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'runtime/package.json'), 'utf8')) as { exports: Record<string, unknown> };
    expect(Object.keys(manifest.exports).sort()).toEqual(['.', './descriptor', './otel', './package.json', './release', './text', './tls']);
  });

  it('./text gives tools the wording of the client, no more: suggestions and redaction', async () => {
    expect(Object.keys(await import('@vcenter-sdk/runtime/text')).sort()).toEqual(['REDACTED', 'Redactor', 'didYouMean', 'suggest']);
    const built = await import(pathToFileURL(join(REPO_ROOT, 'runtime/dist/text.js')).href);
    expect(Object.keys(built).sort()).toEqual(['REDACTED', 'Redactor', 'didYouMean', 'suggest']);
  });
});
