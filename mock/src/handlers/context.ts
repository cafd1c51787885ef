/**
 * What a modelled operation's handler sees, the same for `/api` and `/rest`: the operation,
 * path parameters, query values under either style's name (`names` or `filter.names`), the
 * request body with `/rest`'s wrapper key taken off, and the vCenter's state.
 */
import { invalidArgument, MockFault, notFound, type Style } from '../errors.js';
import type { Inventory } from '../inventory/model.js';
import type { Random } from '../random.js';
import type { OperationSpec } from '../routes.js';
import type { TaskStore } from '../tasks.js';

export interface HandlerContext {
  op: OperationSpec;
  style: Style;
  release: string;
  inventory: Inventory;
  tasks: TaskStore;
  /** The user of the session. */
  user: string;
  random: Random;
  /** `http://127.0.0.1:PORT` as the client reached the mock. */
  origin: string;
  /** A path parameter by name. */
  param(name: string): string;
  /** The values of a query list (`names=a&names=b`, `names=a,b`, `filter.names=…`), undefined when absent. */
  query(name: string): string[] | undefined;
  /** The JSON body; on `/rest`, the value under `restKey` (`spec`, `create_spec`…) when given. */
  body(restKey?: string): Record<string, unknown>;
  now(): Date;
}

/** What a handler answers: the result as the client sees it (`/rest`'s `{value}` is added by the dispatcher). */
export interface HandlerResult {
  value?: unknown;
}

// biome-ignore lint/suspicious/noConfusingVoidType: a handler that only throws or mutates returns nothing.
export type Handler = (ctx: HandlerContext) => HandlerResult | void;

/** Handlers by model name (`vcenter.vm.list` serves `vcenter.vm.list` and `rest.vcenter.vm.list`). */
export type HandlerTable = Readonly<Record<string, Handler>>;

export function buildContext(args: {
  op: OperationSpec;
  release: string;
  inventory: Inventory;
  tasks: TaskStore;
  user: string;
  random: Random;
  params: Record<string, string>;
  search: URLSearchParams;
  body: unknown;
  origin?: string;
  now: () => Date;
}): HandlerContext {
  const { op, params, search, body } = args;
  return {
    op,
    style: op.style,
    release: args.release,
    inventory: args.inventory,
    tasks: args.tasks,
    user: args.user,
    random: args.random,
    origin: args.origin ?? 'http://127.0.0.1',
    now: args.now,
    param: (name) => {
      // 6.7.0 spells some path parameters with a dash (`{resource-pool}`).
      const v = params[name] ?? params[name.replace(/_/g, '-')];
      if (v === undefined) throw new MockFault('ERROR', 'com.vmware.mock.internal', `${op.name}: no path parameter ${name}`);
      return v;
    },
    query: (name) => {
      const keys = [name, `filter.${name}`, `spec.${name}`];
      const values = keys.flatMap((k) => [...search.getAll(k), ...search.getAll(`${k}[]`)]);
      if (values.length === 0) return undefined;
      return values.flatMap((v) => v.split(',')).filter((v) => v !== '');
    },
    body: (restKey) => {
      const b = body ?? {};
      if (typeof b !== 'object' || Array.isArray(b)) throw invalidArgument('The request body must be a JSON object');
      const inner = op.style === 'rest' && restKey !== undefined ? (b as Record<string, unknown>)[restKey] : b;
      if (inner === undefined && op.style === 'rest' && restKey !== undefined)
        throw invalidArgument(`The request body needs '${restKey}'`, restKey);
      if (typeof inner !== 'object' || inner === null || Array.isArray(inner))
        throw invalidArgument(`'${restKey ?? 'body'}' must be an object`, restKey);
      return inner as Record<string, unknown>;
    },
  };
}

/** A required string field of a body. */
export function requireString(spec: Record<string, unknown>, field: string): string {
  const v = spec[field];
  if (typeof v !== 'string' || v === '') throw invalidArgument(`${field} is required`, field);
  return v;
}

/** Checks each value of a filter against an enum, as vCenter does (INVALID_ARGUMENT naming the value). */
export function checkEnum(field: string, values: readonly string[] | undefined, allowed: readonly string[]): void {
  for (const v of values ?? []) {
    if (!allowed.includes(v)) throw invalidArgument(`Invalid value '${v}' for ${field}; expected one of ${allowed.join(', ')}`, field);
  }
}

/** `list.filter(...)` with each given filter: no filter, or the value among the filter's. */
export function byFilters<T>(items: Iterable<T>, filters: [string[] | undefined, (item: T) => string | undefined][]): T[] {
  return [...items].filter((item) => filters.every(([wanted, key]) => wanted === undefined || wanted.includes(key(item) ?? '')));
}

/** The object with this id, or NOT_FOUND naming it (`Virtual machine vm-missing not found`). */
export function find<T>(map: ReadonlyMap<string, T>, what: string, id: string): T {
  const found = map.get(id);
  if (found === undefined) throw notFound(what, id);
  return found;
}

/** A map-valued field: an object on `/api`, a list of `{key, value}` on `/rest`. */
export function keyed(style: Style, entries: [string, unknown][]): unknown {
  return style === 'api' ? Object.fromEntries(entries) : entries.map(([key, value]) => ({ key, value }));
}
