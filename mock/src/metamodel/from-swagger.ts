/**
 * A release's Swagger 2.0 files → the vAPI metamodel a vCenter would describe them with: one
 * component per file (`com.vmware.<file>`), one package holding its structures, enumerations
 * and services. Each operation carries the mapping VMware's generator reads: `/api` ones the
 * verb annotation (`POST` with `path` and `params`), `/rest` ones `RequestMapping`; path
 * parameters `PathVariable`, `/api` query parameters `Query`, body fields `Body` (the whole
 * body) or `BodyField`, a success code other than the default `Response`. A service is named so
 * that the generator's wrapper names come back: `/rest` from the `<service>_<op>` body or
 * `<service>[.<op>]_resp` result, `/api` from the camel-cased body name, else from the path.
 */
import { builtin, metaType, optional, typeId, type MetaType, type Schema, type TypeContext } from './types.js';

type ElementMap = { elements: Record<string, { type: string; string_value?: string; list_value?: string[] }> };
type Metadata = Record<string, ElementMap>;

const str = (v: string) => ({ type: 'STRING', string_value: v });
const note = (elements: Record<string, string>): ElementMap => ({
  elements: Object.fromEntries(Object.entries(elements).map(([k, v]) => [k, str(v)])),
});

export interface Field {
  name: string;
  type: MetaType;
  metadata: Metadata;
  documentation: string;
}
export interface Operation {
  name: string;
  params: Field[];
  output: { type: MetaType; metadata: Metadata; documentation: string };
  errors: { structure_id: string; documentation: string }[];
  metadata: Metadata;
  documentation: string;
}
export interface Service {
  name: string;
  operations: Record<string, Operation>;
  structures: Record<string, never>;
  enumerations: Record<string, never>;
  constants: Record<string, never>;
  metadata: Metadata;
  documentation: string;
}
export interface Structure {
  name: string;
  type: 'STRUCTURE' | 'ERROR';
  enumerations: Record<string, never>;
  constants: Record<string, never>;
  fields: Field[];
  metadata: Metadata;
  documentation: string;
}
export interface Enumeration {
  name: string;
  values: { value: string; metadata: Metadata; documentation: string }[];
  metadata: Metadata;
  documentation: string;
}
export interface Package {
  name: string;
  structures: Record<string, Structure>;
  enumerations: Record<string, Enumeration>;
  services: Record<string, Service>;
  metadata: Metadata;
  documentation: string;
}
export interface Component {
  name: string;
  packages: Record<string, Package>;
  metadata: Metadata;
  documentation: string;
}

const VERBS = ['get', 'post', 'put', 'patch', 'delete'];
/** Query keys vAPI tells operations on one path apart by, in the order path keys write them. */
const FIXED_QUERY = ['action', '~action', 'vmw-task'];
let resolve: (name: string) => string = (n) => n;
const refName = (s: Schema | undefined): string | undefined => (typeof s?.$ref === 'string' ? resolve(s.$ref) : undefined);

/**
 * The definition a `$ref` means. VMware's renderings have defects a metamodel cannot have (it
 * names types by id): a `$ref` without the `com.vmware.` its definition has (or with one it
 * lacks), or without the `/` after `#/definitions`.
 */
