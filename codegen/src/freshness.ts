/**
 * Whether a release's last output is still current: the digest of its inputs (spec files,
 * recorded digests, fixes, notes, the generator itself) against its report.json. Light on
 * purpose: `generate` asks it of every release before it loads the generator.
 */
import { join } from 'node:path';
import { inputDigest } from './fingerprint.js';
import { readRelease, type RawSpecFile } from './load.js';
import { currentOutput, packageName } from './output.js';
import type { SpecRegistry } from './registry.js';
import type { Report } from './report.js';

export interface FreshnessOptions {
  specsDir: string;
  outDir: string;
  rootDir: string;
  registry: SpecRegistry;
  force?: boolean;
  /** Link node_modules/@vcenter-sdk/vsphere-<release> to the output (only for the repository's own generated/). */
  link?: boolean;
}

/** The last output's report when it is current (linked again if asked), else what generating needs. */
export type ReleaseState =
  | { skipped: true; report: Report }
  | { skipped: false; raw: RawSpecFile[]; digest: string; fixes: ReturnType<SpecRegistry['fixes']>; notes: string | undefined };

export function checkRelease(release: string, o: FreshnessOptions): ReleaseState {
  const raw = readRelease(o.specsDir, release);
  const fixes = o.registry.fixes(release);
  // The recorded digests are an input too: recording a release must refresh its report.
  const notes = o.registry.notes(release);
  const digest = inputDigest(raw, [JSON.stringify(o.registry.read()[release] ?? null), ...fixes.map((f) => f.text), notes ?? '']);
  const report = currentOutput<Report>(join(o.outDir, release), digest, o, packageName(release));
  return report ? { skipped: true, report } : { skipped: false, raw, digest, fixes, notes };
}
