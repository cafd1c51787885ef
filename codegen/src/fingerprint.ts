/**
 * What a release's output depends on, as one digest: the input files, the fixes, and the
 * generator itself (its sources and the versions of the libraries that shape the output).
 * A release whose digest matches its last output is skipped.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawSpecFile } from './load.js';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const SHAPING_PACKAGES = ['esbuild', 'openapi-typescript', 'swagger2openapi', 'ts-morph', 'typescript', 'zod'];

let generatorDigest: string | undefined;

export function generatorFingerprint(): string {
  if (generatorDigest) return generatorDigest;
  const h = createHash('sha256');
  for (const name of readdirSync(here)
    .filter((n) => n.endsWith('.ts'))
    .sort())
    h.update(name).update(readFileSync(join(here, name)));
  h.update(runtimeContract());
  h.update(readFileSync(join(here, '../../LICENSE')));
  for (const p of SHAPING_PACKAGES) h.update(`${p}@${require(`${p}/package.json`).version}`);
  return (generatorDigest = h.digest('hex'));
}

/**
 * The runtime contract generated code is written against, reached through the package (as the
 * generated code reaches it): the declarations of `@vcenter-sdk/runtime/descriptor` and the
 * runtime's manifest (its version is the generated packages' dependency range).
 */
function runtimeContract(): string {
  try {
    const declarations = require.resolve('@vcenter-sdk/runtime/descriptor').replace(/\.js$/, '.d.ts');
    return readFileSync(declarations, 'utf8') + readFileSync(require.resolve('@vcenter-sdk/runtime/package.json'), 'utf8');
  } catch (e) {
    throw new Error(
      `cannot read the runtime contract @vcenter-sdk/runtime/descriptor (${(e as Error).message}); run \`npm run build:runtime\``,
    );
  }
}

export function inputDigest(files: Pick<RawSpecFile, 'name' | 'sha256'>[], fixTexts: string[]): string {
  const h = createHash('sha256').update(generatorFingerprint());
  for (const f of files) h.update(`${f.name}:${f.sha256}\n`);
  for (const t of fixTexts) h.update(t);
  return h.digest('hex');
}