function resolverOf(definitions: Record<string, Schema>): (ref: string) => string {
  const spelled = (n: string) => n.replace(/^com\.vmware\./, '').replace(/\$/g, '_');
  const bySpelling = new Map<string, string[]>();
  for (const n of Object.keys(definitions)) bySpelling.set(spelled(n), [...(bySpelling.get(spelled(n)) ?? []), n]);
  return (ref) => {
    const name = ref.replace(/^#\/definitions\/?/, '');
    if (name in definitions) return name;
    const candidates = bySpelling.get(spelled(name)) ?? [];
    return candidates.length === 1 ? candidates[0]! : name;
  };
}

/** A required one-value `action`, `~action` or `vmw-task` query parameter: part of the path key, as later releases write it. */
const fixedValue = (p: Schema): string | undefined => {
  const values = p.schema?.enum ?? p.enum;
  return p.in === 'query' && p.required === true && FIXED_QUERY.includes(p.name) && Array.isArray(values) && values.length === 1
    ? String(values[0])
    : undefined;
};
const camel = (id: string): string =>
  id
    .replace(/^com\.vmware\./, '')
    .replace(/\$/g, '_')
    .split(/[._]/)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');

export function componentOf(file: string, doc: Schema): Component {
  const definitions: Record<string, Schema> = doc.definitions ?? {};
  const pkg: Package = {
    name: file,
    structures: {},
    enumerations: {},
    services: {},
    metadata: {},
    documentation: doc.info?.description ?? '',
  };
  resolve = resolverOf(definitions);
  const isEnum = (name: string) => Array.isArray(definitions[name]?.enum);
  const ctx: TypeContext = {
    resolve,
    isEnum,
    inline(where, schema) {
      addDefinition(where, schema);
      return where;
    },
  };
  const fieldsOf = (owner: string, s: Schema): Field[] => {
    const required = new Set<string>(s.required ?? []);
    return Object.entries((s.properties ?? {}) as Record<string, Schema>).map(([name, p]) => {
      const t = metaType(p, ctx, `${owner}.${name}`);
      return { name, type: required.has(name) ? t : optional(t), metadata: {}, documentation: p.description ?? '' };
    });
  };
  function addDefinition(name: string, s: Schema): void {
    const id = typeId(name);
    if (pkg.structures[id] || pkg.enumerations[id]) return;
    if (Array.isArray(s.enum)) {
      pkg.enumerations[id] = {
        name: id,
        values: s.enum.map((v: unknown) => ({ value: String(v), metadata: {}, documentation: '' })),
        metadata: {},
        documentation: s.description ?? '',
      };
    } else if (s.type === 'object' || s.properties) {
      const structure: Structure = {
        name: id,
        type: 'STRUCTURE',
        enumerations: {},
        constants: {},
        fields: [],
        metadata: {},
        documentation: s.description ?? '',
      };
      pkg.structures[id] = structure;
      structure.fields = fieldsOf(name, s);
    }
  }
  for (const [name, s] of Object.entries(definitions)) addDefinition(name, s);

  const base = doc.basePath && doc.basePath !== '/' ? doc.basePath : '';
  for (const [key, item] of Object.entries((doc.paths ?? {}) as Record<string, Record<string, Schema>>))
    for (const method of VERBS) {
      const op = item[method];
      if (!op) continue;
      const full = `${base}${key}`;
      const style = full.startsWith('/api/') ? 'api' : full.startsWith('/rest/') ? 'rest' : undefined;
      if (style) addOperation(pkg, definitions, ctx, fieldsOf, style, method, full, op);
    }
  return { name: `com.vmware.${file}`, packages: { [`com.vmware.${file}`]: pkg }, metadata: {}, documentation: pkg.documentation };
}

function addOperation(
  pkg: Package,
  definitions: Record<string, Schema>,
  ctx: TypeContext,
  fieldsOf: (owner: string, s: Schema) => Field[],
  style: 'api' | 'rest',
  method: string,
  full: string,
  op: Schema,
): void {
  const [path, keyQuery] = full.split('?') as [string, string | undefined];
  const opId = String(op.operationId ?? method);
  // Names the inline types of this operation: `vcenter.vm.list.power_states`.
  const where = `${pathName(path)}.${opId.replace(/\$/g, '_')}`;
  const params: Field[] = [];
  const declared = (op.parameters ?? []) as Schema[];
  const lifted = declared
    .filter((p) => fixedValue(p) !== undefined)
    .sort((a, b) => FIXED_QUERY.indexOf(a.name) - FIXED_QUERY.indexOf(b.name))
    .map((p) => `${p.name}=${fixedValue(p)}`);
  const query = [keyQuery, ...lifted].filter(Boolean).join('&') || undefined;
  const parameters = alignPath(
    path,
    declared.filter((p) => fixedValue(p) === undefined),
  );
  const codes = Object.keys(op.responses ?? {}).sort();
  const success = codes.find((c) => /^2\d\d$/.test(c));
  const successResponse = success ? op.responses[success] : undefined;
  const body = parameters.find((p) => p.in === 'body');
  const bodyName = refName(body?.schema);
  const bodyDef = bodyName ? definitions[bodyName] : body?.schema;
  let output: MetaType = builtin('VOID');
  let resultName: string | undefined;
  if (successResponse?.schema) {
    resultName = refName(successResponse.schema);
    const wrapped = style === 'rest' ? (resultName ? definitions[resultName] : successResponse.schema) : undefined;
    output = wrapped?.properties?.value
      ? metaType(wrapped.properties.value, ctx, `${where}.result`)
      : metaType(successResponse.schema, ctx, `${where}.result`);
  }
  for (const p of parameters) {
    if (p.in === 'body') continue;
    const t = metaType(p.schema ?? p, ctx, `${where}.${p.name}`);
    const metadata: Metadata = {};
    if (p.in === 'path') metadata.PathVariable = note({ value: p.name });
    else if (style === 'api') metadata.Query = note({ name: p.name });
    params.push({ name: p.name, type: p.required || p.in === 'path' ? t : optional(t), metadata, documentation: p.description ?? '' });
  }
  if (bodyDef) {
    if (style === 'rest' || (bodyDef.type === 'object' && bodyDef.properties))
      for (const f of fieldsOf(bodyName ?? `${where}.body`, bodyDef))
        params.push(style === 'api' ? { ...f, metadata: { BodyField: note({ name: f.name }) } } : f);
    else {
      const t = metaType(bodyDef, ctx, `${where}.body`);
      params.push({ name: 'request_body', type: t, metadata: { Body: note({}) }, documentation: bodyDef.description ?? '' });
    }
  }
  const metadata: Metadata = {};
  if (style === 'api') {
    metadata[method.toUpperCase()] = note({ path: path.slice('/api'.length) });
    const fixed = (query ?? '').split('&').filter((q) => q && q !== 'vmw-task=true');
    if (fixed.length) metadata[method.toUpperCase()]!.elements.params = { type: 'STRING_LIST', list_value: fixed };
    if (success) metadata.Response = note({ code: success });
  } else {
    const fixed = (query ?? '').split('&').filter((q) => q && q !== 'vmw-task=true');
    metadata.RequestMapping = note({
      value: path.slice('/rest'.length),
      method: method.toUpperCase(),
      ...(fixed.length ? { params: fixed.join('&') } : {}),
    });
  }
  if (op.deprecated) metadata.Deprecated = note({});
  const errors = codes
    .filter((c) => !/^2/.test(c) && op.responses[c].schema)
    .map((c) => {
      const r = op.responses[c];
      const ref = refName(r.schema)!;
      const inner = style === 'rest' ? (refName(definitions[ref]?.properties?.value) ?? ref) : ref;
      return { structure_id: typeId(inner), documentation: r.description ?? '', code: c };
    });
  for (const e of errors) {
    const s = pkg.structures[e.structure_id];
    if (s && style === 'api') {
      s.type = 'ERROR';
      s.metadata.Response ??= note({ code: e.code });
    }
  }
  const service = serviceFor(pkg, style, opId, path, bodyName, resultName);
  service.operations[opId] = {
    name: opId,
    params,
    output: { type: output, metadata: {}, documentation: successResponse?.description ?? '' },
    errors: errors.map(({ structure_id, documentation }) => ({ structure_id, documentation })),
    metadata,
    documentation: op.summary ?? op.description ?? '',
  };
}

/** `/rest/com/vmware/vcenter/vm/{vm}/power` → `vcenter.vm.power`. */
const pathName = (path: string): string =>
  path
    .replace(/^\/(api|rest)(\/com\/vmware)?\//, '')
    .split('/')
    .filter((s) => s && !s.includes('{'))
    .map((s) => s.replace(/[^\w]/g, '_'))
    .join('.');

/** A path parameter declared under another name than the path key's (6.7.0: `service` for `{id}`) takes the key's. */
function alignPath(path: string, parameters: Schema[]): Schema[] {
  const inKey = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const declared = parameters.filter((p) => p.in === 'path');
  const onlyDeclared = declared.filter((p) => !inKey.includes(p.name));
  const onlyInKey = inKey.filter((n) => !declared.some((p) => p.name === n));
  if (onlyDeclared.length !== 1 || onlyInKey.length !== 1) return parameters;
  return parameters.map((p) => (p === onlyDeclared[0] ? { ...p, name: onlyInKey[0] } : p));
}

/** The service an operation joins: the one its wrappers' names imply, else one named after its path, made unique per operation name. */
function serviceFor(pkg: Package, style: 'api' | 'rest', opId: string, path: string, body?: string, result?: string): Service {
  const suffix = `_${opId}`;
  let id: string | undefined;
  if (style === 'rest' && body?.endsWith(suffix)) id = typeId(body.slice(0, -suffix.length));
  else if (style === 'rest' && result?.endsWith('_resp')) {
    const stem = result.slice(0, -'_resp'.length);
    id = typeId(opId === 'get' ? stem : stem.endsWith(`.${opId}`) ? stem.slice(0, -opId.length - 1) : stem);
  } else if (style === 'api' && body && body.endsWith(camel(suffix))) id = typeId(body.slice(0, -camel(suffix).length));
  id ??= typeId(pathName(path));
  let unique = id;
  for (let n = 2; pkg.services[unique]?.operations[opId]; n++) unique = `${id}_${n}`;
  return (pkg.services[unique] ??= {
    name: unique,
    operations: {},
    structures: {},
    enumerations: {},
    constants: {},
    metadata: {},
    documentation: '',
  });
}
