/**
 * A consumer, as npm users get the SDK: the runtime and two release packages packed with
 * `npm pack`, installed into a fresh project in os.tmpdir() (outside the repository), a
 * TypeScript file using both releases through `connect` type-checked there (NodeNext,
 * skipLibCheck off) and run against the multi-release mock vCenter; then a program importing
 * one release is run with a module-load hook to show that no other release is loaded. The
 * packed mock is installed too, and started there with no options: it serves the release
 * packages installed beside it, examples included, with no repository around.
 *
 * Offline install: no registry and no npm cache is needed. The runtime's dependencies
 * (undici, openapi-fetch, zod, lossless-json and theirs), and @types/node for the consumer's
 * tsc, are packed from the repository's node_modules (`npm pack <folder>`, as installed by
 * `npm ci`), and the consumer's package.json pins every one of them to its tarball with
 * `overrides`. `npm install --offline` then runs with an empty, throwaway cache and a
 * registry on a closed loopback port: anything not found in the tarballs fails the install
 * instead of reaching the network. (The machine's npm cache is not used: `npm ci` stores the
 * tarballs but not the packuments an install of `undici@^7` needs, so `--offline --cache
 * ~/.npm` works on a developer machine and fails with ENOTCACHED in a fresh CI.)
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type MockLogEntry, type MockVcenter } from '@vcenter-sdk/mock';
import { MOCK_PASSWORD, USER } from '../support/settings.js';
import {
  caretAdmits,
  cleanEnv,
  dependencyClosure,
  mapLimit,
  NPM,
  mockPackage,
  pack,
  readManifest,
  releasePackage,
  REPO_ROOT,
  run,
  runtimePackage,
  type Packed,
} from './pack.js';

const RELEASES = ['7.0.0', '7.0.3'] as const;
const TSC = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
const AUTH = JSON.stringify({ username: USER, password: MOCK_PASSWORD });

let work: string;
let project: string;
let mock: MockVcenter | undefined;
const mockLog: MockLogEntry[] = [];
let deps: { name: string; version: string; tarball: string }[] = [];
let packed: Packed[] = [];
let typecheck: { ok: boolean; output: string };

const CONSUMER = `// Written by test/packages/consumer.packaging.test.ts.
import { connect } from '@vcenter-sdk/runtime';
import v700 from '@vcenter-sdk/vsphere-7.0.0';
import v703, { type Schemas } from '@vcenter-sdk/vsphere-7.0.3';

const baseUrl = process.argv[2];
if (!baseUrl) throw new Error('usage: node consumer.js <url>');
const auth = ${AUTH};
const out: Record<string, unknown> = {};

{
  // Detection: the mock answers as its newest release, 7.0.3.
  await using client = await connect({ baseUrl, auth, releases: [v700, v703] });
  out.detected = client.release;
  if (client.release === '7.0.3') {
    const vms: Schemas['VcenterVMSummary'][] = await client.call('vcenter.vm.list', { query: { names: ['DC0_H0_VM0'] } });
    out.vms703 = Array.isArray(vms);
    const { data } = await client.GET('/api/vcenter/vm/{vm}', { params: { path: { vm: vms[0]?.vm ?? 'vm-missing' } } });
    out.get703 = typeof data;
    // The types are the release's, not any: an unknown operation or a mistyped query is an error.
    const typeOnly = () => {
      // @ts-expect-error not an operation of 7.0.3
      void client.call('vcenter.vm.no_such_operation');
      // @ts-expect-error names is a string[]
      void client.call('vcenter.vm.list', { query: { names: [42] } });
    };
    void typeOnly;
  }
}
{
  // The server's release given (serverRelease): every request carries X-API-Version: 7.0.0, which the mock routes on.
  await using client = await connect({ baseUrl, auth, releases: [v700, v703], serverRelease: '7.0.0' });
  out.pinned = client.release;
  if (client.release === '7.0.0') {
    // 7.0.0 lists VMs on /rest only; the {"value": ...} wrapper is gone in the type too.
    const vms = await client.call('rest.vcenter.vm.list');
    const names: string[] = vms.map((vm) => vm.name);
    out.vms700 = Array.isArray(names);
    // @ts-expect-error the /api listing came with 7.0.2
    const typeOnly = () => client.call('vcenter.vm.list');
    void typeOnly;
  }
}
console.log(JSON.stringify(out));
`;

/** Imports the runtime and one release only, makes a call (decoders built lazily), prints the release. */
const onlyOne = (release: string) => `import { connect } from '@vcenter-sdk/runtime';
import r from '@vcenter-sdk/vsphere-${release}';
const client = await connect({ baseUrl: process.argv[2], auth: ${AUTH}, releases: [r] });
const vms = await client.call(r.release === '7.0.0' ? 'rest.vcenter.vm.list' : 'vcenter.vm.list');
await client.close();
console.log(JSON.stringify({ release: client.release, vms: Array.isArray(vms) }));
`;

