/**
 * The versioning policy, enforced: a generated package's version is `<contract>.<generator>.<revision>`,
 * the same for the same shipped output and one patch further when that output changes, for
 * that package alone. Three releases the project has never seen are generated into scratch
 * folders, with a ledger (codegen/versions.json's form) of their own, then again with a changed
 * fix of one and a changed spec of another.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GENERATOR, readLedger, runtimeContract } from '../../codegen/src/package-files.js';
import { generateRelease } from '../../codegen/src/pipeline.js';
import { SpecRegistry } from '../../codegen/src/registry.js';
import { recordVersions } from '../../scripts/release/ledger.js';
import { listPackages } from '../../scripts/release/packages.js';
import { specsFolder, swaggerRelease } from '../codegen/fixtures.js';
import { REPO_ROOT } from '../support/paths.js';
import { scratchDirs } from '../support/scratch.js';

const tempDir = scratchDirs();
const RELEASES = ['9.0.0', '9.1.0', '9.2.0'];
const runtime = createRequire(import.meta.url)('@vcenter-sdk/runtime/package.json') as {
  version: string;
  vcenterSdk: { contract: number };
};
const line = `${runtime.vcenterSdk.contract}.${GENERATOR}`;
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

let ledger: string;
let registryDir: string;
let specs: string;

beforeAll(() => {
  ledger = join(tempDir('ledger-'), 'versions.json');
  process.env.VCENTER_SDK_VERSIONS = ledger;
  registryDir = tempDir('registry-');
  specs = specsFolder(Object.fromEntries(RELEASES.map((r) => [r, swaggerRelease()])));
});

async function generateAll(): Promise<{ out: string; versions: Record<string, string>; manifests: Record<string, any> }> {
  const out = tempDir('out-');
  for (const release of RELEASES)
    await generateRelease(release, {
      specsDir: specs,
      outDir: out,
      rootDir: REPO_ROOT,
      registry: new SpecRegistry(registryDir),
      runtimeVersion: runtime.version,
    });
  const manifests = Object.fromEntries(RELEASES.map((r) => [r, readJson(join(out, r, 'package.json'))]));
  return { out, manifests, versions: Object.fromEntries(RELEASES.map((r) => [r, manifests[r].version])) };
}

const record = (out: string) =>
  recordVersions(
    listPackages(out).filter((p) => RELEASES.some((r) => p.name.endsWith(`-${r}`))),
    ledger,
  );

describe('versions of generated packages', () => {
  let first: Awaited<ReturnType<typeof generateAll>>;

  it('start at <contract>.<generator>.0, with the runtime as their one peer, in the contract range', async () => {
    first = await generateAll();
    expect(first.versions).toEqual({ '9.0.0': `${line}.0`, '9.1.0': `${line}.0`, '9.2.0': `${line}.0` });
    const m = first.manifests['9.1.0'];
    expect(m.peerDependencies).toEqual({ '@vcenter-sdk/runtime': `^${runtime.version}` });
    expect(m.dependencies).toBeUndefined();
    expect(m.vcenterSdk).toEqual({
      contract: runtime.vcenterSdk.contract,
      generator: GENERATOR,
      output: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
    // Three copies of one spec: the same shipped output but for the release's name.
    expect(new Set(RELEASES.map((r) => first.manifests[r].vcenterSdk.output)).size).toBe(3);
  });

  it('stay put when regenerated from the same inputs, once recorded', async () => {
    expect(record(first.out).sort()).toEqual(RELEASES.map((r) => `@vcenter-sdk/vsphere-${r}`));
    expect(readLedger(ledger).contracts).toEqual({ [runtime.vcenterSdk.contract]: `^${runtime.version}` });
    const again = await generateAll();
    expect(again.versions).toEqual(first.versions);
    for (const r of RELEASES) expect(again.manifests[r].vcenterSdk.output).toBe(first.manifests[r].vcenterSdk.output);
  });

  it('move for the release whose fix changed, and for no other', async () => {
    mkdirSync(join(registryDir, 'fixes', '9.1.0'), { recursive: true });
    const fix = [
      { op: 'add', path: '/definitions/LabWidgetSummary/description', value: 'A widget of the lab.', reason: 'the versions test' },
    ];
    writeFileSync(join(registryDir, 'fixes', '9.1.0', 'lab.json.patch.json'), JSON.stringify(fix));
    const fixed = await generateAll();
    expect(fixed.versions).toEqual({ '9.0.0': `${line}.0`, '9.1.0': `${line}.1`, '9.2.0': `${line}.0` });
    expect(readFileSync(join(fixed.out, '9.1.0', 'dist/types.d.ts'), 'utf8')).toContain('A widget of the lab.');
    record(fixed.out);
  });

  it('move for the release whose spec changed, and for no other', async () => {
    const doc = readJson(join(specs, '9.2.0', 'lab.json'));
    doc.definitions.LabWidgetSpec.properties.color = { type: 'string' };
    writeFileSync(join(specs, '9.2.0', 'lab.json'), JSON.stringify(doc, null, 2));
    const changed = await generateAll();
    expect(changed.versions).toEqual({ '9.0.0': `${line}.0`, '9.1.0': `${line}.1`, '9.2.0': `${line}.1` });
  });

  it('never go back: output equal to an older version gets a new one', async () => {
    record((await generateAll()).out);
    writeFileSync(join(registryDir, 'fixes', '9.1.0', 'lab.json.patch.json'), '[]');
    const reverted = await generateAll();
    expect(reverted.manifests['9.1.0'].vcenterSdk.output).toBe(first.manifests['9.1.0'].vcenterSdk.output);
    expect(reverted.versions['9.1.0']).toBe(`${line}.2`);
  });

  it('a runtime outside its contract range is an error that says to raise the contract', () => {
    expect(() => runtimeContract({ contracts: { [runtime.vcenterSdk.contract]: '^99.0.0' }, packages: {} })).toThrow(
      /outside contract 1's range \^99\.0\.0.*raise vcenterSdk\.contract in runtime\/package\.json/,
    );
  });
});
