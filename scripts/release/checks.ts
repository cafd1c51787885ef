/**
 * The checks a package passes before it is published, on the tarball `npm pack` made (what
 * the registry would get): its contents (a README and a LICENSE, no tests, no sources, no
 * source map pointing at a file the tarball lacks), its page fields, publint and
 * arethetypeswrong (ESM only). Each finding is a line naming the package and the file.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import type { Manifest } from './packages.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
export const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export interface Packed {
  name: string;
  version: string;
  tarball: string;
  files: string[];
  /** Compressed bytes. */
  size: number;
  unpackedSize: number;
}

/**
 * The environment without the npm_* variables an enclosing npm script sets (its prefix, its
 * config); a user's own NPM_CONFIG_* settings (upper case) stay.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/.test(k)) env[k] = v;
  return { ...env, ...extra };
}

/** `npm pack` of package folders into `dest`, in one npm process (no lifecycle scripts). */
export async function packAll(dirs: readonly string[], dest: string): Promise<Packed[]> {
  if (!dirs.length) return [];
  const { stdout } = await run(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', dest, ...dirs], {
    env: cleanEnv(),
    maxBuffer: 256 * 1024 * 1024,
  });
  const infos = JSON.parse(stdout) as {
    name: string;
    version: string;
    filename: string;
    files: { path: string }[];
    size: number;
    unpackedSize: number;
  }[];
  if (infos.length !== dirs.length) throw new Error(`npm pack of ${dirs.length} folder(s) made ${infos.length} tarball(s)`);
  return infos.map((info) => ({
    name: info.name,
    version: info.version,
    tarball: join(dest, info.filename),
    files: info.files.map((f) => f.path).sort(),
    size: info.size,
    unpackedSize: info.unpackedSize,
  }));
}

/** Paths no published package ships: tests, sources, build state, specs and reports. */
const FORBIDDEN: [RegExp, string][] = [
  [/(^|\/)(test|tests|__tests__)\/|\.(test|spec)\.[cm]?[jt]sx?$/, 'a test file'],
  [/^src\//, 'a source file (dist/ is what ships)'],
  [/\.tsbuildinfo$/, 'TypeScript build state'],
  [/^(openapi(\.mock)?|report)\.json$/, 'a generator file (the spec or the report)'],
  [/\.tgz$/, 'a tarball'],
];

/** The page fields every package has (package.json), and its README. */
const PAGE_FIELDS = ['description', 'repository', 'homepage', 'keywords', 'engines', 'license', 'files'] as const;

/** Findings of the tarball's contents: each says what is wrong and with which file. */
export function contentProblems(p: Packed, manifest: Manifest, unpacked: string): string[] {
  const problems: string[] = [];
  for (const field of PAGE_FIELDS) {
    const v = manifest[field];
    if (v === undefined || (Array.isArray(v) && v.length === 0) || v === '') problems.push(`package.json has no "${field}"`);
  }
  if (manifest.private) problems.push('package.json says "private": true');
  if (!p.files.includes('README.md')) problems.push('no README.md');
  if (!p.files.some((f) => /^LICEN[CS]E(\.\w+)?$/.test(f))) problems.push('no LICENSE');
  for (const f of p.files) for (const [re, what] of FORBIDDEN) if (re.test(f)) problems.push(`${f}: ${what}`);
  const shipped = new Set(p.files);
  for (const f of p.files.filter((x) => /\.[cm]?js$/.test(x))) {
    const text = readFileSync(join(unpacked, f), 'utf8');
    const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text)?.[1];
    if (url && !url.startsWith('data:') && !shipped.has(posix.join(posix.dirname(f), url)))
      problems.push(`${f}: its source map ${url} is not in the package`);
  }
  for (const f of p.files.filter((x) => x.endsWith('.map'))) {
    const map = JSON.parse(readFileSync(join(unpacked, f), 'utf8')) as {
      sources?: string[];
      sourcesContent?: unknown[];
      sourceRoot?: string;
    };
    if (map.sourcesContent?.length === map.sources?.length) continue;
    const missing = (map.sources ?? []).filter((s) => !shipped.has(posix.normalize(posix.join(posix.dirname(f), map.sourceRoot ?? '', s))));
    if (missing.length) problems.push(`${f}: points at ${missing.join(', ')}, which the package does not ship`);
  }
  return problems;
}

async function publintProblems(tarball: string): Promise<string[]> {
  const data = readFileSync(tarball);
  const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  const { messages, pkg } = await publint({ pack: { tarball: buffer }, level: 'suggestion' });
  return messages.map((m) => `publint ${m.type}: ${formatMessage(m, pkg, { color: false }) ?? m.code}`);
}

/** ESM only: a CommonJS `require` (node16-cjs) and pre-exports resolution (node10) are out of scope. */
const ATTW_IGNORED = new Set(['node10', 'node16-cjs']);

async function attwProblems(tarball: string): Promise<string[]> {
  const attw = join(dirname(require.resolve('@arethetypeswrong/cli/package.json')), 'dist/index.js');
  // attw exits non-zero on problems; the JSON report is on stdout either way.
  const out = await run(process.execPath, [attw, tarball, '--format', 'json', '--profile', 'esm-only'], {
    maxBuffer: 256 * 1024 * 1024,
  }).catch((e: { stdout?: string; stderr?: string }) => ({ stdout: e.stdout ?? '', stderr: e.stderr ?? String(e) }));
  let report: { analysis: { types?: unknown; problems?: { kind: string; resolutionKind?: string; entrypoint?: string }[] } };
  try {
    report = JSON.parse(out.stdout);
  } catch {
    return [`attw printed no report: ${out.stderr.trim().split('\n')[0]}`];
  }
  if (!report.analysis.types) return ['attw: no type declarations found'];
  return (report.analysis.problems ?? [])
    .filter((p) => !ATTW_IGNORED.has(p.resolutionKind ?? ''))
    .map((p) => `attw: ${p.kind}${p.entrypoint ? ` at ${p.entrypoint}` : ''}${p.resolutionKind ? ` (${p.resolutionKind})` : ''}`);
}

/** Every finding for one packed package: contents, publint, attw. */
export async function checkPacked(p: Packed, manifest: Manifest): Promise<string[]> {
  const unpacked = mkdtempSync(join(tmpdir(), 'vcenter-sdk-check-'));
  try {
    await run('tar', ['-xzf', p.tarball, '-C', unpacked]);
    const root = existsSync(join(unpacked, 'package')) ? join(unpacked, 'package') : join(unpacked, readdirSync(unpacked)[0] ?? '');
    const [contents, lint, types] = await Promise.all([
      contentProblems(p, manifest, root),
      publintProblems(p.tarball),
      attwProblems(p.tarball),
    ]);
    return [...contents, ...lint, ...types];
  } finally {
    rmSync(unpacked, { recursive: true, force: true });
  }
}
