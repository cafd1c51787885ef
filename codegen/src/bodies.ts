/**
 * Request bodies the spec is silent about. VMware's files leave `required` off 240 of 7.0.3's
 * 538 bodies, among them `POST /api/vcenter/vm?action=clone`, which the server refuses without
 * `name` and `source`. Where `required` is absent, the body's schema decides:
 *
 * - it requires a field (directly, or through `$ref` and `allOf`): the body is required;
 * - it is no object (a string, an array…): nothing absent is such a value, so it is required;
 * - it is an object that requires no field, or it resolves nowhere: the body stays optional.
 *
 * Each decision is a repair in the report, with the fields or the reason that decided it. A
 * `required` the spec states, `true` or `false`, is left as it is.
 */
import type { OpenAPIDoc } from './merge.js';

export type BodyDecision = 'body-required' | 'body-optional';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;
const REF = '#/components/schemas/';

type Verdict = { required: boolean; detail: string };

/** The fields `schema` requires, through `$ref` and `allOf`, and whether a part of it resolves nowhere. */
function requiredFields(schema: any, schemas: Record<string, any>, seen: ReadonlySet<string>): { fields: string[]; dangling: boolean } {
  if (!schema || typeof schema !== 'object') return { fields: [], dangling: false };
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.startsWith(REF) ? decodeURIComponent(schema.$ref.slice(REF.length)) : '';
    const target = schemas[name];
    if (!target || target['x-vcenter-unresolved']) return { fields: [], dangling: true };
    return seen.has(name) ? { fields: [], dangling: false } : requiredFields(target, schemas, new Set([...seen, name]));
  }
  const parts = (Array.isArray(schema.allOf) ? schema.allOf : []).map((part: unknown) => requiredFields(part, schemas, seen));
  const own: string[] = Array.isArray(schema.required) ? schema.required.filter((f: unknown) => typeof f === 'string') : [];
  return {
    fields: [...new Set([...own, ...parts.flatMap((p: { fields: string[] }) => p.fields)])],
    dangling: parts.some((p: { dangling: boolean }) => p.dangling),
  };
}

/** The type a schema resolves to through `$ref`s (`object` when it has properties or `allOf`). */
function kindOf(schema: any, schemas: Record<string, any>, seen = new Set<string>()): string | undefined {
  if (typeof schema?.$ref === 'string') {
    const name = decodeURIComponent(schema.$ref.slice(REF.length));
    if (seen.has(name)) return undefined;
    return kindOf(schemas[name], schemas, new Set([...seen, name]));
  }
  if (!schema || typeof schema !== 'object') return undefined;
  if (typeof schema.type === 'string') return schema.type;
  return schema.properties || schema.allOf || schema.additionalProperties ? 'object' : undefined;
}

function decide(schema: any, schemas: Record<string, any>): Verdict {
  const { fields, dangling } = requiredFields(schema, schemas, new Set());
  if (fields.length) return { required: true, detail: `its schema requires ${fields.join(', ')}` };
  if (dangling) return { required: false, detail: 'its schema resolves nowhere (typed unknown)' };
  const kind = kindOf(schema, schemas);
  if (kind && kind !== 'object') return { required: true, detail: `its schema is a ${kind}, which an absent body is not` };
  return { required: false, detail: 'its schema requires no field' };
}

/** Marks `requestBody.required` where the spec leaves it out and the schema says so; reports each decision. */
export function decideBodies(doc: OpenAPIDoc): { kind: BodyDecision; operation: string; detail: string }[] {
  const decisions: { kind: BodyDecision; operation: string; detail: string }[] = [];
  for (const [key, item] of Object.entries(doc.paths))
    for (const m of METHODS) {
      const body = item[m]?.requestBody;
      if (!body || body.required !== undefined) continue;
      const media = Object.values<any>(body.content ?? {})[0];
      if (!media) continue;
      const { required, detail } = decide(media.schema, doc.components.schemas);
      if (required) body.required = true;
      decisions.push({ kind: required ? 'body-required' : 'body-optional', operation: `${m.toUpperCase()} ${key}`, detail });
    }
  return decisions;
}
