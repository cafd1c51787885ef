/**
 * `npm run release -- --registry URL [--dry-run] [--only a,b] [--generated DIR] [--no-build]`
 *
 * Builds (`generate -- --check`: every package built and type-checked), packs every package, checks each tarball the registry lacks
 * (contents, page fields, publint, attw) and publishes them in dependency order: runtime, events-data, events,
 * the releases, mock. Nothing is published unless every check passes. Idempotent: a version the
 * registry already has is skipped (a generated one only when its output is the same; otherwise
 * its version was reused for other content, an error). `--dry-run` publishes nothing and prints
 * the table of what would be. After a publish, codegen/versions.json records the generated
 * versions (`--ledger FILE` elsewhere): commit it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { repoRoot } from '../codegen/src/specs-dir.js';
import { checkPacked, NPM, packAll, type Packed } from './release/checks.js';
import { recordVersions } from './release/ledger.js';
import { mapLimit } from './release/map-limit.js';
import { listPackages, type ReleasePackage, selectPackages } from './release/packages.js';
import { ReleaseError, publishedOutput, publishedVersions, publishTarball } from './release/registry.js';
import { renderTable, type Row } from './release/table.js';

export interface ReleaseOptions {
  registry?: string | undefined;
  dryRun?: boolean;
  only?: string[] | undefined;
  generatedDir?: string | undefined;
  ledger?: string | undefined;
  build?: boolean;
  log?: (line: string) => void;
}

export interface ReleaseResult {
  rows: Row[];
  published: string[];
  skipped: string[];
}

/** Every package built and type-checked (`generate` alone builds without a type-check, which `npm test` does). */
function build(log: (line: string) => void): void {
  log('release: npm run generate -- --check');
  const r = spawnSync(NPM, ['run', 'generate', '--silent', '--', '--check'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new ReleaseError(`npm run generate -- --check failed (exit ${r.status ?? r.signal}): nothing was published`);
}

/** Is `p`'s version on the registry, with the same output for a generated package? */
async function onRegistry(p: ReleasePackage, registry: string): Promise<boolean> {
  if (!(await publishedVersions(p.name, registry)).includes(p.version)) return false;
  if (!p.generated) return true;
  const theirs = await publishedOutput(p.name, p.version, registry);
  const ours = p.manifest.vcenterSdk?.output;
  if (theirs !== ours)
    throw new ReleaseError(
      `${p.name}@${p.version} is on ${registry} with other content (output ${theirs ?? 'unknown'}, here ${ours}): ` +
        'codegen/versions.json does not record that publish; record it (the version and output the registry has), then npm run generate',
    );
  return true;
}

export async function release(o: ReleaseOptions): Promise<ReleaseResult> {
  const log = o.log ?? ((line: string) => console.log(line));
  if (!o.dryRun && !o.registry) throw new ReleaseError('release: --registry URL is required (or --dry-run to see what would be published)');
  if (o.build !== false && !o.generatedDir) build(log);
  const packages = selectPackages(listPackages(o.generatedDir), o.only);
  const dest = mkdtempSync(join(tmpdir(), 'vcenter-sdk-release-'));
  try {
    const packed: Packed[] = await packAll(
      packages.map((p) => p.dir),
      dest,
    );
    // What the registry has is not published again, so not checked again either.
    const there = await mapLimit(packages, 2, (p) => (o.registry ? onRegistry(p, o.registry) : Promise.resolve(false)));
    const toPublish = packages.filter((_, i) => !there[i]);
    const findings = await mapLimit(toPublish, 2, (p) => checkPacked(packed[packages.indexOf(p)]!, p.manifest));
    const failed = toPublish.flatMap((p, i) => findings[i]!.map((f) => `  ${p.name}: ${f}`));
    if (failed.length) throw new ReleaseError(`release: ${failed.length} check(s) failed, nothing was published:\n${failed.join('\n')}`);

    const rows: Row[] = [];
    const published: string[] = [];
    const skipped: string[] = [];
    // One at a time, in dependency order: a package is on the registry before anything that needs it.
    for (const [i, p] of packages.entries()) {
      const t = packed[i]!;
      let action: string;
      if (there[i]) action = 'on the registry: skipped';
      else if (o.dryRun) action = 'would publish';
      else if (await publishTarball(t.tarball, o.registry!)) {
        action = 'published';
        published.push(`${p.name}@${p.version}`);
      } else action = 'on the registry: skipped';
      if (action.startsWith('on the registry')) skipped.push(`${p.name}@${p.version}`);
      rows.push({ name: p.name, version: p.version, size: t.size, unpackedSize: t.unpackedSize, files: t.files.length, action });
    }
    log(renderTable(rows));
    if (!o.dryRun) {
      const recorded = recordVersions(packages, o.ledger ? resolve(o.ledger) : undefined);
      if (recorded.length) log(`release: recorded ${recorded.join(', ')} in ${o.ledger ?? 'codegen/versions.json'}: commit it`);
    }
    log(
      o.dryRun
        ? `release: dry run, ${rows.filter((r) => r.action === 'would publish').length} of ${rows.length} package(s) would be published`
        : `release: ${published.length} published, ${skipped.length} already on ${o.registry}`,
    );
    return { rows, published, skipped };
  } finally {
    rmSync(dest, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      registry: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      only: { type: 'string' },
      generated: { type: 'string' },
      ledger: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
    },
  });
  try {
    await release({
      registry: values.registry,
      dryRun: values['dry-run'],
      only: values.only
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      generatedDir: values.generated ? resolve(values.generated) : undefined,
      ledger: values.ledger,
      build: !values['no-build'],
    });
  } catch (e) {
    console.error(e instanceof ReleaseError ? e.message : (e as Error).stack);
    process.exitCode = 1;
  }
}