/**
 * The installed mock, started with no options: the releases it finds, an operation it answers
 * from the examples the release package ships, and its advice for a release not installed.
 */
const MOCK_CONSUMER = `import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startMock } from '@vcenter-sdk/mock';

const require = createRequire(import.meta.url);
const out = { module: import.meta.resolve('@vcenter-sdk/mock') };
const mock = await startMock();
try {
  out.releases = mock.releases;
  const ops = JSON.parse(readFileSync(require.resolve('@vcenter-sdk/vsphere-7.0.3/operations.json'), 'utf8'));
  const fallback = new Set(mock.fallbacks('7.0.3'));
  const op = ops.find((o) => fallback.has(o.name) && o.method === 'GET' && o.style === 'api' && !o.path.includes('{'));
  const login = await fetch(mock.url + '/api/session', {
    method: 'POST',
    headers: { authorization: 'Basic ' + Buffer.from(${JSON.stringify(`${USER}:${MOCK_PASSWORD}`)}).toString('base64') },
  });
  const session = await login.json();
  const res = await fetch(mock.url + op.path, { headers: { 'vmware-api-session-id': session, 'x-api-version': '7.0.3' } });
  out.example = { operation: res.headers.get('x-mock-operation'), source: res.headers.get('x-mock-source'), status: res.status, body: typeof (await res.json()) };
} finally {
  await mock.close();
}
out.missing = await startMock({ releases: ['8.0.2'] }).then(
  (m) => m.close().then(() => 'started'),
  (e) => e.message,
);
console.log(JSON.stringify(out));
`;

