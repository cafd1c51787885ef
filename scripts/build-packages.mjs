/**
 * `npm run build:packages` (`node scripts/build-packages.mjs [runtime] [events] [mock] [--check]`):
 * compile <package>/src into <package>/dist (JavaScript and declarations) for each package
 * named, in the order given, from scratch and atomically.
 *
 * - One process and one compiler for all of them: the declarations every package reads
 *   (TypeScript's lib, @types/node, undici, zod) are parsed once, not once a package.
 * - No type-check unless `--check`: the emitted files are the same with or without it, and
 *   `npm test` type-checks these sources (the root tsconfig.json includes them, with the same
 *   options) before it runs a test. Syntax errors, option errors and declaration-emit errors
 *   still fail the build. `npm run release` builds with `--check`.
 * - The compiler writes a fresh folder that then replaces dist in two renames, so a test run or
 *   a type-check beside this build never sees dist missing or half written. A package that
 *   fails keeps its previous dist, and the packages after it are not built.
 * - A package that imports another reads its built declarations (events and the mock read
 *   @vcenter-sdk/runtime's dist), so the runtime comes first.
 * - The runtime's and the events package's JavaScript is then bundled by esbuild, one file per
 *   entry point of the package's `exports` plus shared chunks (dist/chunks/), dependencies left
 *   as imports: a fresh process loading the runtime read and compiled 48 modules, 30 ms of a
 *   function handler's cold start, and loads a handful now (12 ms). Shared chunks keep one
 *   instance of each module for all entry points (the OpenTelemetry loader that `./otel` and
 *   the index share). The declarations stay one file per module, as tsc wrote them.
 */
import { cpSync, existsSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGES = ['runtime', 'events', 'mock'];
/** The packages whose JavaScript is bundled; the mock, a development tool, stays one file per module. */
const BUNDLED = new Set(['runtime', 'events']);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ts = createRequire(import.meta.url)('typescript');

/** Parsed once for every program: files below node_modules (the lib, third-party declarations) never change during a build. */
const shared = new Map();

function host(options) {
  const h = ts.createCompilerHost(options);
  const read = h.getSourceFile.bind(h);
  h.getSourceFile = (fileName, languageVersion, onError, fresh) => {
    if (!fileName.includes('/node_modules/')) return read(fileName, languageVersion, onError, fresh);
    const v = typeof languageVersion === 'object' ? languageVersion : { languageVersion };
    const key = `${v.languageVersion}:${v.impliedNodeFormat}:${fileName}`;
    let file = shared.get(key);
    if (!file) {
      file = read(fileName, languageVersion, onError, fresh);
      if (file) shared.set(key, file);
    }
    return file;
  };
  return h;
}

const format = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => root,
  getNewLine: () => '\n',
};

/** Compiles one package into `outDir`; the error diagnostics, empty when it built. */
function compile(name, outDir, check) {
  const config = join(root, name, 'tsconfig.build.json');
  const unreadable = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(
    config,
    { outDir, noCheck: !check },
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => unreadable.push(d) },
  );
  if (!parsed) return unreadable.length ? unreadable : [`${config}: cannot read it`];
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: parsed.options,
    host: host(parsed.options),
    configFileParsingDiagnostics: parsed.errors,
  });
  const before = [
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...(check ? program.getSemanticDiagnostics() : []),
  ];
  const emitted = program.emit();
  return [...before, ...emitted.diagnostics].filter((d) => d.category === ts.DiagnosticCategory.Error);
}

/**
 * Replaces the JavaScript tsc wrote into `outDir` with esbuild's bundle of the package's entry
 * points (the `default` files of its `exports`); the declarations are left as they are.
 */
function bundle(pkg, outDir) {
  const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  const entries = Object.values(manifest.exports)
    .map((e) => (typeof e === 'object' ? e.default : undefined))
    .filter((f) => typeof f === 'string' && f.endsWith('.js'))
    .map((f) => join(outDir, f.replace(/^\.\/dist\//, '')));
  const bundled = `${outDir}-bundle`;
  rmSync(bundled, { recursive: true, force: true });
  try {
    createRequire(import.meta.url)('esbuild').buildSync({
      entryPoints: entries,
      outdir: bundled,
      outbase: outDir,
      // Paths in the bundle's comments and chunk hashes relative to the build folder, whose name changes per build.
      absWorkingDir: outDir,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      chunkNames: 'chunks/[name]-[hash]',
      legalComments: 'none',
      logLevel: 'silent',
    });
    for (const f of readdirSync(outDir, { recursive: true })) if (f.endsWith('.js')) rmSync(join(outDir, f));
    cpSync(bundled, outDir, { recursive: true });
  } finally {
    rmSync(bundled, { recursive: true, force: true });
  }
}

/** Builds the packages in order; false (the reasons printed) when one fails. */
export function buildPackages(names = PACKAGES, { check = false } = {}) {
  for (const name of names) {
    if (!PACKAGES.includes(name)) {
      console.error(`build: no package ${name} (there are: ${PACKAGES.join(', ')})`);
      return false;
    }
    const pkg = realpathSync(join(root, name));
    const dist = join(pkg, 'dist');
    const fresh = join(pkg, `.dist-${process.pid}`);
    const old = join(pkg, `.dist-old-${process.pid}`);
    rmSync(fresh, { recursive: true, force: true });
    let errors;
    try {
      errors = compile(name, fresh, check);
      if (!errors.length && BUNDLED.has(name)) bundle(pkg, fresh);
    } catch (e) {
      errors = [`${name}: the build failed: ${e.stack ?? e}`];
    }
    if (errors.length) {
      rmSync(fresh, { recursive: true, force: true });
      const text = errors.map((d) => (typeof d === 'string' ? `${d}\n` : ts.formatDiagnostic(d, format))).join('');
      console.error(`build: ${name}/dist not rebuilt (the previous one is kept):\n${text}`);
      return false;
    }
    if (existsSync(dist)) renameSync(dist, old);
    renameSync(fresh, dist);
    rmSync(old, { recursive: true, force: true });
  }
  return true;
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const names = args.filter((a) => !a.startsWith('--'));
  process.exitCode = buildPackages(names.length ? names : PACKAGES, { check: args.includes('--check') }) ? 0 : 1;
}
