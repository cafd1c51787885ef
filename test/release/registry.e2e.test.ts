/**
 * The release, proven against a real npm registry: Verdaccio on a loopback port (no uplink, a
 * throw-away storage), `npm run release` into it, then consumers in fresh folders outside the
 * repository that install by name and version from it, as npm users will.
 *
 * For time, the release publishes what the consumer needs (the runtime and two releases,
 * `--only`): packing and checking all ten packages (attw on every release) is a minute on 2
 * cores, and test/packages/lint.packaging.test.ts checks every one already. The third-party
 * packages the runtime needs (undici, zod…) and @types/node are packed from the repository's
 * node_modules and put into the registry first: the install reaches no other registry.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type MockVcenter } from '@vcenter-sdk/mock';
import { generateRelease } from '../../codegen/src/pipeline.js';
import { SpecRegistry } from '../../codegen/src/registry.js';
import { packAll } from '../../scripts/release/checks.js';
import { cleanEnv, dependencyClosure, mapLimit, NPM, readManifest, releasePackage, REPO_ROOT, runtimePackage } from '../packages/pack.js';
import { putTarball, startRegistry, type Registry } from './verdaccio.js';
import { MOCK_PASSWORD, USER } from '../support/settings.js';

const run = promisify(execFile);
const RELEASES = ['6.7.0', '8.0.2'] as const;
const TSC = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
const ONLY = ['runtime', ...RELEASES.map((r) => `vsphere-${r}`)].join(',');

let work: string;
let registry: Registry;
let mock: MockVcenter;
let env: NodeJS.ProcessEnv;
let ledger: string;
let firstRelease: string;
const versions: Record<string, string> = {};

const CONSUMER = `// Written by test/release/registry.e2e.test.ts.
import { connect } from '@vcenter-sdk/runtime';
import v670 from '@vcenter-sdk/vsphere-6.7.0';
import v802 from '@vcenter-sdk/vsphere-8.0.2';

const baseUrl = process.argv[2];
if (!baseUrl) throw new Error('usage: node consumer.js <url>');
const auth = ${JSON.stringify({ username: USER, password: MOCK_PASSWORD })};
const out: Record<string, unknown> = {};
{
  await using client = await connect({ baseUrl, auth, releases: [v670, v802] });
  out.detected = client.release;
  if (client.release === '8.0.2') out.version = typeof (await client.call('appliance.system.version.get'));
}
{
  await using client = await connect({ baseUrl, auth, releases: [v670, v802], serverRelease: '6.7.0' });
  if (client.release === '6.7.0') {
    const vms = await client.call('rest.vcenter.vm.list');
    const names: string[] = vms.map((vm) => vm.name);
    out.vms = names.length > 0;
    // @ts-expect-error the /api listing came with 7.0.2
    const typeOnly = () => client.call('vcenter.vm.list');
    void typeOnly;
  }
}
console.log(JSON.stringify(out));
`;

// skipLibCheck on: this is about resolving the packages as installed (the declarations
// themselves are checked with it off by test/packages/consumer.packaging.test.ts), and it
// makes the two type-checks a few seconds instead of a minute on a loaded machine.
const compilerOptions = { target: 'ES2022', lib: ['ES2023', 'ESNext.Disposable'], strict: true, skipLibCheck: true, types: ['node'] };
const TSCONFIGS = {
  nodenext: {
    compilerOptions: { ...compilerOptions, module: 'NodeNext', moduleResolution: 'NodeNext', outDir: 'out' },
    files: ['consumer.ts'],
  },
  bundler: {
    compilerOptions: { ...compilerOptions, module: 'Preserve', moduleResolution: 'Bundler', noEmit: true },
    files: ['consumer.ts'],
  },
};

const npm = (args: string[], cwd: string) => run(NPM, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
const INSTALL = ['--no-audit', '--no-fund', '--ignore-scripts', '--no-update-notifier', '--save-exact'];

/** `npm run release` as a user runs it, into the suite's registry. */
async function releaseRun(...extra: string[]): Promise<string> {
  const args = ['run', 'release', '--silent', '--', '--registry', registry.url, '--only', ONLY, '--no-build', '--ledger', ledger, ...extra];
  const { stdout } = await npm(args, REPO_ROOT).catch((e: { stdout?: string; stderr?: string }) => {
    throw new Error(`npm run release failed:\n${e.stdout ?? ''}${e.stderr ?? e}`);
  });
  return stdout;
}

