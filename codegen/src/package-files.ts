/**
 * What the generated packages (the release packages and `@vcenter-sdk/events-data`) have in
 * common, so that their package.json conventions, their per-file compilation and the way their
 * files are written have one home: ESM only, the same Node engines as the workspace, `dist/`
 * with declarations, the runtime as their one dependency.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { transformSync } from 'esbuild';
import { BANNER } from './banner.js';

/** A JSON file's text: two-space indents and a final newline. */
export const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

/**
 * One module compiled alone (no whole-program type-check), by esbuild: types stripped, the code
 * kept. TypeScript's transpileModule did the same six times slower (0.7 s for a 1 MB decoders
 * module), which a cold `npm start` felt. Comments go, so the banner is put back.
 */
export function transpile(source: string, fileName: string): string {
  return transformSync(source, {
    loader: 'ts',
    format: 'esm',
    target: 'es2022',
    sourcefile: fileName,
    banner: BANNER.trimEnd(),
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
  }).code;
}

export interface PackageJsonInput {
  name: string;
  version: string;
  description: string;
  /** The runtime version the package is generated against: its dependency is `^` that. */
  runtimeVersion: string;
  /** Subpath exports besides `.` and `./package.json`. */
  subpaths?: Record<string, unknown>;
  /** The published files besides what `files` always has (`dist`). */
  files?: string[];
  /** Fields of the package's own, written after `license` (`vsphereRelease`). */
  fields?: Record<string, unknown>;
}

/** A generated package's package.json, its fields in the order the packages have always had them. */
export function packageJson(p: PackageJsonInput): Record<string, unknown> {
  return {
    name: p.name,
    version: p.version,
    description: p.description,
    type: 'module',
    license: 'MIT',
    ...p.fields,
    engines: { node: '>=20.18.1' },
    sideEffects: false,
    main: './dist/index.js',
    types: './dist/index.d.ts',
    exports: {
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      ...p.subpaths,
      './package.json': './package.json',
    },
    files: ['dist', ...(p.files ?? [])],
    dependencies: { '@vcenter-sdk/runtime': `^${p.runtimeVersion}` },
  };
}

/** Writes `files` (path relative to `dir` → text) below `dir`, making the folders they need. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}
