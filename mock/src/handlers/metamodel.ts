/**
 * `vapi.metadata.metamodel.*`: the vAPI metamodel of the release, built from its spec files
 * (one component per file), in the wire shape the `vapi` spec declares: maps as JSON objects
 * on `/api`, as lists of `{key, value}` on `/rest`. A component's fingerprint is a digest of
 * its metamodel, so it changes exactly when the component's spec does.
 */
import { createHash } from 'node:crypto';
import { notFound } from '../errors.js';
import { componentOf, type Component, type Package, type Service } from '../metamodel/from-swagger.js';
import { ENUMERATION, STRUCTURE } from '../metamodel/types.js';
import { servedFiles } from '../spec-files.js';
import type { HandlerContext, HandlerTable } from './context.js';

interface Model {
  components: Map<string, { info: Component; fingerprint: string }>;
  packages: Map<string, Package>;
  services: Map<string, Service>;
  structures: Map<string, unknown>;
  enumerations: Map<string, unknown>;
}

const models = new Map<string, Model>();

/** The metamodel of the files a release serves (its own, and what it takes from older releases). */
function modelOf(ctx: HandlerContext): Model {
  const key = ctx.answerers.join(' ');
  const known = models.get(key);
  if (known) return known;
  const m: Model = { components: new Map(), packages: new Map(), services: new Map(), structures: new Map(), enumerations: new Map() };
  for (const [file, bytes] of servedFiles(ctx.answerers) ?? []) {
    const info = componentOf(file, JSON.parse(bytes.toString('utf8')));
    const fingerprint = createHash('sha256').update(JSON.stringify(info)).digest('hex').slice(0, 32);
    m.components.set(info.name, { info, fingerprint });
    for (const [id, p] of Object.entries(info.packages)) {
      m.packages.set(id, p);
      for (const [sid, s] of Object.entries(p.structures)) m.structures.set(sid, s);
      for (const [eid, e] of Object.entries(p.enumerations)) m.enumerations.set(eid, e);
      for (const [sid, s] of Object.entries(p.services)) m.services.set(sid, s);
    }
  }
  models.set(key, m);
  return m;
}

/** Fields of the metamodel that are maps: a `/rest` answer lists their entries as `{key, value}`. */
const MAPS = new Set(['packages', 'services', 'operations', 'structures', 'enumerations', 'constants', 'metadata', 'elements']);

function restShape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(restShape);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      MAPS.has(k) && v && typeof v === 'object' && !Array.isArray(v)
        ? Object.entries(v).map(([key, inner]) => ({ key, value: restShape(inner) }))
        : restShape(v),
    ]),
  );
}

const answer = (ctx: HandlerContext, value: unknown) => ({ value: ctx.style === 'rest' ? restShape(value) : value });

/** An id from the path (`/api`, `id:{x}` on `/rest`) or the query (`/rest` lists). */
function arg(ctx: HandlerContext, name: string): string {
  if (ctx.op.parameters.some((p) => p.in === 'path' && p.name === name)) return ctx.param(name);
  const q = ctx.query(name)?.[0];
  if (q === undefined) throw notFound(name, '(none given)');
  return q;
}

function get<T>(map: Map<string, T>, what: string, id: string): T {
  const found = map.get(id);
  if (found === undefined) throw notFound(what, id);
  return found;
}

const keys = (m: Map<string, unknown>) => [...m.keys()];

export const metamodelHandlers: HandlerTable = {
  'vapi.metadata.metamodel.component.list': (ctx) => answer(ctx, keys(modelOf(ctx).components)),
  'vapi.metadata.metamodel.component.get': (ctx) => answer(ctx, get(modelOf(ctx).components, 'Component', arg(ctx, 'component_id'))),
  'vapi.metadata.metamodel.component.fingerprint': (ctx) =>
    answer(ctx, get(modelOf(ctx).components, 'Component', arg(ctx, 'component_id')).fingerprint),
  'vapi.metadata.metamodel.package.list': (ctx) => answer(ctx, keys(modelOf(ctx).packages)),
  'vapi.metadata.metamodel.package.get': (ctx) => answer(ctx, get(modelOf(ctx).packages, 'Package', arg(ctx, 'package_id'))),
  'vapi.metadata.metamodel.service.list': (ctx) => answer(ctx, keys(modelOf(ctx).services)),
  'vapi.metadata.metamodel.service.get': (ctx) => answer(ctx, get(modelOf(ctx).services, 'Service', arg(ctx, 'service_id'))),
  'vapi.metadata.metamodel.service.operation.list': (ctx) =>
    answer(ctx, Object.keys(get(modelOf(ctx).services, 'Service', arg(ctx, 'service_id')).operations)),
  'vapi.metadata.metamodel.service.operation.get': (ctx) => {
    const service = get(modelOf(ctx).services, 'Service', arg(ctx, 'service_id'));
    const id = arg(ctx, 'operation_id');
    const op = service.operations[id];
    if (!op) throw notFound('Operation', id);
    return answer(ctx, op);
  },
  'vapi.metadata.metamodel.structure.list': (ctx) => answer(ctx, keys(modelOf(ctx).structures)),
  'vapi.metadata.metamodel.structure.get': (ctx) => answer(ctx, get(modelOf(ctx).structures, 'Structure', arg(ctx, 'structure_id'))),
  'vapi.metadata.metamodel.enumeration.list': (ctx) => answer(ctx, keys(modelOf(ctx).enumerations)),
  'vapi.metadata.metamodel.enumeration.get': (ctx) =>
    answer(ctx, get(modelOf(ctx).enumerations, 'Enumeration', arg(ctx, 'enumeration_id'))),
  'vapi.metadata.metamodel.resource.list': (ctx) => answer(ctx, [STRUCTURE, ENUMERATION]),
  'vapi.metadata.metamodel.resource.model.list': (ctx) => {
    const m = modelOf(ctx);
    return answer(ctx, arg(ctx, 'resource_id') === ENUMERATION ? keys(m.enumerations) : keys(m.structures));
  },
};
