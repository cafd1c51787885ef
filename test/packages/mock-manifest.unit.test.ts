/**
 * The mock's package.json says what it needs from a consumer's install: every release package
 * as an optional peer (the consumer installs the releases it uses; the mock serves those it
 * finds), in the range of the runtime contract it answers as (release packages are versioned
 * `<contract>.<generator>.<revision>`), and no other dependency.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockPackage, REPO_ROOT } from './pack.js';

const { manifest } = mockPackage();
const CONTRACT = (JSON.parse(readFileSync(join(REPO_ROOT, 'runtime/package.json'), 'utf8')) as { vcenterSdk: { contract: number } })
  .vcenterSdk.contract;
const specReleases = readdirSync(join(REPO_ROOT, 'specs/vsphere'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && /^\d+(\.\d+)+$/.test(e.name))
  .map((e) => e.name);

describe('@vcenter-sdk/mock package.json', () => {
  it("has every release of the specs as an optional peer in the runtime contract's range", () => {
    expect(specReleases.length).toBeGreaterThan(1);
    const names = specReleases.map((r) => `@vcenter-sdk/vsphere-${r}`).sort();
    expect(Object.keys(manifest.peerDependencies ?? {}).sort()).toEqual(names);
    for (const name of names) {
      expect(manifest.peerDependencies[name], name).toBe(`^${CONTRACT}.0.0`);
      expect(manifest.peerDependenciesMeta?.[name], name).toEqual({ optional: true });
    }
  });

  it('needs nothing else at run time: its sources import node built-ins and each other only', () => {
    const src = join(REPO_ROOT, 'mock/src');
    const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    const imported = files.flatMap((f) =>
      [...readFileSync(join(src, f), 'utf8').matchAll(/^(?:import|export)\s[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1]!),
    );
    expect(imported.length).toBeGreaterThan(10);
    expect(imported.filter((s) => !s.startsWith('node:') && !s.startsWith('.'))).toEqual([]);
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.optionalDependencies).toBeUndefined();
  });
});
