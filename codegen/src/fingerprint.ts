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
const SHAPING_PACKAGES = ['openapi-typescript', 'swagger2openapi', 'ts-morph', 'typescript', 'zod'];

let generatorDigest: string | undefined;

export function generatorFingerprint(): string {
  if (generatorDigest) return generatorDigest;
  const h = createHash('sha256');
  for (const name of readdirSync(here).filter((n) => n.endsWith('.ts')).sort()) h.update(name).update(readFileSync(join(here, name)));
  h.update(readFileSync(join(here, '../../runtime/src/descriptor.ts')));
  h.update(readFileSync(join(here, '../../runtime/package.json')));
  h.update(readFileSync(join(here, '../../LICENSE')));
  for (const p of SHAPING_PACKAGES) h.update(`${p}@${require(`${p}/package.json`).version}`);
  return (generatorDigest = h.digest('hex'));
}

export function inputDigest(files: Pick<RawSpecFile, 'name' | 'sha256'>[], fixTexts: string[]): string {
  const h = createHash('sha256').update(generatorFingerprint());
  for (const f of files) h.update(`${f.name}:${f.sha256}\n`);
  for (const t of fixTexts) h.update(t);
  return h.digest('hex');
}
