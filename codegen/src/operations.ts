/**
 * Builds the operation table of a merged release and gives every request body, result and
 * error a named schema: inline schemas are hoisted into `components.schemas` as
 * `<operation>$body` / `<operation>$result`, and `/rest` results are unwrapped from
 * `{"value": ...}` so the table (and the client's types) name what the caller receives.
 */
import type { HttpMethod, OperationSpec, ParameterSpec } from '@vcenter-sdk/runtime/descriptor';
import { SpecError, pointerOf } from './errors.js';
import { renderMarkup } from './markup.js';
import type { OpenAPIDoc } from './merge.js';
import { operationNames, parsePathKey } from './names.js';

export interface RenamedDuplicate {
  method: string;
  path: string;
  wanted: string;
  got: string;
  /** `operationId`: the spec's own method name told the two apart; `numbered`: nothing did, `_2` was appended. */
  by: 'operationId' | 'numbered';
}

export interface OperationTable {
  operations: OperationSpec[];
  renamed: RenamedDuplicate[];
  hoisted: string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;
const REF = '#/components/schemas/';
/** `/rest` POST actions that only read (`?~action=get`, `?~action=list`…), and so may be replayed. */
const READ_ONLY_VERB = /^(get|list|find|query|search|filter|hello|validate|check)(_|$)/;

const isRef = (s: any): s is { $ref: string } => !!s && typeof s.$ref === 'string' && s.$ref.startsWith(REF);
const refName = (s: { $ref: string }) => s.$ref.slice(REF.length);

export function buildOperationTable(release: string, doc: OpenAPIDoc): OperationTable {
  const schemas = doc.components.schemas;
  const hoisted: string[] = [];

  /** The name of the schema at `holder[key]`; an inline one is hoisted and replaced by a `$ref`. */
  const nameAt = (holder: any, key: string, hoistAs: string): string => {
    const schema = holder[key] ?? {};
    if (isRef(schema)) return refName(schema);
    schemas[hoistAs] = schema;
    holder[key] = { $ref: REF + hoistAs };
    hoisted.push(hoistAs);
    return hoistAs;
  };

  /** The holder of X in a `/rest` body `{ value: X }` (possibly behind a `$ref`); undefined when it is no wrapper. */
  const valueHolder = (schema: any): any => {
    const s = isRef(schema) ? schemas[refName(schema)] : schema;
    if (s && s.type === 'object' && s.properties?.value && Object.keys(s.properties).every((k) => k === 'value' || k === 'type'))
      return s.properties;
    return undefined;
  };

  const entries = Object.entries(doc.paths)
    .flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => ({ path, m, op: item[m] })))
    .sort((a, b) => (a.path === b.path ? (a.m < b.m ? -1 : 1) : a.path < b.path ? -1 : 1));

  const renamed: RenamedDuplicate[] = [];
  const operations: OperationSpec[] = [];
  const names = uniqueNames(
    entries.map(({ path, m, op }) => ({ method: m.toUpperCase() as HttpMethod, path, operationId: op.operationId })),
    renamed,
  );

  for (const [index, { path, m, op }] of entries.entries()) {
    const method = m.toUpperCase() as HttpMethod;
    const key = parsePathKey(path);
    const at = (...rest: (string | number)[]) => pointerOf(['paths', path, m, ...rest]);
    const name = names[index]!;

    const parameters: ParameterSpec[] = (op.parameters ?? []).map((p: any, i: number) => {
      if (!p || typeof p.name !== 'string' || !p.in)
        throw new SpecError('a parameter needs a name and an `in`', `${release} (merged)`, at('parameters', i));
      return { name: p.name, in: p.in, required: p.required === true || p.in === 'path' };
    });
    for (const [, param] of key.pathname.matchAll(/\{([^}]+)\}/g))
      if (!parameters.some((p) => p.in === 'path' && p.name === param)) parameters.push({ name: param!, in: 'path', required: true });
    for (const flag of key.flags)
      if (!parameters.some((p) => p.in === 'query' && p.name === flag)) parameters.push({ name: flag, in: 'query', required: true });

    const spec: OperationSpec = {
      name,
      method,
      path,
      pathname: key.pathname,
      query: key.query,
      style: key.style,
      async: key.async,
      idempotent:
        ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'].includes(method) ||
        (method === 'POST' && READ_ONLY_VERB.test(key.query.action ?? key.query['~action'] ?? '')),
      parameters,
      success: [],
      errors: {},
      service: op['x-vcenter-service'] ?? 'unknown',
    };

    const content = op.requestBody?.content ?? {};
    const [mediaType] = Object.keys(content);
    if (mediaType) {
      spec.body = nameAt(content[mediaType], 'schema', `${name}$body`);
      spec.bodyRequired = op.requestBody.required === true;
      if (mediaType !== 'application/json') spec.bodyMediaType = mediaType;
    }

    for (const [status, response] of Object.entries<any>(op.responses ?? {})) {
      const media = response?.content?.['application/json'];
      const code = Number(status);
      const success = code >= 200 && code < 300;
      if (success) spec.success.push(code);
      if (!media?.schema || (success && spec.result)) continue;
      const wrapper = key.style === 'rest' ? valueHolder(media.schema) : undefined;
      const [holder, field] = wrapper ? [wrapper, 'value'] : [media, 'schema'];
      if (success) {
        if (key.style === 'rest' && !wrapper) {
          // A wrapper that resolves nowhere still wraps something: its content is unknown, not absent.
          if (isRef(media.schema) && schemas[refName(media.schema)]?.['x-vcenter-unresolved']) spec.result = refName(media.schema);
          continue; // a /rest answer without `value` carries no result
        }
        spec.result = nameAt(holder, field, `${name}$result`);
      } else spec.errors[status] = nameAt(holder, field, `${name}$error${status}`);
    }
    if (op.summary) spec.summary = renderMarkup(op.summary);
    op.operationId = name;
    operations.push(spec);
  }

  for (const spec of operations) {
    if (!spec.async) continue;
    const syncPath = spec.path.replace(/([?&])vmw-task=true&?/, '$1').replace(/[?&]$/, '');
    const twin = operations.find((o) => o.method === spec.method && o.path === syncPath);
    if (twin) spec.syncTwin = twin.name;
  }
  return { operations, renamed, hoisted };
}

/**
 * One name per operation, in the order given. Operations whose first-choice name is shared
 * take their fallback name (see `operationNames`) when they have one, whatever their order;
 * what is still shared gets `_2`, `_3`… in path order. Every change is reported.
 */
function uniqueNames(ops: { method: HttpMethod; path: string; operationId: string | undefined }[], renamed: RenamedDuplicate[]): string[] {
  const candidates = ops.map((o) => operationNames(o.method, parsePathKey(o.path), o.operationId));
  const claims = new Map<string, number>();
  for (const [first] of candidates) claims.set(first!, (claims.get(first!) ?? 0) + 1);
  const preferred = candidates.map(([first, fallback]) =>
    claims.get(first!)! > 1 && fallback && !claims.has(fallback) ? fallback : first!,
  );
  const taken = new Set(preferred);
  const given = new Set<string>();
  return preferred.map((name, i) => {
    const wanted = candidates[i]![0]!;
    const { method, path } = ops[i]!;
    let got = name;
    let by: RenamedDuplicate['by'] = 'operationId';
    if (given.has(got)) {
      by = 'numbered';
      for (let n = 2; taken.has(got) || given.has(got); n++) got = `${wanted}_${n}`;
    }
    given.add(got);
    if (got !== wanted) renamed.push({ method, path, wanted, got, by });
    return got;
  });
}
