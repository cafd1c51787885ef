/**
 * `npm run docs`: the API reference (TypeDoc, HTML) in docs/api/ (git-ignored).
 *
 * Documents the packages as a consumer installs them, from their built declarations
 * (runtime/dist, generated/<release>/dist: run `npm run generate` first): the whole runtime,
 * and for each release given (default 7.0.3) its entry point: the descriptor (default export)
 * and the `Schemas`, `Operations`, `paths` and `components` types, with the specification's
 * descriptions as carried into the JSDoc by codegen.
 *
 * Each package gets a tiny entry module under .cache/docs-<pid>/ that re-exports it under its
 * package name (so the reference says `@vcenter-sdk/runtime`, not `runtime/dist`).
 *
 *   npm run docs                          runtime + 7.0.3 → docs/api/
 *   npm run docs -- --release 7.0.0 ...   other releases (repeatable); --runtime-only; --out DIR;
 *                                         --depth N (type expansion, default 2); --strict
 *
 * Exit code 1 on any TypeDoc error, and with --strict on any warning too. Known warnings:
 * malformed vAPI markup left in the specs' descriptions (`{@link #datastore)`), see
 * test/packages/jsdoc.packaging.test.ts.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Application, LogLevel, Logger, type TypeDocOptions } from 'typedoc';
import { repoRoot as REPO_ROOT } from '../codegen/src/specs-dir.js';

export { REPO_ROOT };

export const DEFAULT_RELEASES = ['7.0.3'];

export interface DocsOptions {
  /** Releases whose package is documented besides the runtime (default 7.0.3). */
  releases?: string[];
  /** Output folder (default docs/api). `false`: convert and validate only, write nothing. */
  out?: string | false;
  /** Echo TypeDoc's messages to the console (default true). */
  print?: boolean;
  /**
   * TypeDoc's maxTypeConversionDepth (default 2). The release types are huge: in full,
   * 7.0.3's `paths`, `Operations` and `components` pages come to 480 MB of HTML in two
   * minutes; at depth 2 about 60 MB in 20 s, every schema and operation listed with its
   * description and its members' types one level deep.
   */
  depth?: number;
  /** Warnings fail too (by default only errors do). */
  strict?: boolean;
}

export interface DocsResult {
  ok: boolean;
  errors: string[];
  warnings: string[];
  /** Documented modules (package names). */
  modules: string[];
  out?: string;
}

/** Collects TypeDoc's messages (and echoes them when asked). */
class CollectingLogger extends Logger {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];
  constructor(private readonly print: boolean) {
    super();
    this.level = LogLevel.Info;
  }
  override log(message: string, level: LogLevel): void {
    if (level === LogLevel.Error) this.errors.push(message);
    else if (level === LogLevel.Warn) this.warnings.push(message);
    if (!this.print || level < this.level) return;
    const prefix = level === LogLevel.Error ? '[error] ' : level === LogLevel.Warn ? '[warning] ' : '';
    (level >= LogLevel.Warn ? console.error : console.log)(prefix + message);
  }
}

