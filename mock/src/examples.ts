/**
 * The answer to an operation the mock does not model: an example built from the response
 * schema of the release's `openapi.json` (the specs carry no examples of their own). Enum
 * fields take their first value, strings a value fitting their format, numbers 0, lists one
 * item, maps one entry; optional fields are filled near the top and left out deeper down,
 * so that recursive schemas end.
 */
import type { OpenApiDocument } from './releases.js';
import type { OperationSpec } from './routes.js';

type Schema = Record<string, unknown>;

const FULL_DEPTH = 3;
const MAX_DEPTH = 8;

const STRINGS: Readonly<Record<string, string>> = {
  'date-time': '2024-01-15T09:30:00.000Z',
  date: '2024-01-15',
  uri: 'https://vcenter.example/resource',
  url: 'https://vcenter.example/resource',
  password: '********',
  byte: 'AA==',
  binary: 'AA==',
  ipv4: '192.0.2.10',
  ipv6: '2001:db8::10',
  hostname: 'vcenter.example',
  email: 'admin@vsphere.local',
  uuid: '00000000-0000-4000-8000-000000000000',
};

export function exampleFor(doc: OpenApiDocument, op: OperationSpec, status: number): unknown {
  const response = doc.paths[op.path]?.[op.method.toLowerCase()]?.responses?.[String(status)];
  const schema = response?.content?.['application/json']?.schema;
  return schema === undefined ? undefined : example(doc, schema as Schema, 0, new Set());
}

function resolve(doc: OpenApiDocument, schema: Schema): { schema: Schema; ref?: string } {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return { schema };
  const name = decodeURIComponent(ref.replace('#/components/schemas/', '')).replace(/~1/g, '/').replace(/~0/g, '~');
  return { schema: (doc.components?.schemas?.[name] as Schema | undefined) ?? {}, ref: name };
}

function example(doc: OpenApiDocument, raw: Schema, depth: number, seen: Set<string>): unknown {
  const { schema, ref } = resolve(doc, raw);
  if (ref !== undefined) {
    if (seen.has(ref) || depth > MAX_DEPTH) return undefined;
    seen = new Set(seen).add(ref);
  }
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    const parts = schema[key];
    if (!Array.isArray(parts) || parts.length === 0) continue;
    if (key !== 'allOf') return example(doc, parts[0] as Schema, depth, seen);
    return Object.assign(
      {},
      ...parts.map((p) => example(doc, p as Schema, depth, seen)).filter((v) => typeof v === 'object' && v !== null),
    );
  }
  switch (schema.type ?? (schema.properties ? 'object' : undefined)) {
    case 'string':
      return STRINGS[String(schema.format)] ?? 'example';
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 0;
    case 'boolean':
      return false;
    case 'array': {
      const item = schema.items ? example(doc, schema.items as Schema, depth + 1, seen) : undefined;
      return item === undefined ? [] : [item];
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
      for (const [name, prop] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
        if (depth >= FULL_DEPTH && !required.has(name)) continue;
        const v = example(doc, prop, depth + 1, seen);
        if (v !== undefined) out[name] = v;
      }
      const extra = schema.additionalProperties;
      if (extra && typeof extra === 'object' && Object.keys(out).length === 0) {
        const v = example(doc, extra as Schema, depth + 1, seen);
        if (v !== undefined) out.key = v;
      }
      return out;
    }
    default:
      return {};
  }
}
