/**
 * What changed from one release to another, as data: operations added and removed (by
 * name), operations whose request or result changed, schemas added, removed or changed
 * (fields added, removed, made required or optional, retyped; enum values added and removed).
 *
 * Pure: takes what two releases' `operations.json` and `openapi.json` hold, returns a
 * structured diff. Knows nothing of files, HTTP or the command line.
 *
 * Schemas are compared by name, with `$ref`s read as the name they point to: a schema is
 * changed when its own fields changed, never because a schema it refers to changed (no
 * cascade through every referencing schema). An operation's request or result counts as
 * changed when it names another schema, or when the schema it names directly changed.
 */
import type { OperationSpec, ParameterSpec } from '@vcenter-sdk/runtime/descriptor';

/** A JSON Schema object of the normalized OpenAPI 3.0 document (the subset codegen emits). */
export type Schema = Record<string, any>;

/** What the diff reads from one release. `paths` is optional: with it, scalar parameter types are compared too. */
export interface ReleaseSnapshot {
  release: string;
  operations: readonly OperationSpec[];
  openapi: { components?: { schemas?: Record<string, Schema> }; paths?: Record<string, any> };
}

export interface OperationRef {
  name: string;
  method: string;
  path: string;
}

/** One change of an operation's request or result. `from` / `to` are absent when the side has nothing. */
export type OperationChangeItem =
  | { kind: 'body'; from?: string; to?: string }
  | { kind: 'body-required'; from: boolean; to: boolean }
  | { kind: 'body-schema'; schema: string }
  | { kind: 'parameter-added'; name: string; in: string; required: boolean; type: string }
  | { kind: 'parameter-removed'; name: string; in: string }
  | { kind: 'parameter-required'; name: string; in: string; from: boolean; to: boolean }
  | { kind: 'parameter-moved'; name: string; from: string; to: string }
  | { kind: 'parameter-retyped'; name: string; in: string; from: string; to: string }
  | { kind: 'parameter-schema'; name: string; in: string; schema: string }
  | { kind: 'result'; from?: string; to?: string }
  | { kind: 'result-schema'; schema: string }
  | { kind: 'method-path'; from: string; to: string };

export interface OperationChange extends OperationRef {
  /** Changes of the request: body schema, body required, parameters. */
  request: OperationChangeItem[];
  /** Changes of the result. */
  result: OperationChangeItem[];
  /** Method or path changed (only when a name was kept for another method + path). */
  other: OperationChangeItem[];
}

export interface FieldAdded {
  field: string;
  type: string;
  required: boolean;
}

export interface SchemaChange {
  name: string;
  /** The schema itself is of another kind or type: `object` → `VcenterVMSummary[]`. */
  retyped?: { from: string; to: string };
  fieldsAdded: FieldAdded[];
  fieldsRemoved: { field: string; type: string }[];
  madeRequired: string[];
  madeOptional: string[];
  fieldsRetyped: { field: string; from: string; to: string }[];
  /** `field` is absent for the schema's own enum, set for an inline enum of a field. */
  enumAdded: { field?: string; values: string[] }[];
  enumRemoved: { field?: string; values: string[] }[];
}

export interface ReleaseDiff {
  from: string;
  to: string;
  operations: { added: OperationRef[]; removed: OperationRef[]; changed: OperationChange[] };
  schemas: { added: string[]; removed: string[]; changed: SchemaChange[] };
}

/** Code-unit order: the same on every machine and locale. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const REF_PREFIX = '#/components/schemas/';

/** `#/components/schemas/Foo` → `Foo`; other refs are kept whole. */
export function refName(ref: string): string {
  return ref.startsWith(REF_PREFIX) ? decodeURIComponent(ref.slice(REF_PREFIX.length)).replaceAll('~1', '/').replaceAll('~0', '~') : ref;
}

