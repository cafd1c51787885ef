/**
 * The options of `generate`, one definition for both entry points (`npm run generate` and
 * `vcenter-sdk generate`). Kept apart from cli.ts so the CLI can parse them without loading
 * the generator (TypeScript, swagger2openapi, openapi-typescript).
 */
import type { ParseArgsConfig } from 'node:util';

export const GENERATE_OPTIONS = {
  specs: { type: 'string' },
  release: { type: 'string', multiple: true },
  force: { type: 'boolean' },
  record: { type: 'boolean' },
  out: { type: 'string' },
  strict: { type: 'boolean' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export interface CliOptions {
  specs?: string;
  release?: string[];
  force?: boolean;
  record?: boolean;
  out?: string;
  /** A `$ref` that resolves nowhere fails its release (else it is typed unknown, or dropped, and listed). */
  strict?: boolean;
}

/** Parsed values → options; `--release` is repeatable and takes comma-separated lists (`7.0.2,7.0.3`). */
export function toGenerateOptions(values: CliOptions): CliOptions {
  const { specs, release, force, record, out, strict } = values;
  return { specs, release: release?.flatMap((r) => r.split(',')).filter(Boolean), force, record, out, strict };
}
