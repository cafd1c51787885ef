/**
 * The event model as OpenAPI 3.0 component schemas, so that its decoders and their
 * ahead-of-time checks are emitted by the same code as a release's (emit-decoders.ts): one
 * object per struct, every field on the wire required (Go encodes each one; VEBA sends them
 * all), unknown fields allowed.
 */
import type { OpenAPI3SchemaObject } from '../emit-decoders.js';
import type { EventModel, Shape } from './model.js';

function shapeSchema(s: Shape): OpenAPI3SchemaObject {
  switch (s.t) {
    case 'string':
    case 'time':
    case 'base64':
      return { type: 'string' };
    case 'boolean':
      return { type: 'boolean' };
    case 'int32':
      return { type: 'integer', format: 'int32' };
    case 'int64':
      return { type: 'integer', format: 'int64' };
    case 'number':
      return { type: 'number' };
    case 'unknown':
      return {};
    case 'enum':
      return { type: 'string', enum: [...s.values] };
    case 'ref':
      return { $ref: `#/components/schemas/${s.name}` };
    case 'nullable':
      // A `$ref` ignores its siblings in OpenAPI 3.0: a nullable reference is a one-member allOf.
      return s.of.t === 'ref' ? { allOf: [shapeSchema(s.of)], nullable: true } : { ...shapeSchema(s.of), nullable: true };
    case 'array':
      return { type: 'array', items: shapeSchema(s.of) };
  }
}

/** Every struct of the model, by name. */
export function eventSchemas(model: EventModel): Record<string, OpenAPI3SchemaObject> {
  const out: Record<string, OpenAPI3SchemaObject> = {};
  for (const t of model.types.values()) {
    out[t.name] = {
      type: 'object',
      properties: Object.fromEntries(t.fields.map((f) => [f.name, shapeSchema(f.shape)])),
      required: t.fields.map((f) => f.name),
    };
  }
  return out;
}