/**
 * A short structural type text: `$ref`s by name, arrays as `T[]`, maps as `Record<string, T>`,
 * inline objects as `object` (their fields are compared one by one), formats in parentheses.
 */
export function typeText(s: Schema | undefined): string {
  if (!s || typeof s !== 'object') return 'any';
  let t: string;
  if (typeof s.$ref === 'string') t = refName(s.$ref);
  else if (Array.isArray(s.allOf)) t = s.allOf.map(typeText).join(' & ');
  else if (Array.isArray(s.oneOf)) t = s.oneOf.map(typeText).join(' | ');
  else if (Array.isArray(s.anyOf)) t = s.anyOf.map(typeText).join(' | ');
  else if (s.type === 'array') t = `${wrap(typeText(s.items))}[]`;
  else if (s.type === 'object' || s.properties || s.additionalProperties !== undefined) {
    const ap = s.additionalProperties;
    if (s.properties && Object.keys(s.properties).length) t = 'object';
    else if (ap && typeof ap === 'object') t = `Record<string, ${typeText(ap)}>`;
    else if (ap === true) t = 'Record<string, any>';
    else t = 'object';
  } else if (typeof s.type === 'string') t = s.format ? `${s.type}(${s.format})` : s.type;
  else if (Array.isArray(s.enum)) t = 'enum';
  else t = 'any';
  if (Array.isArray(s.enum) && t !== 'enum') t = `${t} enum`;
  if (s.nullable === true) t = `${t} | null`;
  return t;
}

const wrap = (t: string) => (/[ |&]/.test(t) && !t.startsWith('Record<') ? `(${t})` : t);

interface FieldInfo {
  schema: Schema;
  required: boolean;
}

/**
 * The fields of a schema, flattened: inline object fields as `a.b`, fields of inline objects in
 * arrays as `a[].b`, of inline map values as `a{}.b`. Referenced schemas are not entered.
 */
function fieldsOf(s: Schema, prefix = '', out = new Map<string, FieldInfo>()): Map<string, FieldInfo> {
  if (!s || typeof s !== 'object' || typeof s.$ref === 'string') return out;
  if (Array.isArray(s.allOf)) for (const part of s.allOf) fieldsOf(part, prefix, out);
  const required = new Set<string>(Array.isArray(s.required) ? s.required : []);
  for (const [name, prop] of Object.entries<Schema>(s.properties ?? {})) {
    const path = prefix + name;
    out.set(path, { schema: prop, required: required.has(name) });
    enterInline(prop, path, out);
  }
  return out;
}

function enterInline(s: Schema, path: string, out: Map<string, FieldInfo>): void {
  if (!s || typeof s !== 'object' || typeof s.$ref === 'string') return;
  if (s.properties) fieldsOf(s, `${path}.`, out);
  else if (s.type === 'array' && s.items) enterInline(s.items, `${path}[]`, out);
  else if (s.additionalProperties && typeof s.additionalProperties === 'object') enterInline(s.additionalProperties, `${path}{}`, out);
}

/** The enum values of a schema, as text (`null` and numbers included, in JSON form when not strings). */
function enumValues(s: Schema | undefined): string[] | undefined {
  if (!s || !Array.isArray(s.enum)) return undefined;
  return s.enum.map((v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v)));
}

function setDiff(a: string[], b: string[]): { added: string[]; removed: string[] } {
  const A = new Set(a);
  const B = new Set(b);
  return { added: b.filter((v) => !A.has(v)).sort(byText), removed: a.filter((v) => !B.has(v)).sort(byText) };
}