function newProject(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }, null, 2));
  return dir;
}

const installed = (project: string, name: string) => readManifest(join(project, 'node_modules', name)).version as string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'vcenter-sdk-registry-'));
  ledger = join(work, 'versions.json');
  const mockStarted = startMock({ releases: [...RELEASES] });
  mockStarted.catch(() => undefined);
  registry = await startRegistry(join(work, 'verdaccio'));
  env = cleanEnv({ NPM_CONFIG_USERCONFIG: registry.npmrc, NPM_CONFIG_CACHE: join(work, 'npm-cache'), VCENTER_SDK_VERSIONS: ledger });

  const runtime = runtimePackage();
  versions['@vcenter-sdk/runtime'] = runtime.manifest.version;
  for (const r of RELEASES) versions[`@vcenter-sdk/vsphere-${r}`] = releasePackage(r).manifest.version;
  const closure = dependencyClosure([...Object.keys(runtime.manifest.dependencies), '@types/node'], runtime.dir);
  mkdirSync(join(work, 'deps'));
  const dirs = [...closure.values()];
  const tarballs = await packAll(dirs, join(work, 'deps'));
  await Promise.all(dirs.map((dir, i) => putTarball(registry, readManifest(dir), tarballs[i]!.tarball)));

  firstRelease = await releaseRun();
  mock = await mockStarted;
}, 300_000);

afterAll(async () => {
  await mock?.close();
  await registry?.close();
  if (work && !process.env.KEEP_REGISTRY) rmSync(work, { recursive: true, force: true });
});

describe('npm run release into a registry', () => {
  it('publishes the runtime first, then the two releases, each checked, with its version and size', () => {
    console.log(firstRelease);
    const rows = firstRelease.split('\n').filter((l) => l.startsWith('| @vcenter-sdk/'));
    expect(rows.map((l) => l.split('|').map((c) => c.trim())).map((c) => [c[1], c[2], c[6]])).toEqual([
      ['@vcenter-sdk/runtime', versions['@vcenter-sdk/runtime'], 'published'],
      ...RELEASES.map((r) => [`@vcenter-sdk/vsphere-${r}`, versions[`@vcenter-sdk/vsphere-${r}`], 'published']),
    ]);
    expect(firstRelease).toContain('release: 3 published, 0 already on');
  });

  it('records the published release versions in the ledger it was given', () => {
    const l = JSON.parse(readFileSync(ledger, 'utf8'));
    expect(Object.keys(l.packages).sort()).toEqual(RELEASES.map((r) => `@vcenter-sdk/vsphere-${r}`));
    expect(l.packages['@vcenter-sdk/vsphere-6.7.0'].version).toBe(versions['@vcenter-sdk/vsphere-6.7.0']);
  });
});

