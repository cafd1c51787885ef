/**
 * Minimal valid values from an OpenAPI 3.0 schema, so that Prism's request validation
 * (`--errors`) accepts the request: required properties only, enums take their first value,
 * strings are 'x' unless a format or length asks for more, numbers their minimum (or 0),
 * arrays empty unless `minItems` says otherwise.
 */
export type Schema = Record<string, any>;
export interface Doc {
  paths: Record<string, Record<string, any>>;
  components: { schemas?: Record<string, Schema>; parameters?: Record<string, any>; requestBodies?: Record<string, any> };
}

function resolve(doc: Doc, node: any): any {
  let n = node;
  for (let i = 0; i < 20 && n && typeof n.$ref === 'string'; i++) {
    const parts = (n.$ref as string)
      .replace(/^#\//, '')
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    let cur: any = doc;
    for (const p of parts) cur = cur?.[p];
    n = cur;
  }
  return n;
}

function stringFor(s: Schema): string {
  switch (s.format) {
    case 'date-time':
      return '2020-01-01T00:00:00.000Z';
    case 'date':
      return '2020-01-01';
    case 'time':
      return '00:00:00';
    case 'uri':
    case 'url':
    case 'uri-reference':
      return 'http://example.com';
    case 'ipv4':
      return '127.0.0.1';
    case 'ipv6':
      return '::1';
    case 'email':
      return 'x@example.com';
    case 'hostname':
      return 'localhost';
    case 'uuid':
      return '00000000-0000-0000-0000-000000000000';
    case 'byte':
      return 'eA==';
    default: {
      const min = typeof s.minLength === 'number' ? s.minLength : 1;
      return 'x'.repeat(Math.max(1, min));
    }
  }
}

export function synth(doc: Doc, schema: Schema | undefined, depth = 0, seen: ReadonlySet<string> = new Set()): unknown {
  if (!schema) return {};
  const ref = typeof schema.$ref === 'string' ? (schema.$ref as string) : undefined;
  if (ref && seen.has(ref)) return undefined; // recursion: the required chain loops, give up on this branch
  const s = resolve(doc, schema) as Schema | undefined;
  if (!s) return {};
  const nextSeen = ref ? new Set([...seen, ref]) : seen;
  if (depth > 24) return undefined;
  if (s.example !== undefined && s.type !== 'object' && !s.properties) return s.example;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if (Array.isArray(s.allOf)) {
    const merged: Record<string, unknown> = {};
    for (const part of s.allOf) {
      const v = synth(doc, part, depth + 1, nextSeen);
      if (v && typeof v === 'object' && !Array.isArray(v)) Object.assign(merged, v);
    }
    return merged;
  }
  if (Array.isArray(s.oneOf) && s.oneOf.length > 0) return synth(doc, s.oneOf[0], depth + 1, nextSeen);
  if (Array.isArray(s.anyOf) && s.anyOf.length > 0) return synth(doc, s.anyOf[0], depth + 1, nextSeen);
  const type = s.type ?? (s.properties || s.additionalProperties ? 'object' : s.items ? 'array' : undefined);
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of (s.required as string[] | undefined) ?? []) {
        const v = synth(doc, s.properties?.[name] ?? {}, depth + 1, nextSeen);
        out[name] = v === undefined ? {} : v;
      }
      return out;
    }
    case 'array': {
      const n = typeof s.minItems === 'number' ? s.minItems : 0;
      return Array.from({ length: n }, () => synth(doc, s.items ?? {}, depth + 1, nextSeen));
    }
    case 'string':
      return stringFor(s);
    case 'integer':
    case 'number':
      return typeof s.minimum === 'number' ? s.minimum : typeof s.maximum === 'number' && s.maximum < 0 ? s.maximum : 0;
    case 'boolean':
      return false;
    default:
      return {};
  }
}

/** The OpenAPI operation object of a path key + method. */
export function operationObject(doc: Doc, path: string, method: string): any {
  return doc.paths[path]?.[method.toLowerCase()];
}

/** The parameter objects of an operation (path-level ones included, $refs resolved). */
export function parametersOf(doc: Doc, path: string, method: string): any[] {
  const item = doc.paths[path] ?? {};
  const op = item[method.toLowerCase()] ?? {};
  const all = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: any) => resolve(doc, p));
  const byKey = new Map<string, any>();
  for (const p of all) if (p) byKey.set(`${p.in}:${p.name}`, p);
  return [...byKey.values()];
}

/** A value for a parameter: its schema's minimal value; path params must be non-empty. */
export function paramValue(doc: Doc, param: any): unknown {
  const v = synth(doc, param.schema ?? { type: 'string' });
  if (param.in === 'path' && (v === '' || v === undefined || (typeof v === 'object' && v !== null))) return 'x';
  return v;
}

/** The request body schema of an operation, from its requestBody (JSON or form). */
export function bodySchemaOf(doc: Doc, path: string, method: string): Schema | undefined {
  const op = operationObject(doc, path, method);
  const rb = resolve(doc, op?.requestBody);
  const content = rb?.content ?? {};
  const media = content['application/json'] ?? content['application/x-www-form-urlencoded'] ?? Object.values(content)[0];
  return (media as any)?.schema;
}
