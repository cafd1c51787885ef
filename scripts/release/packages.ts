/**
 * What `npm run release` publishes: the handwritten packages (runtime, mock, events) and the
 * generated ones (events-data, one per release), each with its folder and manifest, in
 * dependency order (a package after everything of ours it depends on or takes as a peer).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedReleases } from '../../codegen/src/generated-dir.js';
import { repoRoot } from '../../codegen/src/specs-dir.js';

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  vcenterSdk?: { output?: string };
  [field: string]: unknown;
}

export interface ReleasePackage {
  name: string;
  version: string;
  dir: string;
  manifest: Manifest;
  /** Generated: versioned from its output digest (codegen/versions.json), not by hand. */
  generated: boolean;
}

export function readManifest(dir: string): Manifest {
  const path = join(dir, 'package.json');
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message} (run \`npm run generate\` for a generated package)`);
  }
}

const HANDWRITTEN = ['runtime', 'mock', 'events'];

/** Every package of the repository (generated ones from `generatedDir`), in dependency order. */
export function listPackages(generatedDir = join(repoRoot, 'generated')): ReleasePackage[] {
  const dirs = [
    ...HANDWRITTEN.map((d) => ({ dir: join(repoRoot, d), generated: false })),
    ...(existsSync(join(generatedDir, 'events', 'package.json')) ? [{ dir: join(generatedDir, 'events'), generated: true }] : []),
    ...generatedReleases(generatedDir).map((r) => ({ dir: join(generatedDir, r), generated: true })),
  ];
  const packages = dirs.map(({ dir, generated }) => {
    const manifest = readManifest(dir);
    return { name: manifest.name, version: manifest.version, dir, manifest, generated };
  });
  return dependencyOrder(packages);
}

/** Stable topological order: each package after the packages of the set it needs. */
export function dependencyOrder(packages: ReleasePackage[]): ReleasePackage[] {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: ReleasePackage[] = [];
  const visit = (p: ReleasePackage) => {
    if (done.has(p.name)) return;
    if (visiting.has(p.name)) throw new Error(`release: ${p.name} is part of a dependency cycle`);
    visiting.add(p.name);
    const needs = { ...p.manifest.dependencies, ...p.manifest.peerDependencies };
    for (const dep of Object.keys(needs).sort()) {
      const d = byName.get(dep);
      if (d) visit(d);
    }
    visiting.delete(p.name);
    done.add(p.name);
    out.push(p);
  };
  for (const p of packages) visit(p);
  return out;
}

/**
 * `--only runtime,vsphere-8.0.2`: names with or without the scope. An unknown name is an error
 * naming the known ones.
 */
export function selectPackages(all: ReleasePackage[], only: string[] | undefined): ReleasePackage[] {
  if (!only?.length) return all;
  const full = (n: string) => (n.startsWith('@') ? n : `@vcenter-sdk/${n}`);
  const wanted = new Set(only.map(full));
  const unknown = [...wanted].filter((n) => !all.some((p) => p.name === n));
  if (unknown.length)
    throw new Error(`release: --only names no package ${unknown.join(', ')} (known: ${all.map((p) => p.name).join(', ')})`);
  return all.filter((p) => wanted.has(p.name));
}
