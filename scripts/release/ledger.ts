/**
 * After a publish, codegen/versions.json learns the version and output digest of each
 * generated package now on the registry, and the runtime range of its contract: the next
 * change of that package's output then takes the next version, never one already published.
 */
import { writeFileSync } from 'node:fs';
import { json, ledgerPath, readLedger } from '../../codegen/src/package-files.js';
import type { ReleasePackage } from './packages.js';

/** Records `packages` (generated ones only); returns the names whose entry changed. */
export function recordVersions(packages: ReleasePackage[], path: string = ledgerPath()): string[] {
  const ledger = readLedger(path);
  const changed: string[] = [];
  for (const p of packages.filter((x) => x.generated)) {
    const output = p.manifest.vcenterSdk?.output?.replace(/^sha256:/, '');
    const contract = (p.manifest.vcenterSdk as { contract?: number } | undefined)?.contract;
    const range = p.manifest.peerDependencies?.['@vcenter-sdk/runtime'];
    if (!output || contract === undefined || !range)
      throw new Error(`${p.dir}/package.json: no vcenterSdk.output, contract or runtime peer (run npm run generate)`);
    ledger.contracts[String(contract)] ??= range;
    const before = ledger.packages[p.name];
    if (before?.version === p.version && before.output === output) continue;
    ledger.packages[p.name] = { version: p.version, output };
    changed.push(p.name);
  }
  if (changed.length) {
    const sorted = Object.fromEntries(Object.entries(ledger.packages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    writeFileSync(path, json({ contracts: ledger.contracts, packages: sorted }));
  }
  return changed;
}
