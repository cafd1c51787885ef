/**
 * What the generated packages (the release packages and `@vcenter-sdk/events-data`) have in
 * common, so that their package.json conventions, their per-file compilation and the way their
 * files are written have one home: ESM only, the same Node engines as the workspace, `dist/`
 * with declarations, the runtime as their one peer, and their versions.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { BANNER } from './banner.js';

const require = createRequire(import.meta.url);

/** A JSON file's text: two-space indents and a final newline. */
export const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

/**
 * One module compiled alone (no whole-program type-check), by esbuild: types stripped, the code
 * kept. TypeScript's transpileModule did the same six times slower (0.7 s for a 1 MB decoders
 * module), which a cold `npm start` felt. Comments go, so the banner is put back.
 */
export function transpile(source: string, fileName: string, format: 'esm' | 'cjs' = 'esm'): string {
  return transformSync(source, {
    loader: 'ts',
    format,
    target: 'es2022',
    sourcefile: fileName,
    banner: BANNER.trimEnd(),
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
  }).code;
}

/**
 * Where the packages' pages point. One home for the URL: the handwritten packages' package.json
 * files carry the same (test/release/metadata.unit.test.ts compares them).
 */
export const PROJECT = {
  repository: 'git+https://github.com/vcenter-sdk/vcenter-sdk.git',
  homepage: 'https://github.com/vcenter-sdk/vcenter-sdk#readme',
  keywords: ['vsphere', 'vcenter', 'vmware', 'vsphere-automation', 'rest', 'typescript', 'sdk'],
};

/**
 * The generator line: the minor of every generated package's version. Raise it (and the
 * patches start again at 0) when the generator changes what it emits in a way a consumer must
 * adapt to, such as operation or type names; any other change of the output moves the patch alone.
 */
export const GENERATOR = 0;

/**
 * codegen/versions.json: the version each generated package was last published with, and the
 * digest of its shipped files then; and the runtime range of each contract. `npm run release`
 * writes it after a publish, and it is committed: the generated output is not, so this is how
 * a version stays the same for the same output and moves when the output moves.
 * VCENTER_SDK_VERSIONS names another file (a scratch release, a test).
 */
export const LEDGER = join(dirname(fileURLToPath(import.meta.url)), '..', 'versions.json');
export const ledgerPath = (): string => process.env.VCENTER_SDK_VERSIONS || LEDGER;

export interface Ledger {
  /** Contract number → the range of runtime versions that implement it (`^0.1.0`). */
  contracts: Record<string, string>;
  packages: Record<string, { version: string; output: string }>;
}

export function readLedger(path: string = ledgerPath()): Ledger {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { contracts: {}, packages: {} };
  }
  try {
    const l = JSON.parse(text) as Partial<Ledger>;
    return { contracts: l.contracts ?? {}, packages: l.packages ?? {} };
  } catch (e) {
    throw new Error(`${path}: not JSON (${(e as Error).message}); restore it from git`);
  }
}

/** The runtime contract this generator writes against: its number and its runtime range. */
export interface Contract {
  contract: number;
  /** The peerDependencies range on `@vcenter-sdk/runtime`. */
  range: string;
}

/**
 * The runtime declares the contract it implements (`vcenterSdk.contract` in its package.json).
 * A contract's range is the one recorded when it was first published; until then, `^` the
 * runtime's version. A runtime whose version leaves its contract's range is an error: a
 * breaking runtime release is a new contract.
 */
export function runtimeContract(ledger: Ledger = readLedger()): Contract {
  const m = require('@vcenter-sdk/runtime/package.json') as { version: string; vcenterSdk?: { contract?: number } };
  const contract = m.vcenterSdk?.contract;
  if (!Number.isInteger(contract) || contract! < 1)
    throw new Error('@vcenter-sdk/runtime/package.json: vcenterSdk.contract must be a whole number (the contract the runtime implements)');
  const range = ledger.contracts[String(contract)] ?? `^${m.version}`;
  if (!caretAdmits(range, m.version))
    throw new Error(
      `@vcenter-sdk/runtime ${m.version} is outside contract ${contract}'s range ${range} (codegen/versions.json): a breaking runtime release is a new contract, raise vcenterSdk.contract in runtime/package.json`,
    );
  return { contract: contract!, range };
}

/** `^x.y.z` admits `version` (the one range form the packages use for the runtime). */
export function caretAdmits(range: string, version: string): boolean {
  const m = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
  const v = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m || !v) return false;
  const [a, b, c] = m.slice(1).map(Number) as [number, number, number];
  const [x, y, z] = v.slice(1).map(Number) as [number, number, number];
  if (a > 0) return x === a && (y > b || (y === b && z >= c));
  if (b > 0) return x === 0 && y === b && z >= c;
  return x === 0 && y === 0 && z === c;
}

/** SHA-256 of what a package ships (package.json aside, which carries the version): path and bytes, sorted by path. */
export function outputDigest(files: Record<string, string>, shipped: readonly string[]): string {
  const h = createHash('sha256');
  const ships = (path: string) => ['README.md', 'LICENSE'].includes(path) || shipped.some((s) => path === s || path.startsWith(`${s}/`));
  for (const path of Object.keys(files).filter(ships).sort()) h.update(`${path}\0${files[path]}\0`);
  return h.digest('hex');
}

/**
 * `<contract>.<generator>.<revision>`: the recorded version when the output is the recorded
 * one, else the recorded version's next patch in the same contract and generator line, else
 * the line's first version.
 */
export function versionFor(recorded: { version: string; output: string } | undefined, output: string, c: Contract): string {
  const line = `${c.contract}.${GENERATOR}`;
  const m = recorded && /^(\d+\.\d+)\.(\d+)$/.exec(recorded.version);
  if (!m || m[1] !== line) return `${line}.0`;
  return recorded!.output === output ? recorded!.version : `${line}.${Number(m[2]) + 1}`;
}

export interface PackageJsonInput {
  name: string;
  description: string;
  /** Keywords besides the project's. */
  keywords?: string[];
  /** Subpath exports besides `.` and `./package.json`. */
  subpaths?: Record<string, unknown>;
  /** The published files besides what `files` always has (`dist`). */
  files?: string[];
  /** Fields of the package's own, written after `license` (`vsphereRelease`). */
  fields?: Record<string, unknown>;
}

/**
 * Adds a generated package's package.json to its `files`: versioned from the digest of the
 * other shipped files against codegen/versions.json, its runtime a peer in the contract's range.
 */
export function addPackageJson(files: Record<string, string>, p: PackageJsonInput): void {
  const ledger = readLedger();
  const shipped = ['dist', ...(p.files ?? [])];
  const contract = runtimeContract(ledger);
  const output = outputDigest(files, shipped);
  const version = versionFor(ledger.packages[p.name], output, contract);
  files['package.json'] = json({
    name: p.name,
    version,
    description: p.description,
    keywords: [...PROJECT.keywords, ...(p.keywords ?? [])],
    homepage: PROJECT.homepage,
    repository: { type: 'git', url: PROJECT.repository },
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
    files: shipped,
    peerDependencies: { '@vcenter-sdk/runtime': contract.range },
    // What built it: the contract and generator lines are the version's first two numbers.
    vcenterSdk: { contract: contract.contract, generator: GENERATOR, output: `sha256:${output}` },
  });
}

/** Writes `files` (path relative to `dir` → text) below `dir`, making the folders they need. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}