function entryModules(releases: string[]): { dir: string; files: string[]; missing: string[] } {
  // Per process, so that `npm run docs` and the docs test can run side by side.
  const dir = join(REPO_ROOT, '.cache', `docs-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const missing: string[] = [];
  if (!existsSync(join(REPO_ROOT, 'runtime/dist/index.d.ts'))) missing.push('runtime/dist/index.d.ts');
  const files: string[] = [];
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    files.push(join(dir, name));
  };
  write(
    'runtime.ts',
    `/**
 * The release-agnostic runtime of vcenter-sdk: transport (undici), sessions, TLS, release
 * detection and dispatch (\`connect\`, \`createClient\`), decoding, typed errors, retries, tasks.
 *
 * @packageDocumentation
 * @module @vcenter-sdk/runtime
 */
export * from '@vcenter-sdk/runtime';
`,
  );
  for (const release of releases) {
    if (!existsSync(join(REPO_ROOT, 'generated', release, 'dist/index.d.ts'))) missing.push(`generated/${release}/dist/index.d.ts`);
    write(
      `vsphere-${release}.ts`,
      `/**
 * vSphere ${release}: the release descriptor to pass to \`createClient\` or \`connect\`, and the
 * types of the release: \`Schemas\` (every component schema by name), \`Operations\` (every
 * operation by name), \`paths\` (the typed path API).
 *
 * @packageDocumentation
 * @module @vcenter-sdk/vsphere-${release}
 */
export { default } from '@vcenter-sdk/vsphere-${release}';
export type { Schemas, Operations, paths, components } from '@vcenter-sdk/vsphere-${release}';
`,
    );
  }
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify(
      {
        extends: '../../tsconfig.base.json',
        compilerOptions: { noEmit: true, skipLibCheck: true, lib: ['ES2023', 'ESNext.Disposable'] },
        files: files.map((f) => relative(dir, f)),
      },
      null,
      2,
    ),
  );
  return { dir, files, missing };
}

export async function buildDocs(options: DocsOptions = {}): Promise<DocsResult> {
  const releases = options.releases ?? DEFAULT_RELEASES;
  const print = options.print ?? true;
  const { dir, files, missing } = entryModules(releases);
  try {
    return await convert(options, releases, print, dir, files, missing);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function convert(
  options: DocsOptions,
  releases: string[],
  print: boolean,
  dir: string,
  files: string[],
  missing: string[],
): Promise<DocsResult> {
  if (missing.length > 0) {
    const msg = `missing ${missing.join(', ')}: run \`npm run generate\` first`;
    if (print) console.error(msg);
    return { ok: false, errors: [msg], warnings: [], modules: [] };
  }
  const out = options.out === false ? undefined : (options.out ?? join(REPO_ROOT, 'docs/api'));
  const typedocOptions: TypeDocOptions = {
    entryPoints: files,
    entryPointStrategy: 'resolve',
    tsconfig: join(dir, 'tsconfig.json'),
    name: 'vcenter-sdk',
    readme: join(REPO_ROOT, 'README.md'),
    excludePrivate: true,
    excludeInternal: true,
    excludeExternals: true,
    // Links to source would point at .cache/docs and dist/ files: not useful.
    disableSources: true,
    sort: ['kind', 'instance-first', 'alphabetical-ignoring-documents'],
    // openapi-typescript's JSDoc: `@description`, `@enum {string}`, `@default`, `@example`, `@format`.
    blockTags: [
      '@description',
      '@enum',
      '@default',
      '@example',
      '@format',
      '@deprecated',
      '@param',
      '@returns',
      '@remarks',
      '@see',
      '@throws',
      '@typeParam',
      '@module',
      '@packageDocumentation',
    ],
    validation: { notExported: true, invalidLink: true, notDocumented: false },
    logLevel: 'Info',
    skipErrorChecking: true,
    maxTypeConversionDepth: options.depth ?? 2,
  };
  const app = await Application.bootstrapWithPlugins(typedocOptions, []);
  const logger = new CollectingLogger(print);
  app.logger = logger;
  const project = await app.convert();
  if (!project)
    return {
      ok: false,
      errors: logger.errors.length ? logger.errors : ['TypeDoc converted nothing'],
      warnings: logger.warnings,
      modules: [],
    };
  app.validate(project);
  if (out) await app.generateDocs(project, out);
  const modules = ['@vcenter-sdk/runtime', ...releases.map((r) => `@vcenter-sdk/vsphere-${r}`)];
  const ok = logger.errors.length === 0 && (!options.strict || logger.warnings.length === 0);
  return { ok, errors: logger.errors, warnings: logger.warnings, modules, ...(out ? { out } : {}) };
}

function parseArgs(argv: string[]): DocsOptions {
  const releases: string[] = [];
  const options: DocsOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--release') releases.push(argv[++i] ?? '');
    else if (a === '--runtime-only') options.releases = [];
    else if (a === '--out') options.out = argv[++i];
    else if (a === '--depth') options.depth = Number(argv[++i]);
    else if (a === '--strict') options.strict = true;
    else throw new Error(`docs: unknown argument ${a} (--release R, --runtime-only, --out DIR, --depth N, --strict)`);
  }
  if (releases.length > 0) options.releases = releases;
  return options;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  const result = await buildDocs(parseArgs(process.argv.slice(2)));
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const counts = `${result.errors.length} error(s), ${result.warnings.length} warning(s)`;
  if (result.ok)
    console.log(
      `docs: ${result.modules.join(', ')} → ${relative(process.cwd(), result.out ?? '') || '(not written)'} in ${secs} s; ${counts}`,
    );
  else console.error(`docs: failed, ${counts}`);
  process.exit(result.ok ? 0 : 1);
}