/** Records the URL of every module loaded through the ESM loader into $LOAD_LOG. */
const REGISTER = `import { register } from 'node:module';
register('./load-log-hooks.mjs', import.meta.url);
`;
const HOOKS = `import { appendFileSync } from 'node:fs';
export async function load(url, context, nextLoad) {
  appendFileSync(process.env.LOAD_LOG, url + '\\n');
  return nextLoad(url, context);
}
`;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'vcenter-sdk-consumer-'));
  project = join(work, 'project');
  const tarballs = join(work, 'tarballs');
  mkdirSync(project);
  mkdirSync(tarballs);

  const mockStarted = startMock({ releases: [...RELEASES], onRequest: (e) => mockLog.push(e) });
  mockStarted.catch(() => undefined);

  const ours = [runtimePackage(), mockPackage(), ...RELEASES.map(releasePackage)];
  const closure = dependencyClosure([...Object.keys(runtimePackage().manifest.dependencies), '@types/node'], join(REPO_ROOT, 'runtime'));
  packed = await mapLimit(ours, 2, (p) => pack(p.dir, tarballs));
  const depsPacked = await mapLimit([...closure.values()], 2, (dir) => pack(dir, tarballs));
  deps = depsPacked.map((p) => ({ name: p.name, version: p.version, tarball: p.tarball }));

  const file = (tgz: string) => `file:${relative(project, tgz)}`;
  const byName = new Map(deps.map((d) => [d.name, d]));
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify(
      {
        name: 'vcenter-sdk-consumer',
        private: true,
        type: 'module',
        dependencies: Object.fromEntries(packed.map((p) => [p.name, file(p.tarball)])),
        devDependencies: { '@types/node': file(byName.get('@types/node')!.tarball) },
        // Every transitive dependency from its tarball: nothing for npm to look up.
        overrides: Object.fromEntries(deps.filter((d) => d.name !== '@types/node').map((d) => [d.name, file(d.tarball)])),
      },
      null,
      2,
    ),
  );
  await run(
    NPM,
    [
      'install',
      '--offline',
      '--cache',
      join(work, 'npm-cache'),
      '--registry',
      'http://127.0.0.1:9/',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--no-update-notifier',
    ],
    { cwd: project, env: cleanEnv(), maxBuffer: 16 * 1024 * 1024 },
  ).catch((e: { stderr?: string }) => {
    throw new Error(`offline npm install failed:\n${e.stderr ?? e}`);
  });

  writeFileSync(join(project, 'consumer.ts'), CONSUMER);
  for (const r of RELEASES) writeFileSync(join(project, `only-${r}.mjs`), onlyOne(r));
  writeFileSync(join(project, 'mock.mjs'), MOCK_CONSUMER);
  writeFileSync(join(project, 'load-log.mjs'), REGISTER);
  writeFileSync(join(project, 'load-log-hooks.mjs'), HOOKS);
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2023', 'ESNext.Disposable'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        skipLibCheck: false,
        types: ['node'],
        outDir: 'out',
      },
      files: ['consumer.ts'],
    }),
  );
  const [tc] = await Promise.all([
    run(process.execPath, [TSC, '-p', project], { cwd: project, maxBuffer: 16 * 1024 * 1024 })
      .then(() => ({ ok: true, output: '' }))
      .catch((e: { stdout?: string; stderr?: string }) => ({ ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` })),
    mockStarted.then((m) => (mock = m)),
  ]);
  typecheck = tc;
  // A hang guard, not a speed check: ~90 s on an idle 2-core machine, past 240 s beside another npm test.
}, 600_000);

afterAll(async () => {
  await mock?.close();
  if (work && !process.env.KEEP_CONSUMER) rmSync(work, { recursive: true, force: true });
});

describe('consumer of the packed packages', () => {
  it('installs offline from the tarballs: the packages and the runtime dependencies, nothing else', () => {
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { resolved?: string; version?: string }>;
    };
    const installed = Object.entries(lock.packages).filter(([path]) => path !== '');
    expect(installed.length).toBeGreaterThan(packed.length);
    // Every installed package came from one of our tarballs.
    expect(installed.filter(([, p]) => !p.resolved?.startsWith('file:')).map(([path]) => path)).toEqual([]);
    // Not the repository's copies: a real install in the temporary project.
    expect(project.startsWith(REPO_ROOT)).toBe(false);
    expect(existsSync(join(project, 'node_modules/@vcenter-sdk/runtime/dist/index.js'))).toBe(true);
    // The runtime's declared ranges admit what was installed (same versions as the repository's lockfile).
    const runtimeDeps = readManifest(join(project, 'node_modules/@vcenter-sdk/runtime')).dependencies as Record<string, string>;
    for (const [name, range] of Object.entries(runtimeDeps)) {
      const version = readManifest(join(project, 'node_modules', name)).version as string;
      expect(caretAdmits(range, version), `${name}@${version} for ${range}`).toBe(true);
    }
    // No optional peer (OpenTelemetry) is installed: the runtime must do without it.
    expect(existsSync(join(project, 'node_modules/@opentelemetry/api'))).toBe(false);
  });

  it('type-checks a consumer of both releases (NodeNext, skipLibCheck off)', () => {
    expect(typecheck.output, 'tsc').toBe('');
    expect(typecheck.ok).toBe(true);
  });

  it('runs the consumer against the mock vCenter through connect, with both releases', async () => {
    expect(typecheck.ok, 'the consumer did not compile').toBe(true);
    const from = mockLog.length;
    const { stdout } = await run(process.execPath, [join(project, 'out/consumer.js'), mock!.url], { cwd: project, env: cleanEnv() });
    expect(JSON.parse(stdout)).toEqual({ detected: '7.0.3', vms703: true, get703: 'object', pinned: '7.0.0', vms700: true });
    const served = new Set(
      mockLog
        .slice(from)
        .filter((e) => e.source === 'model')
        .map((e) => e.release),
    );
    expect([...served].sort()).toEqual(['7.0.0', '7.0.3']);
  }, 60_000);

  it.each(RELEASES.map((r) => [r]))(
    'importing %s loads no other release',
    async (release) => {
      const log = join(work, `loaded-${release}.txt`);
      writeFileSync(log, '');
      const { stdout } = await run(process.execPath, ['--import', './load-log.mjs', `only-${release}.mjs`, mock!.url], {
        cwd: project,
        env: cleanEnv({ LOAD_LOG: log }),
      });
      expect(JSON.parse(stdout)).toEqual({ release, vms: true });
      const urls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
      const releaseUrls = urls.filter((u) => u.includes('/@vcenter-sdk/vsphere-'));
      // The positive control: the hook saw this release's modules, from the installed package.
      expect(releaseUrls).toEqual(
        expect.arrayContaining([expect.stringContaining(`/node_modules/@vcenter-sdk/vsphere-${release}/dist/index.js`)]),
      );
      expect(
        releaseUrls.filter((u) => !u.includes(`/@vcenter-sdk/vsphere-${release}/`)),
        'modules of another release',
      ).toEqual([]);
      // And nothing from the repository: the installed copies only.
      expect(urls.filter((u) => u.startsWith(`file://${REPO_ROOT}/`))).toEqual([]);
    },
    60_000,
  );

  it('runs the installed mock with no options: the installed releases, their examples, the install command for a missing one', async () => {
    const { stdout } = await run(process.execPath, ['mock.mjs'], { cwd: project, env: cleanEnv() });
    const out = JSON.parse(stdout);
    // The installed copy, found by name from the project, not the repository's.
    expect(out.module).toBe(pathToFileURL(join(project, 'node_modules/@vcenter-sdk/mock/dist/index.js')).href);
    expect(out.releases).toEqual(['7.0.3', '7.0.0']);
    // An operation the mock does not model answers from the response schemas the release package ships.
    expect(out.example).toEqual({ operation: expect.any(String), source: 'example', status: 200, body: expect.any(String) });
    expect(out.missing).toContain('release 8.0.2 is not installed');
    expect(out.missing).toContain('`npm install @vcenter-sdk/vsphere-8.0.2`');
    expect(out.missing).not.toContain('npm run generate');
  }, 60_000);

  it('without any release package installed, the mock says which to install', async () => {
    // The installed mock alone, in a project of its own.
    const bare = join(work, 'bare');
    cpSync(join(project, 'node_modules/@vcenter-sdk/mock'), join(bare, 'node_modules/@vcenter-sdk/mock'), { recursive: true });
    writeFileSync(join(bare, 'package.json'), JSON.stringify({ name: 'bare', private: true, type: 'module' }));
    const probe = `import { startMock } from '@vcenter-sdk/mock';
console.log(await startMock().then((m) => m.close().then(() => 'started'), (e) => e.message));
`;
    writeFileSync(join(bare, 'probe.mjs'), probe);
    const { stdout } = await run(process.execPath, ['probe.mjs'], { cwd: bare, env: cleanEnv() });
    expect(stdout.trim()).toBe(
      'startMock: no release package is installed beside @vcenter-sdk/mock: install the release your code uses, e.g. `npm install @vcenter-sdk/vsphere-8.0.2`',
    );
  }, 60_000);
});
