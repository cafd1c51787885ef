/**
 * vAPI metamodel → Swagger 2.0, one file per component, in the layout VMware's own generator
 * (vmware-openapi-generator) gives `specs/vsphere/<release>/`: `/api` operations from their
 * verb annotation (`GET`, `POST`… with `path` and `params`), `/rest` operations from
 * `RequestMapping` (`value`, `method`, `params`), `$task` operations with `vmw-task=true`.
 * `/api` definitions are named by the camel-cased id (`VcenterVMInfo`), `/rest` ones by the
 * id without `com.vmware.` (`vcenter.VM.info`), with `/rest`'s `{value}` result wrappers
 * (`<service>_resp`, `<service>.<op>_resp`), body wrappers and `{type, value}` error wrappers.
 */
import {
  annotation,
  entries,
  text,
  typeIndex,
  type ComponentData,
  type FieldInfo,
  type MetaType,
  type OperationInfo,
} from './metamodel.js';

export type { ComponentData };
type Style = 'api' | 'rest';
type Schema = Record<string, unknown>;

const VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** `/rest` status of each standard error (the `/api` one is the error structure's `Response` code). */
const REST_ERROR_STATUS: Record<string, number> = {
  internal_server_error: 500,
  not_found: 404,
  operation_not_found: 404,
  service_unavailable: 503,
  timed_out: 504,
  unauthenticated: 401,
  unauthorized: 403,
};

const strip = (id: string): string => id.replace(/^com\.vmware\./, '');
export const camel = (id: string): string =>
  strip(id)
    .replace(/\$/g, '_')
    .split(/[._]/)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
const nameOf = (style: Style, id: string): string => (style === 'api' ? camel(id) : strip(id));

const BUILTIN: Record<string, Schema> = {
  BOOLEAN: { type: 'boolean' },
  LONG: { type: 'integer', format: 'int64' },
  DOUBLE: { type: 'number', format: 'double' },
  STRING: { type: 'string' },
  BINARY: { type: 'string', format: 'binary' },
  SECRET: { type: 'string', format: 'password' },
  DATE_TIME: { type: 'string', format: 'date-time' },
  ID: { type: 'string' },
  URI: { type: 'string', format: 'uri' },
  ANY_ERROR: { type: 'string' },
  DYNAMIC_STRUCTURE: { type: 'object' },
  OPAQUE: { type: 'object' },
};

/** One Swagger file being built: its definitions, filled as types are reached. */
class Rendering {
  readonly definitions: Record<string, Schema> = {};
  constructor(
    private readonly index: ReturnType<typeof typeIndex>,
    readonly errorStatus: Map<string, number>,
  ) {}

  /** The schema of a type, and whether it may be absent (OPTIONAL). */
  schema(t: MetaType, style: Style): { schema: Schema; optional: boolean } {
    if (t.category === 'BUILTIN') return { schema: { ...(BUILTIN[t.builtin_type ?? ''] ?? {}) }, optional: false };
    if (t.category === 'USER_DEFINED')
      return { schema: { $ref: `#/definitions/${this.define(t.user_defined_type!.resource_id, style)}` }, optional: false };
    const g = t.generic_instantiation!;
    if (g.generic_type === 'OPTIONAL') return { schema: this.schema(g.element_type!, style).schema, optional: true };
    if (g.generic_type === 'LIST' || g.generic_type === 'SET')
      return {
        schema: {
          type: 'array',
          ...(g.generic_type === 'SET' ? { uniqueItems: true } : {}),
          items: this.schema(g.element_type!, style).schema,
        },
        optional: false,
      };
    const value = this.schema(g.map_value_type!, style).schema;
    if (style === 'api') return { schema: { type: 'object', additionalProperties: value }, optional: false };
    const key = this.schema(g.map_key_type!, style).schema;
    return { schema: { type: 'array', items: { type: 'object', properties: { key, value } } }, optional: false };
  }

  /** Defines a structure or enumeration (once) and returns its definition name. */
  define(id: string, style: Style): string {
    const name = nameOf(style, id);
    if (name in this.definitions) return name;
    const e = this.index.enumerations.get(id);
    if (e) {
      this.definitions[name] = {
        type: 'string',
        ...(e.documentation ? { description: e.documentation } : {}),
        enum: e.values.map((v) => v.value),
      };
      return name;
    }
    const s = this.index.structures.get(id);
    if (!s) {
      // A type no component describes: left for the generator, which types a dangling $ref unknown.
      return name;
    }
    const def: Schema = { type: 'object' };
    this.definitions[name] = def;
    if (s.documentation) def.description = s.documentation;
    const { properties, required } = this.fields(s.fields, style);
    def.properties = properties;
    if (required.length) def.required = required;
    return name;
  }

  fields(fields: FieldInfo[], style: Style) {
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const f of fields) {
      const { schema, optional } = this.schema(f.type, style);
      const key = text(annotation(f.metadata, 'SerializationName')?.value) ?? f.name;
      properties[key] = f.documentation ? { ...schema, description: f.documentation } : schema;
      if (!optional) required.push(key);
    }
    return { properties, required };
  }
}

