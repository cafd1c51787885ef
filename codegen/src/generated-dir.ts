/**
 * The generated/ folder of this repository and the releases in it: the one listing that codegen,
 * the scripts and the tests share. (The mock package lists what it serves itself: a published
 * package cannot import the repository's codegen.)
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compareReleases } from '@vcenter-sdk/runtime/release';
import { repoRoot } from './specs-dir.js';

export const GENERATED_DIR = join(repoRoot, 'generated');

/** Releases of a generated folder (those with operations.json and openapi.json), oldest first. */
export function generatedReleases(generatedDir: string = GENERATED_DIR): string[] {
  if (!existsSync(generatedDir)) return [];
  return readdirSync(generatedDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .filter((r) => existsSync(join(generatedDir, r, 'operations.json')) && existsSync(join(generatedDir, r, 'openapi.json')))
    .sort(compareReleases);
}
