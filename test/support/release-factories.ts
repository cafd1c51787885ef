/**
 * A generated release's CommonJS factories (`dist/checks.cjs`, `dist/decoders.cjs`), made with
 * a kit of the caller's choosing, as the release's index makes them on first need.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Check, LazySchema, SchemaKit, checkKit } from '@vcenter-sdk/runtime';
import { GENERATED_DIR } from './paths.js';

const load = <A extends unknown[], T>(release: string, file: string) =>
  (createRequire(import.meta.url)(join(GENERATED_DIR, release, 'dist', file)) as { default: (...args: A) => T }).default;

/** Every check of `release`, by schema name. */
export const releaseChecksOf = (release: string, kit: typeof checkKit): Readonly<Record<string, Check>> =>
  load<[typeof checkKit], Readonly<Record<string, Check>>>(release, 'checks.cjs')(kit);

/** Every schema of `release`, by name, built by `kit` on first use. */
export const releaseSchemasOf = (release: string, kit: SchemaKit, checks: Readonly<Record<string, Check>>): Record<string, LazySchema> =>
  load<[SchemaKit, Readonly<Record<string, Check>>], Record<string, LazySchema>>(release, 'decoders.cjs')(kit, checks);
