/**
 * `npm run generate [-- --specs DIR] [--release R] [--force] [--record]`
 *
 * Generates every release folder of the specs folder (default: VCENTER_SPECS_DIR, else the
 * committed specs/vsphere of this repository) into generated/<release>/.
 */
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { reportChanges } from './changes.js';
import { SpecError } from './errors.js';
import { runEventsStep } from './events/step.js';
import { GENERATE_OPTIONS, toGenerateOptions, type CliOptions } from './generate-options.js';
import { listReleases, loadRelease } from './load.js';
import { generateRelease } from './pipeline.js';
import { SpecRegistry } from './registry.js';
import { summarize } from './report.js';
import { defaultSpecsDir, repoRoot, specsHelp } from './specs-dir.js';

export { defaultSpecsDir, repoRoot };
export type { CliOptions };

/**
 * Progress on a terminal rewrites one line per release; elsewhere (a log, CI) each release
 * prints its one closing line, and the stages are not shown.
 */
function progress(stream: NodeJS.WriteStream) {
  const tty = stream.isTTY;
  return {
    tty,
    stage(release: string, stage: string) {
      if (tty) stream.write(`\r\x1b[2K${release}: ${stage}…`);
    },
    done(line: string) {
      stream.write(tty ? `\r\x1b[2K${line}\n` : `${line}\n`);
    },
  };
}

export async function runGenerate(o: CliOptions): Promise<number> {
  const specsDir = resolve(o.specs ?? defaultSpecsDir());
  const defaultOut = join(repoRoot, 'generated');
  const outDir = resolve(o.out ?? defaultOut);
  const registry = new SpecRegistry(join(repoRoot, 'specs'));
  const runtimeVersion = createRequire(import.meta.url)('@vcenter-sdk/runtime/package.json').version as string;
  const p = progress(process.stdout);
  let releases: string[];
  try {
    releases = listReleases(specsDir);
  } catch (e) {
    console.error(`generate: ${(e as Error).message}\n${specsHelp(specsDir)}`);
    return 1;
  }
  if (o.release?.length) {
    const unknown = o.release.filter((r) => !releases.includes(r));
    if (unknown.length) {
      console.error(`generate: no release folder ${unknown.join(', ')} in ${specsDir} (it has: ${releases.join(', ') || 'none'})\n${specsHelp(specsDir, unknown[0])}`);
      return 1;
    }
    releases = o.release;
  }
  if (releases.length === 0) {
    console.error(`generate: ${specsDir} holds no release folder\n${specsHelp(specsDir)}`);
    return 1;
  }
  console.log(`generate: ${releases.length} release(s) from ${specsDir}`);
  let failed = 0;
  for (const release of releases) {
    try {
      if (o.record) registry.record(release, loadRelease(specsDir, release));
      const r = await generateRelease(release, { specsDir, outDir, rootDir: repoRoot, registry, runtimeVersion, force: !!o.force, link: outDir === defaultOut, onStage: p.stage });
      if (r.skipped) p.done(`${release}: up to date (${r.report.counts.operations} operations), skipped`);
      else {
        const [counts, ...rest] = summarize(r.report);
        p.done(`${release}: generated in ${(r.ms / 1000).toFixed(1)} s${counts ? `: ${counts}` : ''}`);
        // The details stay in report.json; a terminal shows them.
        if (p.tty) for (const line of rest) console.log(`  ${line}`);
      }
    } catch (e) {
      failed++;
      p.done(`${release}: FAILED, previous output kept`);
      console.error(`  ${e instanceof SpecError ? e.message : (e as Error).stack}`);
    }
  }
  if (!o.release?.length) failed += await runEventsStep({ outDir, rootDir: repoRoot, version: runtimeVersion, force: !!o.force, link: outDir === defaultOut, details: p.tty });
  failed += reportChanges(outDir);
  return failed ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: GENERATE_OPTIONS });
  process.exitCode = await runGenerate(toGenerateOptions(values));
}
