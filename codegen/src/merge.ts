/**
 * Merges the files of one release into one OpenAPI 3.0 document, with full path keys
 * (`/rest` or `/api` prefix included): Swagger 2.0 files are merged among themselves first,
 * because they refer to each other's definitions by plain `#/definitions/X`, then repaired
 * and converted once; OpenAPI 3 files are merged after. Components other than schemas are
 * inlined (components.ts), so the merged document's `$ref`s all point at schemas.
 */
import converter from 'swagger2openapi';
import { canonicalJson } from './canonical.js';
import { SpecError, pointerOf } from './errors.js';
import type { SpecFile } from './load.js';
import { inlineComponents } from './components.js';
import { stubDanglingRefs, type RefRedirect, type UnresolvedRef } from './refs.js';

export interface MergeConflict {
  kind: 'schema' | 'operation';
  name: string;
  kept: string;
  dropped: string;
  identical: boolean;
}

export interface Merged {
  doc: OpenAPIDoc;
  unresolved: UnresolvedRef[];
  /** Dangling `$ref`s redirected to the namespace-prefixed (or unprefixed) spelling, or the component of another kind, that exists. */
  redirects: RefRedirect[];
  conflicts: MergeConflict[];
}

export type OpenAPIDoc = {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, any>; securitySchemes?: Record<string, any>; [k: string]: any };
  [k: string]: unknown;
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;

/** The path prefix a file's own keys are relative to: Swagger `basePath`, or the path of an OpenAPI 3 server URL. */
function basePathOf(file: SpecFile): string {
  let base = '';
  if (file.format === 'swagger2') base = typeof file.doc.basePath === 'string' ? file.doc.basePath : '';
  else {
    const url = file.doc.servers?.[0]?.url;
    if (typeof url === 'string') base = url.replace(/^[a-z]+:\/\/[^/]*/i, '').replace(/\{[^}]*\}/g, '');
  }
  return base.replace(/\/+$/, '');
}

/** Adds the file's operations to `paths`, prefixing keys and tagging each operation with its service. */
function mergePaths(target: Record<string, any>, file: SpecFile, origin: Map<string, string>, conflicts: MergeConflict[]) {
  const base = basePathOf(file);
  for (const [key, item] of Object.entries(file.doc.paths as Record<string, any>)) {
    if (!item || typeof item !== 'object') throw new SpecError('a path item must be an object', file.label, pointerOf(['paths', key]));
    const full = key.startsWith(`${base}/`) ? key : base + key;
    const into = (target[full] ??= {});
    for (const [k, v] of Object.entries(item)) {
      if ((METHODS as readonly string[]).includes(k)) {
        const id = `${k.toUpperCase()} ${full}`;
        if (into[k]) {
          conflicts.push({
            kind: 'operation',
            name: id,
            kept: origin.get(id)!,
            dropped: file.label,
            identical: canonicalJson(into[k]) === canonicalJson(v),
          });
          continue;
        }
        origin.set(id, file.label);
        into[k] = { ...(v as object), 'x-vcenter-service': file.service };
      } else if (k === 'parameters') {
        // Path-level parameters belong to the operations of this file only: push them down.
        for (const m of METHODS) if ((item as any)[m]) into[m] && (into[m].parameters = [...(v as any[]), ...(into[m].parameters ?? [])]);
      } else into[k] ??= v;
    }
  }
}

/**
 * vAPI speaks JSON: content declared as `*` + `/` + `*` (what swagger2openapi writes for a Swagger file
 * without `produces`, as 6.7.0's are) is JSON, named so, as the Swagger files are merged with
 * `application/json`.
 */
function jsonContent(file: SpecFile): void {
  const rename = (content: Record<string, unknown> | undefined) => {
    if (content?.['*/*'] !== undefined && content['application/json'] === undefined) {
      content['application/json'] = content['*/*'];
      delete content['*/*'];
    }
  };
  for (const item of Object.values<any>(file.doc.paths))
    for (const m of METHODS) {
      const op = item?.[m];
      if (!op) continue;
      rename(op.requestBody?.content);
      for (const r of Object.values<any>(op.responses ?? {})) rename(r?.content);
    }
}

function mergeSchemas(
  target: Record<string, any>,
  source: Record<string, any> | undefined,
  label: string,
  origin: Map<string, string>,
  conflicts: MergeConflict[],
) {
  for (const [name, schema] of Object.entries(source ?? {})) {
    if (name in target) {
      const identical = canonicalJson(target[name]) === canonicalJson(schema);
      if (!identical) conflicts.push({ kind: 'schema', name, kept: origin.get(name)!, dropped: label, identical });
      continue;
    }
    origin.set(name, label);
    target[name] = schema;
  }
}

