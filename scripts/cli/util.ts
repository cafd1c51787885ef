/**
 * What every subcommand of `vcenter-sdk` shares: argument parsing that turns mistakes into
 * usage errors (exit 2), failures (exit 1), JSON output, tables, and where generated releases are.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
// By package name, as call.ts loads the client: one class, whichever build the name resolves to.
import { UsageError as RuntimeUsageError } from '@vcenter-sdk/runtime';
import { generatedReleases } from '../../codegen/src/generated-dir.js';
import type { OperationSpec } from '@vcenter-sdk/runtime/descriptor';
import { didYouMean, suggest } from '@vcenter-sdk/runtime/text';
import { defaultSpecsDir, repoRoot } from '../../codegen/src/specs-dir.js';

export { repoRoot };

/**
 * A mistake in how the command was called: exit code 2, with a pointer to `--help`. The
 * runtime's `UsageError` (a bad argument to the client) is one too; this subclass marks the
 * CLI's own, whose message is printed as it is.
 */
export class UsageError extends RuntimeUsageError {}

/** The command was called right but could not do its work: exit code 1. */
export class Failure extends Error {}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The full `--help` text. */
  help: string;
  run(argv: string[]): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `util.parseArgs` in strict mode, with `--help` and `--debug` added; its errors become
 * `UsageError`s with the same text.
 */
export function parse<O extends Options>(argv: string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' }, debug: { type: 'boolean' } },
      allowPositionals,
      strict: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

/** `generated/` of this repository, unless `--dir` names another folder of generated releases. */
export function generatedDir(dir: string | undefined): string {
  return resolve(dir ?? process.env.VCENTER_SDK_GENERATED ?? join(repoRoot, 'generated'));
}

/** Release ids are folder and package names: digits, letters, dots, dashes. */
export function checkRelease(release: string | undefined, what = 'release'): string {
  if (!release) throw new UsageError(`missing ${what}`);
  if (!/^[A-Za-z0-9][\w.-]*$/.test(release)) throw new UsageError(`'${release}' is not a release id (like 7.0.3)`);
  return release;
}

/** The specs folder `generate` reads by default: codegen's own definition (specs-dir.ts loads nothing of the generator). */
export { defaultSpecsDir };

/**
 * Fails when `<dir>/<release>/` has no generated output, listing the releases that are
 * generated and the nearest of them; `generate --release R` is suggested only when the specs
 * folder has R, i.e. when it would work.
 */
export function requireGenerated(dir: string, release: string): void {
  if (existsSync(join(dir, release, 'operations.json'))) return;
  const have = generatedReleases(dir);
  const canGenerate = existsSync(join(defaultSpecsDir(), release));
  const next = canGenerate ? `; run \`vcenter-sdk generate --release ${release}\`` : didYouMean(suggest(release, have));
  throw new Failure(`release ${release} is not generated (generated: ${have.join(', ') || 'none'})${next}`);
}

export function readOperations(dir: string, release: string): OperationSpec[] {
  requireGenerated(dir, release);
  return JSON.parse(readFileSync(join(dir, release, 'operations.json'), 'utf8'));
}

/** JSON with bigint values written as plain numbers (int64 values decoded losslessly stay exact). */
export function toJson(value: unknown): string {
  const marks: string[] = [];
  const text = JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `\u0000big${marks.push(v.toString()) - 1}\u0000` : v), 2);
  return text === undefined ? 'null' : text.replace(/"\\u0000big(\d+)\\u0000"/g, (_m, i) => marks[Number(i)]!);
}

/** A plain-text table: columns padded to their widest cell, the last column not padded. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
