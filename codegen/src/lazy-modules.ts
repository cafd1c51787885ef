/**
 * The part of a generated index that loads its checks and decoders, one text for the release
 * packages and the events data package. Both ship them as CommonJS factories in dist/
 * (`checks.cjs`, `decoders.cjs`), required the first time they are needed (synchronously: a
 * caller's `schemas.X()` is) and handed the runtime's kits: importing the package costs little,
 * and valid data never loads the decoders.
 */

/** The imports the loaders need. */
export const LAZY_IMPORTS = `import { createRequire } from 'node:module';
import { checkKit, schemaKit, type Check, type LazySchema } from '@vcenter-sdk/runtime';
import type makeChecks from './checks.js';
import type decoders from './decoders.js';
`;

/** `load(file)`, `getChecks()` (every schema's check by name) and `getSchemas()` (the lazy decoders). */
export const LAZY_LOADERS = `// The checks and the decoders are most of the package's code: they load when first needed.
const load = <T>(file: string): T => (createRequire(import.meta.url)(file) as { default: T }).default;
let checks: Readonly<Record<string, Check>> | undefined;
let schemas: Readonly<Record<string, LazySchema<unknown>>> | undefined;
const getChecks = (): Readonly<Record<string, Check>> => (checks ??= load<typeof makeChecks>('./checks.cjs')(checkKit));
const getSchemas = (): Readonly<Record<string, LazySchema<unknown>>> =>
  (schemas ??= load<typeof decoders>('./decoders.cjs')(schemaKit(), getChecks()));
`;
