/**
 * One release, start to finish: load → fix → merge → operation table → views → types →
 * decoders → package, built in a staging folder and swapped in whole.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decideBodies } from './bodies.js';
import { emitChecksModules, emitDecoders } from './emit-decoders.js';
import { resultGroups } from './result-groups.js';
import { writePackage } from './emit-package.js';
import { emitTypes } from './emit-types.js';
import { checkRelease, type FreshnessOptions } from './freshness.js';
import { parseRelease, type SpecFile } from './load.js';
import { mergeRelease } from './merge.js';
import { buildOperationTable } from './operations.js';
import { commitRelease, discardStaging, linkPackage, packageName, stagingDir } from './output.js';
import { applyPatch, type SpecRegistry } from './registry.js';
import { alignPathParameters, liftFixedQuery } from './repairs.js';
import { assertResolved, buildReport, type Report } from './report.js';
import { clientView, responsesView } from './views.js';

export interface GenerateOptions extends FreshnessOptions {
  runtimeVersion: string;
  /** Called when a stage starts, so a user sees what takes time. */
  onStage?: (release: string, stage: string) => void;
  /** A `$ref` that resolves nowhere fails the release (`generate --strict`). */
  strict?: boolean;
}

export type ReleaseOutcome =
  | { release: string; skipped: true; report: Report }
  | { release: string; skipped: false; report: Report; ms: number };

export async function generateRelease(release: string, o: GenerateOptions): Promise<ReleaseOutcome> {
  const stage = (s: string) => o.onStage?.(release, s);
  const started = Date.now();
  stage('load');
  const state = checkRelease(release, o);
  if (state.skipped && o.strict) assertResolved(state.report);
  if (state.skipped) return { release, ...state };
  const { raw, digest, fixes, notes } = state;

  stage('parse');
  const files = parseRelease(raw);
  const digests = o.registry.checkDigests(release, files);
  const inputSchemas = new Set(files.flatMap((f) => Object.keys(f.doc.definitions ?? f.doc.components?.schemas ?? {}))).size;
  const { applied, merged, repairs, table, client } = await transformRelease(release, files, fixes, stage);
  stage('types');
  const types = emitTypes(client);
  stage('decoders');
  const decoderInput = { schemas: client.components.schemas, typesModule: './types.js' };
  const decoders = emitDecoders(decoderInput);
  const checks = emitChecksModules(decoderInput, resultGroups(table.operations));
  const report = buildReport({ release, files, digest, digests, applied, repairs, merged, table, inputSchemas });
  if (o.strict) assertResolved(report);

  stage('write');
  const staged = stagingDir(o.outDir, release);
  try {
    writePackage(staged, {
      release,
      runtimeVersion: o.runtimeVersion,
      types,
      decoders,
      checks,
      operations: table.operations,
      license: readFileSync(join(o.rootDir, 'LICENSE'), 'utf8'),
      notes,
      data: {
        'openapi.json': merged.doc,
        'responses.json': responsesView(merged.doc),
        'operations.json': table.operations,
        'report.json': report,
      },
    });
    commitRelease(staged, o.outDir, release);
  } catch (e) {
    discardStaging(staged);
    throw e;
  }
  if (o.link) linkPackage(o.rootDir, join(o.outDir, release), packageName(release));
  return { release, skipped: false, report, ms: Date.now() - started };
}

/**
 * The documents of a release, from its parsed files: fix → merge → repairs → operation table →
 * client view. No input or output: what it does to the files is what generation does.
 */
export async function transformRelease(
  release: string,
  files: SpecFile[],
  fixes: ReturnType<SpecRegistry['fixes']>,
  stage: (s: string) => void = () => undefined,
) {
  stage('fix');
  const applied = fixes.flatMap((fx) => {
    const file = files.find((f) => f.name === fx.target);
    if (!file) throw new Error(`${fx.source}: fixes ${fx.target}, which release ${release} does not have`);
    return applyPatch(file.doc, fx.ops, fx.source, file.label);
  });
  stage('merge');
  const merged = await mergeRelease(release, files);
  const repairs = [...liftFixedQuery(merged.doc), ...alignPathParameters(merged.doc), ...decideBodies(merged.doc)];
  stage('operations');
  const table = buildOperationTable(release, merged.doc);
  const client = clientView(merged.doc, table.operations);
  return { applied, merged, repairs, table, client };
}
