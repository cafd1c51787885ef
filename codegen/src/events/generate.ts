/**
 * `npm run generate`'s events step: vim25 types + per-release catalogs → generated/events/
 * (`@vcenter-sdk/events-data`). Incremental (skipped when the digest of its inputs and of
 * this generator matches the last output), atomic (built in generated/.staging/, swapped in
 * whole), deterministic (sorted, no timestamps, no absolute paths).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commitRelease, discardStaging, linkPackage, stagingDir } from '../output.js';
import { catalogNameOf, parseCatalog, versionOf, type Catalog } from './catalog.js';
import { ancestorTable, dottedIds, emitDecoders, emitDecodersDts, emitTypes } from './emit.js';
import { parseGo } from './go-types.js';
import { buildModel } from './model.js';
import { EVENTS_PACKAGE, writeEventsPackage } from './package.js';
import { sampleBody } from './samples.js';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
/** The folder name under generated/. */
export const EVENTS_DIR = 'events';

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
  catalogs: { name: string; version: string; title: string; declared: number | null; entries: number; Standard: number; EventEx: number; ExtendedEvent: number; duplicates: string[] }[];
  /** Facts about the inputs a user should know (a truncated catalog, a Standard id with no class). */
  warnings: string[];
}

export type EventsOutcome = { skipped: true; report: EventsReport } | { skipped: false; report: EventsReport; ms: number };

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function generatorDigest(rootDir: string): string {
  const h = createHash('sha256');
  for (const name of readdirSync(here).filter((n) => n.endsWith('.ts')).sort()) h.update(name).update(readFileSync(join(here, name)));
  for (const shared of ['../emit-decoders.ts', '../output.ts', '../package-files.ts']) h.update(readFileSync(join(here, shared)));
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
  const names = existsSync(catDir) ? readdirSync(catDir).filter((n) => catalogNameOf(n)).sort() : [];
  if (!names.length) throw new Error(`events: ${catDir} holds no vsphere-<release>.md catalog`);
  for (const n of names) files.set(`vcenter-events/${n}`, readFileSync(join(catDir, n)));
  return files;
}

export async function generateEvents(o: EventsGenerateOptions): Promise<EventsOutcome> {
  const started = Date.now();
  const inputs = readInputs(o.specsDir);
  const fileDigests = Object.fromEntries([...inputs.entries()].map(([n, b]) => [n, sha256(b)]));
  const digest = sha256(generatorDigest(o.rootDir) + o.version + JSON.stringify(fileDigests));
  const target = join(o.outDir, EVENTS_DIR);
  const previous = readReport(target);
  if (!o.force && previous?.inputs.digest === digest && existsSync(join(target, 'dist/index.js'))) {
    if (o.link) linkPackage(o.rootDir, target, EVENTS_PACKAGE);
    return { skipped: true, report: previous };
  }

  const go = parseGo(['types.go', 'enum.go'].map((n) => ({ name: `vim25/${n}`, text: inputs.get(`vim25/${n}`)!.toString('utf8') })));
  const model = buildModel(go);
  const catalogs: Catalog[] = [...inputs.entries()]
    .filter(([n]) => n.startsWith('vcenter-events/'))
    .map(([n, b]) => parseCatalog(n.slice('vcenter-events/'.length), b.toString('utf8')))
    .sort((a, b) => byCodeUnit(versionOf(a.name).split('.').map((x) => x.padStart(4, '0')).join('.'), versionOf(b.name).split('.').map((x) => x.padStart(4, '0')).join('.')));
  const warnings: string[] = [];
  for (const c of catalogs) {
    if (c.declared !== undefined && c.declared !== c.entries.length) {
      warnings.push(`vcenter-events/vsphere-${c.name}.md states ${c.declared} events but lists ${c.entries.length} (the file is truncated); ids it lacks are delivered as the class the body shows and reported`);
    }
    if (c.duplicates.length) warnings.push(`vcenter-events/vsphere-${c.name}.md lists ${c.duplicates.join(', ')} more than once (first row kept)`);
    const unknown = c.entries.filter((e) => e.kind === 'Standard' && !model.eventClasses.includes(e.id)).map((e) => e.id);
    if (unknown.length) warnings.push(`vcenter-events/vsphere-${c.name}.md: Standard ids with no class in types.go (typed as Event): ${unknown.join(', ')}`);
  }
  const ancestors = ancestorTable(model);
  const dotted = dottedIds(catalogs);
  const types = emitTypes(model, dotted);
  const decoders = emitDecoders(model);
  const decodersDts = emitDecodersDts(model);
  const descriptions = new Map<string, string>();
  for (const c of catalogs) for (const e of c.entries) if (e.kind === 'Standard') descriptions.set(e.id, e.description);
  const samples = Object.fromEntries(model.eventClasses.map((c) => [c, sampleBody(model, c, ancestors[c]!, descriptions.get(c) ?? c)]));
  const report: EventsReport = {
    inputs: { digest, files: fileDigests },
    counts: { types: model.types.size, eventClasses: model.eventClasses.length, enums: model.enums.size, dottedIds: dotted.size },
    catalogs: catalogs.map((c) => ({
      name: c.name,
      version: c.version,
      title: c.title,
      declared: c.declared ?? null,
      entries: c.entries.length,
      Standard: c.entries.filter((e) => e.kind === 'Standard').length,
      EventEx: c.entries.filter((e) => e.kind === 'EventEx').length,
      ExtendedEvent: c.entries.filter((e) => e.kind === 'ExtendedEvent').length,
      duplicates: c.duplicates,
    })),
    warnings,
  };
  const staged = stagingDir(o.outDir, EVENTS_DIR);
  try {
    writeEventsPackage(staged, {
      version: o.version,
      types,
      decoders,
      decodersDts,
      ancestors,
      dotted: Object.fromEntries([...dotted.entries()].map(([id, kinds]) => [id, [...kinds].sort()])),
      catalogs,
      samples,
      report,
      license: readFileSync(join(o.rootDir, 'LICENSE'), 'utf8'),
      counts: { types: model.types.size, classes: model.eventClasses.length, dotted: dotted.size },
    });
    commitRelease(staged, o.outDir, EVENTS_DIR);
  } catch (e) {
    discardStaging(staged);
    throw e;
  }
  if (o.link) linkPackage(o.rootDir, target, EVENTS_PACKAGE);
  return { skipped: false, report, ms: Date.now() - started };
}

function readReport(dir: string): EventsReport | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** One line per catalog and warning, for the generate command's output. */
export function summarizeEvents(r: EventsReport): string[] {
  return [
    `${r.counts.eventClasses} event classes, ${r.counts.types} types, ${r.counts.dottedIds} dotted ids`,
    `catalogs: ${r.catalogs.map((c) => `${c.name} ${c.entries}`).join(', ')}`,
    ...r.warnings.map((w) => `warning: ${w}`),
  ];
}