interface Mapping {
  style: Style;
  method: string;
  /** Path with the fixed query: `/api/vcenter/vm?action=clone`. */
  path: string;
}

function mappings(op: OperationInfo, opId: string): Mapping[] {
  const found: Mapping[] = [];
  for (const verb of VERBS) {
    const a = annotation(op.metadata, verb);
    const path = text(a?.path);
    if (path) found.push({ style: 'api', method: verb.toLowerCase(), path: withQuery(`/api${path}`, text(a?.params)) });
  }
  const rm = annotation(op.metadata, 'RequestMapping');
  const value = text(rm?.value);
  if (value)
    found.push({ style: 'rest', method: (text(rm?.method) ?? 'POST').toLowerCase(), path: withQuery(`/rest${value}`, text(rm?.params)) });
  const task = opId.endsWith('$task');
  return found.map((m) => (task && !/[?&]vmw-task=true/.test(m.path) ? { ...m, path: withQuery(m.path, 'vmw-task=true') } : m));
}

const withQuery = (path: string, params: string | undefined): string =>
  params ? `${path}${path.includes('?') ? '&' : '?'}${params}` : path;

/** One operation of one style: its parameters, body wrapper and responses. */
function operation(r: Rendering, serviceId: string, opId: string, op: OperationInfo, m: Mapping): { path: string; object: Schema } {
  const params: Schema[] = [];
  let path = m.path;
  const rest = [...op.params];
  for (const [, placeholder] of m.path.matchAll(/\{([^}]+)\}/g)) {
    const i = rest.findIndex((p) => p.name === placeholder || text(annotation(p.metadata, 'PathVariable')?.value) === placeholder);
    if (i < 0) continue;
    const [p] = rest.splice(i, 1);
    if (p!.name !== placeholder) path = path.replace(`{${placeholder}}`, `{${p!.name}}`);
    params.push({ ...r.schema(p!.type, m.style).schema, required: true, in: 'path', name: p!.name, description: p!.documentation });
  }
  const bodyName = `${serviceId}_${opId}`;
  const hasBody = m.method !== 'get' && m.method !== 'delete';
  const bodyParams =
    m.style === 'api' ? rest.filter((p) => annotation(p.metadata, 'Body') || annotation(p.metadata, 'BodyField')) : hasBody ? rest : [];
  for (const p of rest.filter((x) => !bodyParams.includes(x))) params.push(...queryParams(r, p, m.style));
  if (bodyParams.length) {
    const whole = m.style === 'api' ? bodyParams.find((p) => annotation(p.metadata, 'Body')) : undefined;
    let def: Schema;
    if (whole) def = { ...r.schema(whole.type, m.style).schema, ...(whole.documentation ? { description: whole.documentation } : {}) };
    else {
      const named = bodyParams.map((p) => ({ ...p, name: text(annotation(p.metadata, 'BodyField')?.name) ?? p.name }));
      const { properties, required } = r.fields(named, m.style);
      def = { type: 'object', properties, ...(required.length ? { required } : {}) };
    }
    const name = m.style === 'api' ? camel(bodyName) : strip(bodyName);
    r.definitions[name] = def;
    const needed = m.style === 'rest' && Array.isArray(def.required) && def.required.length > 0;
    params.push({ in: 'body', name: 'request_body', ...(needed ? { required: true } : {}), schema: { $ref: `#/definitions/${name}` } });
  }
  const responses: Record<string, Schema> = {};
  const out =
    op.output.type.category === 'BUILTIN' && op.output.type.builtin_type === 'VOID' ? undefined : r.schema(op.output.type, m.style).schema;
  const code = m.style === 'api' ? (text(annotation(op.metadata, 'Response')?.code) ?? (out ? '200' : '204')) : '200';
  const success: Schema = { description: op.output.documentation };
  if (out && m.style === 'api') success.schema = out;
  if (out && m.style === 'rest') {
    const wrapper = `${strip(serviceId)}${opId === 'get' ? '' : `.${opId}`}_resp`;
    r.definitions[wrapper] = { type: 'object', properties: { value: out }, required: ['value'] };
    success.schema = { $ref: `#/definitions/${wrapper}` };
  }
  responses[code] = success;
  for (const e of op.errors) {
    const last = e.structure_id.split('.').pop()!;
    const status = m.style === 'api' ? (r.errorStatus.get(e.structure_id) ?? 500) : (REST_ERROR_STATUS[last] ?? 400);
    let ref = r.define(e.structure_id, m.style);
    if (m.style === 'rest') {
      const wrapped = `${ref}_error`;
      r.definitions[wrapped] = { type: 'object', properties: { type: { type: 'string' }, value: { $ref: `#/definitions/${ref}` } } };
      ref = wrapped;
    }
    responses[String(status)] ??= { description: e.documentation, schema: { $ref: `#/definitions/${ref}` } };
  }
  const tag = strip(serviceId).split('.').slice(1).join('_') || strip(serviceId);
  const object: Schema = { tags: [tag], summary: op.documentation, parameters: params, responses, operationId: opId };
  if (m.style === 'rest' && annotation(op.metadata, 'Deprecated')) object.deprecated = true;
  return { path, object };
}