/** Compares one schema present in both releases; `undefined` when nothing structural changed. */
export function diffSchema(name: string, a: Schema, b: Schema): SchemaChange | undefined {
  const c: SchemaChange = {
    name,
    fieldsAdded: [],
    fieldsRemoved: [],
    madeRequired: [],
    madeOptional: [],
    fieldsRetyped: [],
    enumAdded: [],
    enumRemoved: [],
  };
  const ta = typeText(a);
  const tb = typeText(b);
  if (ta !== tb) c.retyped = { from: ta, to: tb };

  const ea = enumValues(a);
  const eb = enumValues(b);
  if (ea || eb) {
    const d = setDiff(ea ?? [], eb ?? []);
    if (d.added.length) c.enumAdded.push({ values: d.added });
    if (d.removed.length) c.enumRemoved.push({ values: d.removed });
  }

  const fa = fieldsOf(a);
  const fb = fieldsOf(b);
  for (const field of [...new Set([...fa.keys(), ...fb.keys()])].sort(byText)) {
    const x = fa.get(field);
    const y = fb.get(field);
    if (!x && y) {
      // A field inside a field that is itself new says nothing more than its parent.
      if (!isInsideAdded(field, fa)) c.fieldsAdded.push({ field, type: typeText(y.schema), required: y.required });
      continue;
    }
    if (x && !y) {
      if (!isInsideAdded(field, fb)) c.fieldsRemoved.push({ field, type: typeText(x.schema) });
      continue;
    }
    if (!x || !y) continue;
    if (!x.required && y.required) c.madeRequired.push(field);
    if (x.required && !y.required) c.madeOptional.push(field);
    const tx = typeText(x.schema);
    const ty = typeText(y.schema);
    if (tx !== ty) c.fieldsRetyped.push({ field, from: tx, to: ty });
    const ex = enumValues(x.schema);
    const ey = enumValues(y.schema);
    if (ex || ey) {
      const d = setDiff(ex ?? [], ey ?? []);
      if (d.added.length) c.enumAdded.push({ field, values: d.added });
      if (d.removed.length) c.enumRemoved.push({ field, values: d.removed });
    }
  }
  const changed =
    c.retyped ||
    c.fieldsAdded.length ||
    c.fieldsRemoved.length ||
    c.madeRequired.length ||
    c.madeOptional.length ||
    c.fieldsRetyped.length ||
    c.enumAdded.length ||
    c.enumRemoved.length;
  return changed ? c : undefined;
}

/** True when a parent of `field` (`a` of `a.b`, `a[]` of `a[].b`) is absent from the other side. */
function isInsideAdded(field: string, other: Map<string, FieldInfo>): boolean {
  const m = /^(.*?)(?:\[\]|\{\})*\.[^.]+$/.exec(field);
  if (!m) return false;
  const parent = m[1]!;
  return !other.has(parent) || isInsideAdded(parent, other);
}

/** The type text of a parameter: its schema name, else the scalar type from the OpenAPI paths, else `any`. */
function parameterType(p: ParameterSpec, op: OperationSpec, paths: Record<string, any> | undefined): string {
  if (p.schema) return p.schema;
  const item = paths?.[op.path]?.[op.method.toLowerCase()];
  const params: any[] = [...(paths?.[op.path]?.parameters ?? []), ...(item?.parameters ?? [])];
  const found = params.find((q) => q && q.name === p.name && q.in === p.in);
  return found ? typeText(found.schema ?? found) : 'any';
}

