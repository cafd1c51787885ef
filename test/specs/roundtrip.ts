/**
 * The round trip of a metamodel pull: the committed spec files and the files a metamodel pull
 * wrote, each through the generator's own transform (load, fix, merge, repairs, operation
 * table), compared operation by operation: name, method, path, parameters, task variant, and
 * the request body and result types, resolved structurally ($refs followed, descriptions
 * dropped). Every difference gets the reason that explains it, from a table of known causes.
 */
import { join } from 'node:path';
import { parseRelease, readRelease } from '../../codegen/src/load.js';
import { transformRelease } from '../../codegen/src/pipeline.js';
import { SpecRegistry } from '../../codegen/src/registry.js';
import type { OperationSpec } from '@vcenter-sdk/runtime/descriptor';
import { REPO_ROOT } from '../support/paths.js';

export interface Difference {
  operation: string;
  aspect: 'missing' | 'extra' | 'method' | 'path' | 'parameters' | 'task' | 'body' | 'result';
  committed?: string;
  pulled?: string;
  reason?: string;
}

/** Whether a fix's path key is this operation's path: the key may lack the file's basePath (6.7.0's `/rest`). */
function pathOfFix(pathname: string | undefined, key: string | undefined): boolean {
  const bare = key?.split('?')[0];
  return pathname !== undefined && bare !== undefined && (pathname === bare || pathname === `/rest${bare}`);
}

/** What a reason may look at: the committed operation, the release's fixes, whether types differ only in how maps are written. */
interface Evidence {
  op?: OperationSpec;
  fixes: { file: string; pointer: string; reason?: string }[];
  sameUpToMaps: boolean;
}

const unpointer = (s: string) => s.replaceAll('~1', '/').replaceAll('~0', '~');

/** Known causes of a difference, first match wins; a difference none explains fails the round trip. */
const REASONS: { why: (d: Difference, e: Evidence) => string | undefined }[] = [
  {
    why: (d, e) =>
      (d.aspect === 'parameters' || d.aspect === 'body') && e.op?.bodyMediaType === 'application/x-www-form-urlencoded'
        ? "form parameters (application/x-www-form-urlencoded, the OAuth token exchange): the metamodel mapping VMware's generator reads has no form fields, so they come back as query parameters"
        : undefined,
  },
  {
    why: (d) =>
      (d.committed ?? '').includes('"type":"opaque"')
        ? "VMware's file types a field `opaque`, which is no JSON Schema type; the metamodel's OPAQUE comes back as `object`"
        : undefined,
  },
  {
    why: (d, e) => {
      // A fix that adds the type this difference is about, else one of the operation's path.
      const at = (f: Evidence['fixes'][number]) => f.pointer.split('/').map(unpointer);
      const fix =
        e.fixes.find((f) => at(f)[1] === 'definitions' && (d.committed ?? '').startsWith(`${at(f)[2]} `)) ??
        e.fixes.find((f) => at(f)[1] === 'paths' && pathOfFix(e.op?.pathname, at(f)[2]));
      return fix
        ? `specs/fixes/${fix.file}: ${fix.reason ?? 'a fix'}; the mock's metamodel is built from VMware's file as published, without it`
        : undefined;
    },
  },
  {
    why: (_d, e) =>
      e.sameUpToMaps
        ? "this release's /api operation refers to the /rest rendering of its type (maps as lists of {key, value}); a metamodel has one type, which /api renders with maps as objects"
        : undefined,
  },
];

/** `/rest`'s map rendering, a list of `{key, value}`, as `/api` writes a map: what the two agree on. */
function mapsAsObjects(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(mapsAsObjects);
  if (!value || typeof value !== 'object') return value;
  const o = value as Record<string, any>;
  const item = o.items;
  if (o.type === 'array' && item?.type === 'object' && item.properties && Object.keys(item.properties).sort().join() === 'key,value')
    return { additionalProperties: mapsAsObjects(item.properties.value), type: 'object' };
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, mapsAsObjects(v)]));
}

export interface RoundTrip {
  release: string;
  operations: number;
  /** Operations equal in every aspect compared. */
  equal: number;
  differences: Difference[];
}

type Schemas = Record<string, unknown>;