/** A parameter outside the path and the body: as it is, or a structure flattened into its fields. */
function queryParams(r: Rendering, p: FieldInfo, style: Style): Schema[] {
  const name = text(annotation(p.metadata, 'Query')?.name) ?? p.name;
  const { schema, optional } = r.schema(p.type, style);
  const ref = typeof schema.$ref === 'string' ? r.definitions[schema.$ref.slice('#/definitions/'.length)] : undefined;
  if (ref?.properties && !annotation(p.metadata, 'Query')) {
    const required = new Set((ref.required as string[] | undefined) ?? []);
    return Object.entries(ref.properties as Record<string, Schema>).map(([field, s]) => ({
      in: 'query',
      name: style === 'rest' ? `${name}.${field}` : field,
      ...flat(r, s),
      required: !optional && required.has(field),
    }));
  }
  return [{ in: 'query', name, ...flat(r, schema), required: !optional, ...(p.documentation ? { description: p.documentation } : {}) }];
}

/** Swagger 2.0 query parameters carry no $ref: an enumeration's values are copied in, arrays repeat the key. */
function flat(r: Rendering, s: Schema): Schema {
  const deref = (x: Schema): Schema =>
    typeof x.$ref === 'string' ? { ...(r.definitions[x.$ref.slice('#/definitions/'.length)] ?? { type: 'string' }) } : x;
  const out = deref(s);
  delete out.description;
  if (out.type === 'array') return { type: 'array', collectionFormat: 'multi', items: deref(out.items as Schema) };
  if (out.type === 'object') return { type: 'string' };
  return out;
}

/**
 * Every component's services, as `<component>.json` files (the component id's last segment),
 * and the operations left out because the metamodel maps them to no REST path.
 */
export function metamodelFiles(components: ComponentData[]): { files: Map<string, string>; unmapped: string[] } {
  const index = typeIndex(components);
  const errorStatus = new Map<string, number>();
  for (const [id, s] of index.structures) {
    const code = text(annotation(s.metadata, 'Response')?.code);
    if (code) errorStatus.set(id, Number(code));
  }
  const files = new Map<string, string>();
  const unmapped: string[] = [];
  for (const c of [...components].sort((a, b) => (a.info.name < b.info.name ? -1 : 1))) {
    const r = new Rendering(index, errorStatus);
    const paths: Record<string, Record<string, Schema>> = {};
    for (const [, pkg] of entries(c.info.packages))
      for (const [serviceId, service] of entries(pkg.services))
        for (const [opId, op] of entries(service.operations)) {
          const found = mappings(op, opId);
          if (found.length === 0) unmapped.push(`${serviceId}.${opId}`);
          for (const m of found) {
            const { path, object } = operation(r, serviceId, opId, op, m);
            (paths[path] ??= {})[m.method] = { ...object, security: [{ session_id: [] }] };
          }
        }
    if (Object.keys(paths).length === 0) continue;
    const file = c.info.name.split('.').pop()!;
    files.set(`${file}.json`, `${JSON.stringify(document(file, c.info.documentation, paths, r.definitions), null, 4)}\n`);
  }
  return { files, unmapped };
}

function document(title: string, description: string, paths: Record<string, unknown>, definitions: Record<string, Schema>) {
  const sorted = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    swagger: '2.0',
    info: { description, title, version: '2.0.0' },
    host: '<vcenter>',
    securityDefinitions: { session_id: { in: 'header', name: 'vmware-api-session-id', type: 'apiKey' }, basic_auth: { type: 'basic' } },
    basePath: '',
    produces: ['application/json'],
    consumes: ['application/json'],
    tags: [],
    schemes: ['https', 'http'],
    paths: sorted(paths),
    definitions: sorted(definitions),
  };
}
