/**
 * `npm run generate`'s events step: vim25 types + per-release catalogs → generated/events/
 * (`@vcenter-sdk/events-data`). Incremental (skipped when the digest of its inputs and of
 * this generator matches the last output: events/inputs.ts), atomic (built in generated/.staging/,
 * swapped in whole), deterministic (sorted, no timestamps, no absolute paths).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitRelease, discardStaging, linkPackage, stagingDir } from '../output.js';
import { parseCatalog, versionOf, type Catalog } from './catalog.js';
import { emitChecksModules, emitDecoders } from '../emit-decoders.js';
import { ancestorTable, dottedIds, emitTypes } from './emit.js';
import { eventSchemas } from './schemas.js';
import { parseGo } from './go-types.js';
import { checkEvents, EVENTS_DIR, type EventsGenerateOptions, type EventsOutcome, type EventsReport } from './inputs.js';
import { buildModel } from './model.js';
import { EVENTS_PACKAGE, writeEventsPackage } from './package.js';
import { sampleBody } from './samples.js';

export { EVENTS_DIR, summarizeEvents, type EventsGenerateOptions, type EventsOutcome, type EventsReport } from './inputs.js';

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function generateEvents(o: EventsGenerateOptions): Promise<EventsOutcome> {
  const started = Date.now();
  const state = checkEvents(o);
  if (state.skipped) return state;
  const { inputs, digest, fileDigests, target } = state;

  const go = parseGo(['types.go', 'enum.go'].map((n) => ({ name: `vim25/${n}`, text: inputs.get(`vim25/${n}`)!.toString('utf8') })));
  const model = buildModel(go);
  const catalogs: Catalog[] = [...inputs.entries()]
    .filter(([n]) => n.startsWith('vcenter-events/'))
    .map(([n, b]) => parseCatalog(n.slice('vcenter-events/'.length), b.toString('utf8')))
    .sort((a, b) =>
      byCodeUnit(
        versionOf(a.name)
          .split('.')
          .map((x) => x.padStart(4, '0'))
          .join('.'),
        versionOf(b.name)
          .split('.')
          .map((x) => x.padStart(4, '0'))
          .join('.'),
      ),
    );
  const warnings: string[] = [];
  for (const c of catalogs) {
    if (c.declared !== undefined && c.declared !== c.entries.length) {
      warnings.push(
        `vcenter-events/vsphere-${c.name}.md states ${c.declared} events but lists ${c.entries.length} (the file is truncated); ids it lacks are delivered as the class the body shows and reported`,
      );
    }
    if (c.duplicates.length)
      warnings.push(`vcenter-events/vsphere-${c.name}.md lists ${c.duplicates.join(', ')} more than once (first row kept)`);
    const unknown = c.entries.filter((e) => e.kind === 'Standard' && !model.eventClasses.includes(e.id)).map((e) => e.id);
    if (unknown.length)
      warnings.push(`vcenter-events/vsphere-${c.name}.md: Standard ids with no class in types.go (typed as Event): ${unknown.join(', ')}`);
  }
  const ancestors = ancestorTable(model);
  const dotted = dottedIds(catalogs);
  const types = emitTypes(model, dotted);
  const decoderInput = { schemas: eventSchemas(model), typesModule: './types.js', typesExport: 'namespace' as const };
  const decoders = emitDecoders(decoderInput);
  const checks = emitChecksModules(decoderInput).all;
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
      checks,
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