describe('a TypeScript consumer installing by name and version from the registry', () => {
  let project: string;
  const typecheck: Record<string, string> = {};

  beforeAll(async () => {
    project = newProject('consumer');
    const wanted = Object.entries(versions).map(([n, v]) => `${n}@${v}`);
    await npm(['install', ...INSTALL, ...wanted], project);
    const typesNode = readManifest(join(REPO_ROOT, 'node_modules/@types/node')).version;
    await npm(['install', ...INSTALL, '--save-dev', `@types/node@${typesNode}`], project);
    writeFileSync(join(project, 'consumer.ts'), CONSUMER);
    await mapLimit(Object.entries(TSCONFIGS), 2, async ([kind, config]) => {
      writeFileSync(join(project, `tsconfig.${kind}.json`), JSON.stringify(config, null, 2));
      typecheck[kind] = await run(process.execPath, [TSC, '-p', `tsconfig.${kind}.json`], { cwd: project }).then(
        () => 'ok',
        (e: { stdout?: string }) => e.stdout ?? String(e),
      );
    });
  }, 240_000);

  it('gets every package from that registry, at the versions asked', () => {
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { resolved?: string }>;
    };
    const resolved = Object.entries(lock.packages).filter(([path]) => path !== '');
    expect(resolved.length).toBeGreaterThan(5);
    expect(resolved.filter(([, p]) => !p.resolved?.startsWith(`${registry.url}/`)).map(([path]) => path)).toEqual([]);
    for (const [name, version] of Object.entries(versions)) expect(installed(project, name), name).toBe(version);
  });

  it.each(Object.keys(TSCONFIGS).map((k) => [k]))('type-checks under moduleResolution %s', (kind) => {
    expect(typecheck[kind]).toBe('ok');
  });

  it('runs against the mock vCenter with both releases', async () => {
    expect(typecheck.nodenext, 'the consumer did not compile').toBe('ok');
    const { stdout } = await run(process.execPath, [join(project, 'out/consumer.js'), mock.url], { cwd: project, env });
    expect(JSON.parse(stdout)).toEqual({ detected: '8.0.2', version: 'object', vms: true });
  }, 60_000);

  it('a second release of the same tree publishes nothing', async () => {
    const again = await releaseRun();
    expect(again).toContain('release: 0 published, 3 already on');
    expect(again.split('\n').filter((l) => l.includes('| published'))).toEqual([]);
  }, 120_000);

  it('a consumer pinned to a release version keeps it after a newer one is published', async () => {
    // A changed fix for 6.7.0, generated apart: its output moves, so its version does.
    const registryDir = join(work, 'spec-registry');
    cpSync(join(REPO_ROOT, 'specs/fixes'), join(registryDir, 'fixes'), { recursive: true });
    cpSync(join(REPO_ROOT, 'specs/releases.json'), join(registryDir, 'releases.json'));
    const fix = [
      { op: 'add', path: '/definitions/com.vmware.vcenter.VM.summary/description', value: 'A VM, as listed.', reason: 'the release suite' },
    ];
    writeFileSync(join(registryDir, 'fixes/6.7.0/vcenter.json.patch.json'), JSON.stringify(fix));
    process.env.VCENTER_SDK_VERSIONS = ledger;
    const out = join(work, 'generated');
    await generateRelease('6.7.0', {
      specsDir: join(REPO_ROOT, 'specs/vsphere'),
      outDir: out,
      rootDir: REPO_ROOT,
      registry: new SpecRegistry(registryDir),
      runtimeVersion: versions['@vcenter-sdk/runtime']!,
    });
    const pinned = versions['@vcenter-sdk/vsphere-6.7.0']!;
    const newer = readManifest(join(out, '6.7.0')).version as string;
    expect(newer).not.toBe(pinned);
    const published = await npm(
      ['run', 'release', '--silent', '--', '--registry', registry.url, '--only', 'vsphere-6.7.0', '--generated', out, '--ledger', ledger],
      REPO_ROOT,
    );
    expect(published.stdout).toContain('release: 1 published');

    const project = join(work, 'consumer');
    const { stdout: view } = await npm(['view', '@vcenter-sdk/vsphere-6.7.0', 'versions', '--json'], project);
    expect(JSON.parse(view)).toEqual([pinned, newer]);
    // The pinned consumer installs again, and from scratch: still the version it pinned.
    await npm(['install', ...INSTALL], project);
    expect(installed(project, '@vcenter-sdk/vsphere-6.7.0')).toBe(pinned);
    rmSync(join(project, 'node_modules'), { recursive: true });
    await npm(['ci', ...INSTALL.filter((a) => a !== '--save-exact')], project);
    expect(installed(project, '@vcenter-sdk/vsphere-6.7.0')).toBe(pinned);
    // A new consumer asking by name gets the newer one, the runtime with it as the peer.
    const fresh = newProject('fresh');
    await npm(['install', ...INSTALL, '@vcenter-sdk/vsphere-6.7.0'], fresh);
    expect(installed(fresh, '@vcenter-sdk/vsphere-6.7.0')).toBe(newer);
    expect(installed(fresh, '@vcenter-sdk/runtime')).toBe(versions['@vcenter-sdk/runtime']);
  }, 180_000);
});
