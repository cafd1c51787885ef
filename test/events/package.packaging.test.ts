/**
 * What `npm publish` would ship of @vcenter-sdk/events (handwritten) and
 * @vcenter-sdk/events-data (generated/events): the manifest's packaging fields, the tarball's
 * files, publint and arethetypeswrong (ESM-only), as test/packages checks the runtime and
 * the releases; and the events package importable alone, in a fresh process, loading none of
 * the generated data.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caretAdmits, pack, readManifest, REPO_ROOT, run, runtimePackage, type Packed } from '../packages/pack.js';

const require = createRequire(import.meta.url);
const ATTW = join(dirname(require.resolve('@arethetypeswrong/cli/package.json')), 'dist/index.js');
const dest = mkdtempSync(join(tmpdir(), 'vcenter-sdk-events-pack-'));
const PACKAGES = [
  { dir: join(REPO_ROOT, 'events'), files: /^(package\.json|README\.md|LICENSE|dist\/[\w./-]+\.(js|d\.ts))$/ },
  // .cjs: the checks and decoders the index requires on first need (internal: no export, no types)
  { dir: join(REPO_ROOT, 'generated/events'), files: /^(package\.json|README\.md|LICENSE|dist\/[\w./-]+\.(js|d\.ts|cjs))$/ },
];
const packed = new Map<string, Packed>();
const runtimeVersion = runtimePackage().manifest.version as string;

beforeAll(async () => {
  for (const p of PACKAGES) {
    const r = await pack(p.dir, dest);
    packed.set(p.dir, r);
  }
}, 120_000);
afterAll(() => rmSync(dest, { recursive: true, force: true }));

describe.each(PACKAGES)('$dir', (p) => {
  const m = readManifest(p.dir);

  it('manifest: ESM, exports map (types first), engines for Node 20, depends on the runtime', () => {
    expect(m.type).toBe('module');
    expect(m.sideEffects).toBe(false);
    expect(m.engines.node).toMatch(/^>=\s*20(\.\d+){0,2}$/);
    expect(m.private).toBeUndefined();
    for (const [key, target] of Object.entries(m.exports as Record<string, unknown>)) {
      if (key === './package.json') continue;
      expect(Object.keys(target as object), key).toEqual(['types', 'default']);
    }
    expect(m.main).toBe(m.exports['.'].default);
    expect(m.types).toBe(m.exports['.'].types);
    // events depends on the runtime; events-data, generated, takes it as a peer (in its contract's range).
    expect(caretAdmits((m.dependencies ?? m.peerDependencies)['@vcenter-sdk/runtime'], runtimeVersion)).toBe(true);
  });

  it('tarball: only what a consumer needs, every .js with its .d.ts', () => {
    const files = packed.get(p.dir)!.files.map((f) => f.path);
    expect(files.filter((f) => !p.files.test(f))).toEqual([]);
    const js = files.filter((f) => f.endsWith('.js'));
    expect(js.filter((f) => !files.includes(f.replace(/\.js$/, '.d.ts')))).toEqual([]);
    expect(files).toContain('README.md');
  });

  it('publint: no errors, warnings or suggestions', async () => {
    const data = readFileSync(packed.get(p.dir)!.tarball);
    const tarball = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
    const { messages, pkg } = await publint({ pack: { tarball }, level: 'suggestion' });
    expect(messages.map((msg) => `${msg.type}: ${formatMessage(msg, pkg, { color: false }) ?? msg.code}`)).toEqual([]);
  }, 60_000);

  it('arethetypeswrong (esm-only): no problems', async () => {
    const out = await run(process.execPath, [ATTW, packed.get(p.dir)!.tarball, '--format', 'json', '--profile', 'esm-only'], {
      maxBuffer: 256 * 1024 * 1024,
    }).catch((e: { stdout?: string; stderr?: string }) => ({ stdout: e.stdout ?? '', stderr: e.stderr ?? String(e) }));
    const report = JSON.parse(out.stdout) as { analysis: { types?: unknown; problems?: { resolutionKind: string }[] } };
    expect(report.analysis.types).toBeTruthy();
    const problems = (report.analysis.problems ?? []).filter((x) => !['node10', 'node16-cjs'].includes(x.resolutionKind));
    expect(problems.map((x) => JSON.stringify(x))).toEqual([]);
  }, 120_000);
});

it('@vcenter-sdk/events imports alone, in a fresh process, without loading the generated data', async () => {
  // A resolve hook that refuses anything under generated/: the import must not need it.
  const hooks = join(dest, 'no-generated.mjs');
  writeFileSync(
    hooks,
    `export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.includes('/generated/')) throw new Error('loaded ' + r.url); return r; }`,
  );
  const register = join(dest, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hooks).href)});`);
  const { stdout } = await run(
    process.execPath,
    [
      '--import',
      pathToFileURL(register).href,
      '--input-type=module',
      '-e',
      "const m = await import('@vcenter-sdk/events'); console.log(Object.keys(m).sort().join(','))",
    ],
    { cwd: REPO_ROOT },
  );
  expect(stdout.trim()).toBe('BadEvent,createReceiver,encodeEvent,fetchHandler,middleware,nodeHandler,objectsOf,readCloudEvent,taskIdOf');
  // The hook does refuse generated code (so the check above can fail).
  await expect(
    run(
      process.execPath,
      ['--import', pathToFileURL(register).href, '--input-type=module', '-e', "await import('@vcenter-sdk/events-data')"],
      { cwd: REPO_ROOT },
    ),
  ).rejects.toThrow(/loaded .*generated/);
  expect(Object.keys(readManifest(join(REPO_ROOT, 'events')).dependencies).sort()).toEqual(['@vcenter-sdk/runtime', 'cloudevents']);
});