async function table(dir: string, release: string, withFixes: boolean) {
  const files = parseRelease(readRelease(dir, release));
  const fixes = withFixes ? new SpecRegistry(join(REPO_ROOT, 'specs')).fixes(release) : [];
  const { table, merged } = await transformRelease(release, files, fixes);
  return { ops: new Map(table.operations.map((o) => [o.name, o])), schemas: merged.doc.components.schemas as Schemas };
}

const DROP = new Set(['description', 'summary', 'title', 'example', 'externalDocs']);

/** A schema with every $ref resolved (a cycle marked by name) and no documentation: what a type is, not what it is called. */
function shape(schemas: Schemas, value: unknown, seen: string[] = []): unknown {
  if (Array.isArray(value)) return value.map((v) => shape(schemas, v, seen));
  if (!value || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  if (typeof o.$ref === 'string') {
    const name = o.$ref.slice(o.$ref.lastIndexOf('/') + 1);
    if (seen.includes(name) || seen.length > 12) return { cycle: true };
    return shape(schemas, schemas[name] ?? { dangling: true }, [...seen, name]);
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) {
    if (DROP.has(k) || k.startsWith('x-')) continue;
    out[k] = k === 'required' && Array.isArray(o[k]) ? [...(o[k] as string[])].sort() : shape(schemas, o[k], seen);
  }
  return out;
}

const typeOf = (schemas: Schemas, name: string | undefined): string =>
  name === undefined ? '(none)' : JSON.stringify(shape(schemas, { $ref: `#/${name}` }));
const params = (op: OperationSpec): string =>
  op.parameters
    .map((p) => `${p.in}:${p.name}${p.required ? '' : '?'}`)
    .sort()
    .join(' ');

export async function roundTrip(release: string, pulledDir: string): Promise<RoundTrip> {
  const a = await table(join(REPO_ROOT, 'specs', 'vsphere'), release, true);
  const b = await table(pulledDir, release, false);
  const fixes = new SpecRegistry(join(REPO_ROOT, 'specs'))
    .fixes(release)
    .flatMap((f) =>
      f.ops.map((o) => ({ file: `${release}/${f.target}.patch.json`, pointer: o.path, ...(o.reason ? { reason: o.reason } : {}) })),
    )
    .filter((f) => f.reason);
  const differences: Difference[] = [];
  let op: OperationSpec | undefined;
  let sameUpToMaps = false;
  const add = (d: Difference) => {
    const e: Evidence = { ...(op ? { op } : {}), fixes, sameUpToMaps };
    const reason = REASONS.map((r) => r.why(d, e)).find(Boolean);
    differences.push({ ...d, ...(reason ? { reason } : {}) });
    sameUpToMaps = false;
  };
  for (const [name, committed] of a.ops) {
    op = committed;
    const p = b.ops.get(name);
    if (!p) {
      add({ operation: name, aspect: 'missing', committed: `${committed.method} ${committed.path}` });
      continue;
    }
    if (committed.method !== p.method) add({ operation: name, aspect: 'method', committed: committed.method, pulled: p.method });
    if (committed.path !== p.path) add({ operation: name, aspect: 'path', committed: committed.path, pulled: p.path });
    if (params(committed) !== params(p)) add({ operation: name, aspect: 'parameters', committed: params(committed), pulled: params(p) });
    if (committed.async !== p.async || committed.syncTwin !== p.syncTwin)
      add({ operation: name, aspect: 'task', committed: `${committed.async} ${committed.syncTwin}`, pulled: `${p.async} ${p.syncTwin}` });
    for (const aspect of ['body', 'result'] as const) {
      const x = typeOf(a.schemas, committed[aspect]);
      const y = typeOf(b.schemas, p[aspect]);
      sameUpToMaps =
        x !== y &&
        JSON.stringify(mapsAsObjects(JSON.parse(x === '(none)' ? 'null' : x))) ===
          JSON.stringify(mapsAsObjects(JSON.parse(y === '(none)' ? 'null' : y)));
      if (x !== y) add({ operation: name, aspect, committed: `${committed[aspect]} ${x}`, pulled: `${p[aspect]} ${y}` });
    }
  }
  op = undefined;
  for (const [name, p] of b.ops) if (!a.ops.has(name)) add({ operation: name, aspect: 'extra', pulled: `${p.method} ${p.path}` });
  const differing = new Set(differences.map((d) => d.operation));
  return { release, operations: a.ops.size, equal: [...a.ops.keys()].filter((n) => !differing.has(n)).length, differences };
}
