/**
 * Reads a spec folder: one subfolder per release, each with Swagger 2.0 or OpenAPI 3.0
 * files in JSON or YAML. Parse errors name the file (and the line, for YAML/JSON).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { compareReleases } from '@vcenter-sdk/runtime/release';
import { SpecError } from './errors.js';

export interface SpecFile {
  /** File name inside the release folder: `vcenter.json`. */
  name: string;
  /** Path used in messages: `<release>/<name>`. */
  label: string;
  sha256: string;
  doc: Record<string, any>;
  format: 'swagger2' | 'openapi3';
  /** Service name: the file name without extension. */
  service: string;
}

const SPEC_EXTENSIONS = /\.(json|ya?ml)$/i;

/** Release ids are folder names: `7.0.3`, `8.0.2`, `9.1.0-foo`. */
export function listReleases(specsDir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(specsDir);
  } catch (e) {
    throw new SpecError(`cannot read the specs folder (${(e as Error).message})`, specsDir);
  }
  return entries.filter((e) => statSync(join(specsDir, e)).isDirectory() && !e.startsWith('.')).sort(compareReleases);
}

/** A release folder's files as bytes, with their digests: enough to decide whether to generate. */
export interface RawSpecFile {
  name: string;
  label: string;
  sha256: string;
  bytes: Buffer;
}

export function readRelease(specsDir: string, release: string): RawSpecFile[] {
  const dir = join(specsDir, release);
  const names = readdirSync(dir)
    .filter((n) => SPEC_EXTENSIONS.test(n))
    .sort();
  if (names.length === 0) throw new SpecError('no .json, .yaml or .yml spec file in this release folder', dir);
  return names.map((name) => {
    const bytes = readFileSync(join(dir, name));
    return { name, label: `${release}/${name}`, sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
  });
}

export function parseRelease(raw: RawSpecFile[]): SpecFile[] {
  return raw.map(({ name, label, sha256, bytes }) => {
    const text = bytes.toString('utf8');
    const json = /\.json$/i.test(name);
    let doc: unknown;
    try {
      doc = json ? JSON.parse(text) : parseYaml(text, { maxAliasCount: -1 });
    } catch (e) {
      throw new SpecError(`not valid ${json ? 'JSON' : 'YAML'}: ${(e as Error).message}`, label);
    }
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new SpecError('the document is not an object', label);
    const d = doc as Record<string, any>;
    let format: SpecFile['format'];
    if (d.swagger === '2.0') format = 'swagger2';
    else if (typeof d.openapi === 'string' && d.openapi.startsWith('3.0')) format = 'openapi3';
    else
      throw new SpecError(
        `neither Swagger 2.0 nor OpenAPI 3.0.x (swagger: ${JSON.stringify(d.swagger)}, openapi: ${JSON.stringify(d.openapi)})`,
        label,
        d.openapi !== undefined ? '/openapi' : '/swagger',
      );
    if (!d.paths || typeof d.paths !== 'object') throw new SpecError('no paths object', label, '/paths');
    return { name, label, sha256, doc: d, format, service: name.replace(SPEC_EXTENSIONS, '') };
  });
}

export function loadRelease(specsDir: string, release: string): SpecFile[] {
  return parseRelease(readRelease(specsDir, release));
}
