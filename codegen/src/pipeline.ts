/**
 * One release, start to finish: load → fix → merge → operation table → views → types →
 * decoders → package, built in a staging folder and swapped in whole.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emitDecoders, emitDecodersDts } from './emit-decoders.js';
import { packageName, writePackage } from './emit-package.js';
import { emitTypes } from './emit-types.js';
import { inputDigest } from './fingerprint.js';
import { parseRelease, readRelease, type SpecFile } from './load.js';
import { mergeRelease } from './merge.js';
import { buildOperationTable } from './operations.js';
import { commitRelease, discardStaging, linkPackage, stagingDir } from './output.js';
import { applyPatch, type SpecRegistry } from './registry.js';
import { alignPathParameters, liftFixedQuery } from './repairs.js';
import { buildReport, type Report } from './report.js';
import { clientView, mockView } from './views.js';

export interface GenerateOptions {
  specsDir: string;
  outDir: string;
  rootDir: string;
  registry: SpecRegistry;
  runtimeVersion: string;
  force?: boolean;
  /** Link node_modules/@vcenter-sdk/vsphere-<release> to the output (only for the repository's own generated/). */
  link?: boolean;
  /** Called when a stage starts, so a user sees what takes time. */
  onStage?: (release: string, stage: string) => void;
}

export type ReleaseOutcome = { release: string; skipped: true; report: Report } | { release: string; skipped: false; report: Report; ms: number };

export async function generateRelease(release: string, o: GenerateOptions): Promise<ReleaseOutcome> {
  const stage = (s: string) => o.onStage?.(release, s);
  const started = Date.now();
  stage('load');
  const raw = readRelease(o.specsDir, release);
  const fixes = o.registry.fixes(release);
  // The recorded digests are an input too: recording a release must refresh its report.
  const notes = o.registry.notes(release);
  const digest = inputDigest(raw, [JSON.stringify(o.registry.read()[release] ?? null), ...fixes.map((f) => f.text), notes ?? '']);
  const target = join(o.outDir, release);
  const previous = readPreviousReport(target);
  if (!o.force && previous?.inputs.digest === digest && existsSync(join(target, 'dist/index.js'))) {
    if (o.link) linkPackage(o.rootDir, target, packageName(release));
    return { release, skipped: true, report: previous };
  }

  stage('parse');
  const files = parseRelease(raw);
  const digests = o.registry.checkDigests(release, files);
  const inputSchemas = new Set(files.flatMap((f) => Object.keys(f.doc.definitions ?? f.doc.components?.schemas ?? {}))).size;
  const { applied, merged, repairs, table, client } = await transformRelease(release, files, fixes, stage);
  stage('types');
  const types = await emitTypes(client);
  stage('decoders');
  const decoderInput = { schemas: client.components.schemas, typesModule: './types.js' };
  const decoders = emitDecoders(decoderInput);
  const decodersDts = emitDecodersDts(decoderInput);
  const report = buildReport({ release, files, digest, digests, applied, repairs, merged, table, inputSchemas });

  stage('write');
  const staged = stagingDir(o.outDir, release);
  try {
    writePackage(staged, {
      release,
      runtimeVersion: o.runtimeVersion,
      types,
      decoders,
      decodersDts,
      operations: table.operations,
      license: readFileSync(join(o.rootDir, 'LICENSE'), 'utf8'),
      notes,
      data: {
        'openapi.json': merged.doc,
        'openapi.mock.json': mockView(merged.doc),
        'operations.json': table.operations,
        'report.json': report,
      },
    });
    commitRelease(staged, o.outDir, release);
  } catch (e) {
    discardStaging(staged);
    throw e;
  }
  if (o.link) linkPackage(o.rootDir, target, packageName(release));
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
  const repairs = [...liftFixedQuery(merged.doc), ...alignPathParameters(merged.doc)];
  stage('operations');
  const table = buildOperationTable(release, merged.doc);
  const client = clientView(merged.doc, table.operations);
  return { applied, merged, repairs, table, client };
}

function readPreviousReport(dir: string): Report | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  } catch {
    return undefined;
  }
}
