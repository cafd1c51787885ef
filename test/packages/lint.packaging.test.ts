/**
 * What `npm publish` would ship, for the runtime and every generated release: the manifest's
 * packaging fields, the tarball's file list (nothing a consumer does not need), publint and
 * arethetypeswrong (ESM-only profile) on the packed tarballs. Packs once into os.tmpdir().
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caretAdmits, generatedReleases, mapLimit, pack, publishables, run, runtimePackage, type Packed } from './pack.js';

const require = createRequire(import.meta.url);
const ATTW = join(dirname(require.resolve('@arethetypeswrong/cli/package.json')), 'dist/index.js');
/** ESM only: a CommonJS `require` (node16-cjs) and pre-exports resolution (node10) are out of scope. */
const ATTW_IGNORED_RESOLUTIONS = new Set(['node10', 'node16-cjs']);

const packages = publishables();
const runtimeManifest = runtimePackage().manifest;
const dest = mkdtempSync(join(tmpdir(), 'vcenter-sdk-lint-'));
const packed = new Map<string, Packed>();

beforeAll(async () => {
  // Packing a release is mostly gzip of ~10 MB: two at a time on a 2-core machine.
  const results = await mapLimit(packages, 2, (p) => pack(p.dir, dest));
  for (const r of results) packed.set(r.name, r);
  console.log(
    'tarballs:\n' +
      results.map((r) => `  ${r.name}: ${r.files.length} files, ${kb(r.size)} packed, ${kb(r.unpackedSize)} unpacked`).join('\n'),
  );
}, 120_000);

afterAll(() => rmSync(dest, { recursive: true, force: true }));

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const get = (name: string) => {
  const p = packed.get(name);
  if (!p) throw new Error(`${name} was not packed`);
  return p;
};

it('there are generated releases to check (run `npm run generate` first)', () => {
  expect(generatedReleases().length).toBeGreaterThan(0);
});

describe.each(packages.map((p) => [p.name, p] as const))('%s', (name, pkg) => {
  const m = pkg.manifest;
  const isRelease = name !== runtimeManifest.name;

  it('manifest: ESM, exports map, engines, sideEffects, files', () => {
    expect(m.type).toBe('module');
    expect(m.sideEffects).toBe(false);
    expect(m.license).toBeTruthy();
    // Node 20 and later: a lower bound on 20.x, no upper bound.
    expect(m.engines?.node).toMatch(/^>=\s*20(\.\d+){0,2}$/);
    expect(m.private).toBeUndefined();
    const root = m.exports?.['.'];
    expect(root, 'exports["."]').toBeTypeOf('object');
    // `types` first (TypeScript takes the first matching condition), `default` last, no `require`.
    expect(Object.keys(root)).toEqual(['types', 'default']);
    expect(root.types).toMatch(/^\.\/dist\/.+\.d\.ts$/);
    expect(root.default).toMatch(/^\.\/dist\/.+\.js$/);
    expect(m.exports['./package.json']).toBe('./package.json');
    // Legacy fields agree with the exports map (tools that still read them).
    expect(m.main).toBe(root.default);
    expect(m.types).toBe(root.types);
    expect(m.files).toEqual(expect.arrayContaining(['dist']));
  });

  if (isRelease) {
    it('takes the runtime as its one peer, in a range that admits the runtime of this repository; versioned <contract>.<generator>.N', () => {
      const range: string = m.peerDependencies?.['@vcenter-sdk/runtime'];
      expect(range).toBeTruthy();
      expect(caretAdmits(range, runtimeManifest.version), `${range} admits ${runtimeManifest.version}`).toBe(true);
      // The release package brings no dependency of its own: zod and the rest come through the runtime.
      expect(Object.keys(m.peerDependencies)).toEqual(['@vcenter-sdk/runtime']);
      expect(m.dependencies).toBeUndefined();
      expect(m.version.split('.').slice(0, 2)).toEqual([String(runtimeManifest.vcenterSdk.contract), String(m.vcenterSdk.generator)]);
      expect(m.vcenterSdk.contract).toBe(runtimeManifest.vcenterSdk.contract);
    });
  }

  it('tarball: only what a consumer needs', () => {
    const files = get(name)
      .files.map((f) => f.path)
      .sort();
    const allowed = isRelease
      ? // .cjs: the checks and decoders the index requires on first need (internal: no export, no types)
        /^(package\.json|README\.md|LICENSE(\.\w+)?|(operations|responses)\.json|dist\/[\w./-]+\.(js|d\.ts|cjs))$/
      : /^(package\.json|README\.md|LICENSE(\.\w+)?|dist\/[\w./-]+\.(js|d\.ts))$/;
    expect(
      files.filter((f) => !allowed.test(f)),
      'unexpected files in the tarball',
    ).toEqual([]);
    // Spelled out, since these are the ones that sit next to dist/ in the package folders.
    for (const bad of [/^src\//, /openapi(\.mock)?\.json$/, /^report\.json$/, /\.test\.|\/test\/|\.spec\./, /\.tsbuildinfo$/, /\.map$/]) {
      expect(
        files.filter((f) => bad.test(f)),
        String(bad),
      ).toEqual([]);
    }
    // Every module a consumer can import has its declarations, and the exports map points into
    // the tarball. dist/chunks/ holds the bundled code the entry files share: only they import it.
    const js = files.filter((f) => f.endsWith('.js') && !f.startsWith('dist/chunks/'));
    expect(JSON.stringify(m.exports)).not.toContain('/chunks/');
    expect(
      js.filter((f) => !files.includes(f.replace(/\.js$/, '.d.ts'))),
      '.js without .d.ts',
    ).toEqual([]);
    for (const target of [m.exports['.'].types, m.exports['.'].default]) expect(files).toContain(target.slice(2));
  });

  it('publint: no errors, warnings or suggestions', async () => {
    const data = readFileSync(get(name).tarball);
    const tarball = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
    const { messages, pkg: manifest } = await publint({ pack: { tarball }, level: 'suggestion' });
    const text = messages.map((msg) => `${msg.type}: ${formatMessage(msg, manifest, { color: false }) ?? msg.code}`);
    expect(text, `publint on ${name}`).toEqual([]);
  }, 60_000);

  it('arethetypeswrong (esm-only): no problems', async () => {
    // attw exits non-zero on problems; the JSON report is on stdout either way.
    const out = await run(process.execPath, [ATTW, get(name).tarball, '--format', 'json', '--profile', 'esm-only'], {
      maxBuffer: 256 * 1024 * 1024,
    }).catch((e: { stdout?: string; stderr?: string }) => ({ stdout: e.stdout ?? '', stderr: e.stderr ?? String(e) }));
    let report: { analysis: { types?: unknown; problems?: any[] } };
    try {
      report = JSON.parse(out.stdout);
    } catch {
      throw new Error(`attw on ${name} printed no JSON report:\n${out.stderr}`);
    }
    expect(report.analysis.types, 'attw found no type declarations').toBeTruthy();
    const problems = (report.analysis.problems ?? []).filter((p) => !ATTW_IGNORED_RESOLUTIONS.has(p.resolutionKind));
    expect(
      problems.map((p) => JSON.stringify(p)),
      `attw on ${name}`,
    ).toEqual([]);
  }, 90_000);
});
