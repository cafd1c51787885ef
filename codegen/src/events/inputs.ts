/**
 * What the events package is generated from, and whether its last output is still current:
 * the inputs' digests against report.json. Kept apart from the generator so that `generate`
 * can tell "up to date" without loading it (TypeScript comes with the generator).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentOutput } from '../output.js';
import { catalogNameOf } from './catalog.js';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
/** The folder name under generated/. */
export const EVENTS_DIR = 'events';
/** The package name of generated/events. */
export const EVENTS_PACKAGE = '@vcenter-sdk/events-data';

export interface EventsGenerateOptions {
  /** Holds vim25/ (types.go, enum.go) and vcenter-events/ (vsphere-<release>.md). */
  specsDir: string;
  outDir: string;
  rootDir: string;
  version: string;
  force?: boolean;
  link?: boolean;
}

export interface EventsReport {
  inputs: { digest: string; files: Record<string, string> };
  counts: { types: number; eventClasses: number; enums: number; dottedIds: number };
  catalogs: {
    name: string;
    version: string;
    title: string;
    declared: number | null;
    entries: number;
    Standard: number;
    EventEx: number;
    ExtendedEvent: number;
    duplicates: string[];
  }[];
  /** Facts about the inputs a user should know (a truncated catalog, a Standard id with no class). */
  warnings: string[];
}

export type EventsOutcome = { skipped: true; report: EventsReport } | { skipped: false; report: EventsReport; ms: number };

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

function generatorDigest(rootDir: string): string {
  const h = createHash('sha256');
  for (const name of readdirSync(here)
    .filter((n) => n.endsWith('.ts'))
    .sort())
    h.update(name).update(readFileSync(join(here, name)));
  for (const name of ['emit-decoders.ts', 'output.ts', 'package-files.ts']) h.update(readFileSync(join(here, '..', name)));
  h.update(readFileSync(join(rootDir, 'LICENSE')));
  for (const p of ['ts-morph', 'typescript']) h.update(`${p}@${require(`${p}/package.json`).version}`);
  return h.digest('hex');
}

function readInputs(specsDir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of ['types.go', 'enum.go']) {
    const path = join(specsDir, 'vim25', name);
    if (!existsSync(path)) throw new Error(`events: ${path} is missing (the vim25 data model: govmomi's types.go and enum.go)`);
    files.set(`vim25/${name}`, readFileSync(path));
  }
  const catDir = join(specsDir, 'vcenter-events');
  const names = existsSync(catDir)
    ? readdirSync(catDir)
        .filter((n) => catalogNameOf(n))
        .sort()
    : [];
  if (!names.length) throw new Error(`events: ${catDir} holds no vsphere-<release>.md catalog`);
  for (const n of names) files.set(`vcenter-events/${n}`, readFileSync(join(catDir, n)));
  return files;
}

/** The inputs and digest of a generation, or the last output's outcome when it is still current. */
export type EventsState =
  | { skipped: true; report: EventsReport }
  | { skipped: false; inputs: Map<string, Buffer>; digest: string; fileDigests: Record<string, string>; target: string };

export function checkEvents(o: EventsGenerateOptions): EventsState {
  const inputs = readInputs(o.specsDir);
  const fileDigests = Object.fromEntries([...inputs.entries()].map(([n, b]) => [n, sha256(b)]));
  const digest = sha256(generatorDigest(o.rootDir) + o.version + JSON.stringify(fileDigests));
  const target = join(o.outDir, EVENTS_DIR);
  const report = currentOutput<EventsReport>(target, digest, o, EVENTS_PACKAGE);
  return report ? { skipped: true, report } : { skipped: false, inputs, digest, fileDigests, target };
}

/** One line per catalog and warning, for the generate command's output. */
export function summarizeEvents(r: EventsReport): string[] {
  return [
    `${r.counts.eventClasses} event classes, ${r.counts.types} types, ${r.counts.dottedIds} dotted ids`,
    `catalogs: ${r.catalogs.map((c) => `${c.name} ${c.entries}`).join(', ')}`,
    ...r.warnings.map((w) => `warning: ${w}`),
  ];
}
