/**
 * The type-level checks (`test/**\/*.check.ts`) can fail: every one is in the root tsconfig,
 * which `npm test` type-checks, and a scratch copy of one with a wrong assertion or a stale
 * `@ts-expect-error` is rejected where the untouched copy compiles clean.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';
import { scratchDirs } from '../support/scratch.js';

const tempDir = scratchDirs();
const rootConfig = ts.getParsedCommandLineOfConfigFile(
  join(REPO_ROOT, 'tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  },
)!;

/** `file(line): TSxxxx` for every diagnostic of a program made of these files, with the root options. */
function diagnostics(files: string[]): string[] {
  const program = ts.createProgram({ rootNames: files, options: rootConfig.options });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return `${d.file ? relative(REPO_ROOT, d.file.fileName).split('/').at(-1) : '?'}(${line}): TS${d.code}`;
  });
}

const checkFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name.startsWith('.') || e.name === 'node_modules') return [];
    const p = join(dir, e.name);
    return e.isDirectory() ? checkFiles(p) : e.name.endsWith('.check.ts') ? [p] : [];
  });

describe('type-level checks', () => {
  it('every test/**/*.check.ts is type-checked by npm test (the root tsconfig)', () => {
    const found = checkFiles(join(REPO_ROOT, 'test'));
    expect(found.length).toBeGreaterThanOrEqual(4);
    expect(found.filter((f) => !rootConfig.fileNames.includes(f)).map((f) => relative(REPO_ROOT, f))).toEqual([]);
  });

  it('a wrong assertion or a stale @ts-expect-error fails the check; the untouched copy passes', () => {
    const source = readFileSync(join(REPO_ROOT, 'test/runtime/types.check.ts'), 'utf8').replaceAll(
      "from './fixtures.js'",
      `from '${join(REPO_ROOT, 'test/runtime/fixtures.js')}'`,
    );
    const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const wrongType = "expectTypeOf(await c.call('vcenter.vm.list')).toEqualTypeOf<VmSummary[]>();";
    const expectedError = "await c.call('vcenter.vm.nope');";
    expect(source).toContain(wrongType);
    expect(source).toContain(expectedError);
    const broken = source
      .replace(wrongType, wrongType.replace('VmSummary[]', 'VmInfo[]'))
      .replace(expectedError, "await c.call('vcenter.vm.list');");
    const dir = tempDir('type-checks-');
    writeFileSync(join(dir, 'untouched.check.ts'), source);
    writeFileSync(join(dir, 'broken.check.ts'), broken);
    const found = diagnostics([join(dir, 'untouched.check.ts'), join(dir, 'broken.check.ts')]);
    expect(found.sort()).toEqual(
      [
        // the assertion on the wrong type
        `broken.check.ts(${lineOf(source, wrongType)}): TS2344`,
        // "Unused '@ts-expect-error' directive": the line above it no longer errs
        `broken.check.ts(${lineOf(source, expectedError) - 1}): TS2578`,
      ].sort(),
    );
  }, 120_000);
});
