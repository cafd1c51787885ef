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
  /** The served releases that answer for `release`: itself, then the older ones, newest first. */
  answerers: readonly string[];
  inventory: Inventory;
  tasks: TaskStore;
  /** The user of the session. */
  user: string;
  random: Random;
  /** `http://127.0.0.1:PORT` as the client reached the mock. */
  origin: string;
  // The methods are the context's own (one set for every request): `this` makes tsc refuse a
  // destructured `const { query } = ctx`, which would call them without it.
  /** A path parameter by name. */
  param(this: HandlerContext, name: string): string;
  /** The values of a query list (`names=a&names=b`, `names=a,b`, `filter.names=…`), undefined when absent. */
  query(this: HandlerContext, name: string): string[] | undefined;
  /** The JSON body; on `/rest`, the value under `restKey` (`spec`, `create_spec`…) when given. */
  body(this: HandlerContext, restKey?: string): Record<string, unknown>;
  now(this: HandlerContext): Date;
}

/** What a handler answers: the result as the client sees it (`/rest`'s `{value}` is added by the dispatcher). */
export interface HandlerResult {
  value?: unknown;
}

// biome-ignore lint/suspicious/noConfusingVoidType: a handler that only throws or mutates returns nothing.
export type Handler = (ctx: HandlerContext) => HandlerResult | void;

/** Handlers by model name (`vcenter.vm.list` serves `vcenter.vm.list` and `rest.vcenter.vm.list`). */
export type HandlerTable = Readonly<Record<string, Handler>>;

export interface ContextArgs {
  op: OperationSpec;
  release: string;
  answerers?: readonly string[];
  inventory: Inventory;
  tasks: TaskStore;
  user: string;
  random: Random;
  params: Record<string, string>;
  search: URLSearchParams;
  body: unknown;
  origin?: string | undefined;
  now: () => Date;
}

/** A class, not an object of closures: its methods are made once, not on every request. */
class RequestContext implements HandlerContext {
  readonly op: OperationSpec;
  readonly style: Style;
  readonly release: string;
  readonly answerers: readonly string[];
  readonly inventory: Inventory;
  readonly tasks: TaskStore;
  readonly user: string;
  readonly random: Random;
  readonly origin: string;
  private readonly params: Record<string, string>;
  private readonly search: URLSearchParams;
  private readonly rawBody: unknown;
  private readonly clock: () => Date;

  constructor(args: ContextArgs) {
    this.op = args.op;
    this.style = args.op.style;
    this.release = args.release;
    this.answerers = args.answerers ?? [args.release];
    this.inventory = args.inventory;
    this.tasks = args.tasks;
    this.user = args.user;
    this.random = args.random;
    this.origin = args.origin ?? 'http://127.0.0.1';
    this.params = args.params;
    this.search = args.search;
    this.rawBody = args.body;
    this.clock = args.now;
  }

  now(): Date {
    return this.clock();
  }

  param(name: string): string {
    // 6.7.0 spells some path parameters with a dash (`{resource-pool}`).
    const v = this.params[name] ?? this.params[name.replace(/_/g, '-')];
    if (v === undefined) throw new MockFault('ERROR', 'com.vmware.mock.internal', `${this.op.name}: no path parameter ${name}`);
    return v;
  }

  query(name: string): string[] | undefined {
    const search = this.search;
    if (search.size === 0) return undefined;
    const keys = [name, `filter.${name}`, `spec.${name}`];
    const values = keys.flatMap((k) => [...search.getAll(k), ...search.getAll(`${k}[]`)]);
    if (values.length === 0) return undefined;
    return values.flatMap((v) => v.split(',')).filter((v) => v !== '');
  }

  body(restKey?: string): Record<string, unknown> {
    const op = this.op;
    const b = this.rawBody ?? {};
    if (typeof b !== 'object' || Array.isArray(b)) throw invalidArgument('The request body must be a JSON object');
    const inner = op.style === 'rest' && restKey !== undefined ? (b as Record<string, unknown>)[restKey] : b;
    if (inner === undefined && op.style === 'rest' && restKey !== undefined)
      throw invalidArgument(`The request body needs '${restKey}'`, restKey);
    if (typeof inner !== 'object' || inner === null || Array.isArray(inner))
      throw invalidArgument(`'${restKey ?? 'body'}' must be an object`, restKey);
    return inner as Record<string, unknown>;
  }
}

export function buildContext(args: ContextArgs): HandlerContext {
  return new RequestContext(args);
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

/** A list filter: its query parameter, and the value of an item that the parameter's values are matched against. */
export type ListFilter<T> = readonly [query: string, key: (item: T, inventory: Inventory) => string | undefined];

/**
 * The handler of a list operation: the items `of` the inventory that each filter admits
 * (`byFilters`: a parameter not given admits all, as vCenter's filters do), written as `summary` writes one.
 * `enums` are the parameters whose values must be of a set (INVALID_ARGUMENT otherwise).
 */
export function listing<T>(
  of: (inventory: Inventory) => Iterable<T>,
  filters: readonly ListFilter<T>[],
  summary: (item: T) => unknown,
  enums: Readonly<Record<string, readonly string[]>> = {},
): Handler {
  return (ctx) => {
    for (const [name, allowed] of Object.entries(enums)) checkEnum(name, ctx.query(name), allowed);
    const inv = ctx.inventory;
    return {
      value: byFilters(
        of(inv),
        filters.map(([name, key]) => [ctx.query(name), (item: T) => key(item, inv)]),
      ).map(summary),
    };
  };
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