function diffOperation(
  a: OperationSpec,
  b: OperationSpec,
  A: ReleaseSnapshot,
  B: ReleaseSnapshot,
  changedSchemas: Set<string>,
): OperationChange | undefined {
  const request: OperationChangeItem[] = [];
  const result: OperationChangeItem[] = [];
  const other: OperationChangeItem[] = [];

  if (a.method !== b.method || a.path !== b.path)
    other.push({ kind: 'method-path', from: `${a.method} ${a.path}`, to: `${b.method} ${b.path}` });

  if (a.body !== b.body) request.push({ kind: 'body', ...(a.body ? { from: a.body } : {}), ...(b.body ? { to: b.body } : {}) });
  else if (b.body && changedSchemas.has(b.body)) request.push({ kind: 'body-schema', schema: b.body });
  if (a.body && b.body && !!a.bodyRequired !== !!b.bodyRequired)
    request.push({ kind: 'body-required', from: !!a.bodyRequired, to: !!b.bodyRequired });

  const pa = new Map(a.parameters.map((p) => [p.name, p]));
  const pb = new Map(b.parameters.map((p) => [p.name, p]));
  for (const name of [...new Set([...pa.keys(), ...pb.keys()])].sort(byText)) {
    const x = pa.get(name);
    const y = pb.get(name);
    if (!x && y)
      request.push({ kind: 'parameter-added', name, in: y.in, required: y.required, type: parameterType(y, b, B.openapi.paths) });
    else if (x && !y) request.push({ kind: 'parameter-removed', name, in: x.in });
    else if (x && y) {
      if (x.in !== y.in) request.push({ kind: 'parameter-moved', name, from: x.in, to: y.in });
      if (x.required !== y.required) request.push({ kind: 'parameter-required', name, in: y.in, from: x.required, to: y.required });
      const tx = parameterType(x, a, A.openapi.paths);
      const ty = parameterType(y, b, B.openapi.paths);
      if (tx !== ty) request.push({ kind: 'parameter-retyped', name, in: y.in, from: tx, to: ty });
      else if (y.schema && changedSchemas.has(y.schema)) request.push({ kind: 'parameter-schema', name, in: y.in, schema: y.schema });
    }
  }

  if (a.result !== b.result)
    result.push({ kind: 'result', ...(a.result ? { from: a.result } : {}), ...(b.result ? { to: b.result } : {}) });
  else if (b.result && changedSchemas.has(b.result)) result.push({ kind: 'result-schema', schema: b.result });

  if (!request.length && !result.length && !other.length) return undefined;
  return { name: b.name, method: b.method, path: b.path, request, result, other };
}

const refOf = (o: OperationSpec): OperationRef => ({ name: o.name, method: o.method, path: o.path });

/** The changes from release `a` to release `b`. Every list is sorted by name, so the result is deterministic. */
export function diffReleases(a: ReleaseSnapshot, b: ReleaseSnapshot): ReleaseDiff {
  const sa = a.openapi.components?.schemas ?? {};
  const sb = b.openapi.components?.schemas ?? {};
  const schemaNames = [...new Set([...Object.keys(sa), ...Object.keys(sb)])].sort(byText);
  const schemas: ReleaseDiff['schemas'] = { added: [], removed: [], changed: [] };
  for (const name of schemaNames) {
    const x = sa[name];
    const y = sb[name];
    if (!x && y) schemas.added.push(name);
    else if (x && !y) schemas.removed.push(name);
    else if (x && y) {
      const c = diffSchema(name, x, y);
      if (c) schemas.changed.push(c);
    }
  }
  const changedSchemas = new Set(schemas.changed.map((c) => c.name));

  const oa = new Map(a.operations.map((o) => [o.name, o]));
  const ob = new Map(b.operations.map((o) => [o.name, o]));
  const operations: ReleaseDiff['operations'] = { added: [], removed: [], changed: [] };
  for (const name of [...new Set([...oa.keys(), ...ob.keys()])].sort(byText)) {
    const x = oa.get(name);
    const y = ob.get(name);
    if (!x && y) operations.added.push(refOf(y));
    else if (x && !y) operations.removed.push(refOf(x));
    else if (x && y) {
      const c = diffOperation(x, y, a, b, changedSchemas);
      if (c) operations.changed.push(c);
    }
  }
  return { from: a.release, to: b.release, operations, schemas };
}

/** True when the diff holds no change at all. */
export function isEmptyDiff(d: ReleaseDiff): boolean {
  return !(
    d.operations.added.length ||
    d.operations.removed.length ||
    d.operations.changed.length ||
    d.schemas.added.length ||
    d.schemas.removed.length ||
    d.schemas.changed.length
  );
}
