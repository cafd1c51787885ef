/** `vcenter-sdk generate`: spec folders → generated/<release>/ and generated/CHANGES.md (runGenerate of codegen). */
import { GENERATE_OPTIONS, toGenerateOptions } from '../../codegen/src/generate-options.js';
import { listReleases } from '../../codegen/src/load.js';
import { didYouMean, suggest } from '@vcenter-sdk/runtime/text';
import { join } from 'node:path';
import { defaultSpecsDir, Failure, parse, UsageError, type Command } from './util.js';

/** A `--release` the specs folder has no folder for, with the nearest it has (the generator reports the rest). */
function checkReleases(specsDir: string, asked: readonly string[] | undefined): void {
  if (!asked?.length) return;
  let have: string[];
  try {
    have = listReleases(specsDir);
  } catch {
    return; // an unreadable specs folder: the generator says so, with what to do
  }
  const unknown = asked.find((r) => !have.includes(r));
  if (unknown)
    throw new Failure(
      `--release ${unknown}: no release folder ${unknown} in ${specsDir}${didYouMean(suggest(unknown, have))} (it has: ${have.join(', ') || 'none'}); to add a release, put its spec files in ${join(specsDir, unknown)}/`,
    );
}

export const generate: Command = {
  name: 'generate',
  summary: 'generate release packages (and CHANGES.md) from the spec folders',
  help: `Usage: vcenter-sdk generate [--specs DIR] [--release R]... [--force] [--out DIR] [--strict]

Generates one package per release folder of the specs folder into generated/<release>/,
then generated/CHANGES.md (each release against the one before it). Releases whose
inputs did not change since the last run are skipped.

Options:
  --specs DIR      the specs folder, one subfolder per release
                   (default: $VCENTER_SPECS_DIR, else the repository's committed specs/vsphere)
  --release R      only this release (repeatable, or comma-separated: --release 7.0.2,7.0.3)
  --force          regenerate even when the inputs did not change
  --record         record the input digests of the releases in specs/releases.json
  --out DIR        write the packages to DIR instead of generated/
  --strict         fail a release on a $ref that resolves nowhere (default: typed unknown,
                   or left out, and listed in its report.json "unresolved")

Progress is shown on one line on a terminal, as plain lines otherwise.`,
  async run(argv) {
    const { values, positionals } = parse(argv, GENERATE_OPTIONS);
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}' (releases are chosen with --release)`);
    const options = toGenerateOptions(values);
    checkReleases(options.specs ?? defaultSpecsDir(), options.release);
    // Loaded only here: the generator pulls in TypeScript, swagger2openapi and openapi-typescript.
    const { runGenerate } = await import('../../codegen/src/cli.js');
    return runGenerate(options);
  },
};