export async function mergeRelease(release: string, files: SpecFile[]): Promise<Merged> {
  const conflicts: MergeConflict[] = [];
  const unresolved: UnresolvedRef[] = [];
  const redirects: RefRedirect[] = [];
  const swagger = files.filter((f) => f.format === 'swagger2');
  const oas3 = files.filter((f) => f.format === 'openapi3');

  const doc: OpenAPIDoc = {
    openapi: '3.0.3',
    info: { title: `vSphere Automation API ${release}`, version: release },
    paths: {},
    components: { schemas: {}, securitySchemes: {} },
  };
  const opOrigin = new Map<string, string>();
  const schemaOrigin = new Map<string, string>();

  if (swagger.length) {
    const defined = new Set(swagger.flatMap((f) => Object.keys(f.doc.definitions ?? {})));
    const definitions: Record<string, any> = {};
    const securityDefinitions: Record<string, any> = {};
    for (const f of swagger) {
      const found = stubDanglingRefs(f.doc, f.label, '#/definitions/', defined);
      unresolved.push(...found.unresolved);
      redirects.push(...found.redirects);
      mergeSchemas(definitions, f.doc.definitions, f.label, schemaOrigin, conflicts);
      for (const [n, s] of found.stubs) definitions[n] ??= s;
      Object.assign(securityDefinitions, f.doc.securityDefinitions ?? {});
    }
    const paths: Record<string, any> = {};
    for (const f of swagger) mergePaths(paths, f, opOrigin, conflicts);
    const merged = {
      swagger: '2.0',
      info: doc.info,
      host: 'vcenter',
      basePath: '/',
      schemes: ['https'],
      consumes: ['application/json'],
      produces: ['application/json'],
      paths,
      definitions,
      securityDefinitions,
    };
    let converted: any;
    try {
      // `text` given: without it swagger2openapi writes the whole document out as YAML (1 s for
      // 7.0.3), for a line count that only its validator reads, and we do not validate with it.
      const options = { patch: true, warnOnly: true, resolve: false, refSiblings: 'remove' as const, text: '(merged in memory)' };
      converted = (await converter.convertObj(merged, options)).openapi;
    } catch (e) {
      const err = e as Error & { options?: { context?: string[] } };
      const where = err.options?.context?.at(-1) ?? '';
      throw new SpecError(
        `Swagger 2.0 → OpenAPI 3 conversion failed: ${err.message}`,
        `${release}/(${swagger.map((f) => f.name).join(', ')})`,
        where.replace(/^#/, ''),
      );
    }
    // swagger2openapi shares a body parameter used by several operations as a requestBodies component.
    const found = inlineComponents(converted, `${release}/(${swagger.map((f) => f.name).join(', ')})`);
    unresolved.push(...found.unresolved);
    redirects.push(...found.redirects);
    doc.paths = converted.paths;
    doc.components.schemas = converted.components?.schemas ?? {};
    for (const [n, s] of found.stubs) doc.components.schemas[n] ??= s;
    doc.components.securitySchemes = converted.components?.securitySchemes ?? {};
  }

  if (oas3.length) {
    const defined = new Set([...Object.keys(doc.components.schemas), ...oas3.flatMap((f) => Object.keys(f.doc.components?.schemas ?? {}))]);
    const stubs = new Map<string, object>();
    for (const f of oas3) {
      const found = inlineComponents(f.doc, f.label, defined);
      unresolved.push(...found.unresolved);
      redirects.push(...found.redirects);
      for (const [n, s] of found.stubs) stubs.set(n, s);
      jsonContent(f);
    }
    for (const n of stubs.keys()) defined.add(n);
    for (const [n, s] of stubs) doc.components.schemas[n] ??= s;
    for (const f of oas3) {
      const found = stubDanglingRefs(f.doc, f.label, '#/components/schemas/', defined);
      unresolved.push(...found.unresolved);
      redirects.push(...found.redirects);
      mergeSchemas(doc.components.schemas, f.doc.components?.schemas, f.label, schemaOrigin, conflicts);
      for (const [n, s] of found.stubs) doc.components.schemas[n] ??= s;
      if (f.doc.components?.securitySchemes)
        doc.components.securitySchemes = { ...f.doc.components.securitySchemes, ...doc.components.securitySchemes };
      mergePaths(doc.paths, f, opOrigin, conflicts);
    }
  }
  // Sorted: the converter moves the schemas it renames (`$` → `_`) to the end, so the input's
  // order would depend on whether the release came as Swagger 2.0 or as OpenAPI 3.
  doc.components.schemas = Object.fromEntries(Object.entries(doc.components.schemas).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { doc, unresolved, redirects, conflicts };
}
