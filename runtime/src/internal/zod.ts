/// <reference types="node" />
// (the decode modules are type-checked by consumers' decoders without Node's types otherwise)
/**
 * zod, loaded on first need: valid data never builds a schema (the ahead-of-time checks answer
 * first), so most processes never need zod, and it is the largest module graph the runtime
 * could import (about as much time and heap as everything else together). Schemas are built
 * synchronously (`release.schemas.X()`), so it is required, not imported: as ES module where
 * Node can `require()` one (20.19+, 22.12+), which is the same instance a caller's own
 * `import 'zod'` gets; zod's CommonJS build otherwise (its classes answer `instanceof` across
 * copies).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type Zod = typeof import('zod');

let zod: Zod | undefined;

export function loadZod(): Zod {
  if (zod) return zod;
  const require = createRequire(import.meta.url);
  zod = (requireModule() ? require(esmEntry(require)) : require('zod')) as Zod;
  return zod;
}

function requireModule(): boolean {
  return (process.features as { require_module?: boolean }).require_module === true;
}

/** zod's ES module entry, as its `exports` map names it for `import`. */
function esmEntry(require: NodeJS.Require): string {
  const manifest = require.resolve('zod/package.json');
  const root = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, unknown> }).exports['.'];
  const entry = typeof root === 'object' && root !== null ? (root as Record<string, unknown>).import : undefined;
  const path = typeof entry === 'string' ? entry : (entry as { default?: string } | undefined)?.default;
  return path ? join(dirname(manifest), path) : require.resolve('zod');
}
