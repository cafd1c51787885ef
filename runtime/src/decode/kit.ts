/**
 * The schema kit: the few constructors generated `decoders.ts` modules build their
 * Zod schemas with.
 *
 * Every constructor returns the loose `Schema` type (`z.ZodType`), never the precise
 * inferred Zod type: a release has thousands of schemas, and letting tsc infer their
 * Zod types costs gigabytes. Generated code annotates each named schema with its
 * openapi-typescript type instead (`k.lazy<S['Name']>(...)`).
 *
 * Named schemas live in a registry that builds each one on first use and memoizes it;
 * references between schemas (`k.ref('Name')`) go through `z.lazy`, so importing a
 * generated module builds nothing and recursive schemas work.
 */
import type { z } from 'zod';
import { loadZod } from '../internal/zod.js';
import type { LazySchema } from '../descriptor.js';
import { CHECK, type Check } from './checks.js';

/** The loose type every kit constructor returns. */
export type Schema = z.ZodType;

/** Marker put in the `params` of kit-made custom checks, read back by `decode`. */
export const INT64_CHECK = 'vcenter-sdk:int64';

export interface SchemaKit {
  /**
   * Registers the named schema `name` and returns its lazy builder: `build` runs on the
   * first call only, later calls return the same instance. `T` is the declared type
   * of the decoded value (the openapi-typescript type); the builder is only checked
   * against the loose `Schema`. `check`, emitted ahead of time, answers whether the schema
   * accepts a value without building it (`decode` runs it first).
   */
  lazy<T = unknown>(name: string, build: () => Schema, check?: Check): LazySchema<T>;
  /** A reference to the named schema `name` of this kit, resolved on first parse (`z.lazy`). */
  ref(name: string): Schema;
  /**
   * An object that accepts unknown fields (they never fail and are kept in zod's output).
   * Keys not listed in `required` are optional. `extra` (OpenAPI `additionalProperties`)
   * validates the values of unknown fields when given.
   */
  object(shape: Readonly<Record<string, Schema>>, required?: readonly string[], extra?: Schema): Schema;
  /** An array. `null` where an array belongs is a `null_array` issue that `decode` repairs to `[]`. */
  array(item: Schema): Schema;
  /** A map (`additionalProperties`): string keys, values of schema `value` (anything when omitted). */
  map(value?: Schema): Schema;
  /** A string enum. An unknown value is an `unknown_enum` issue (reported in `report` mode, rejected in `strict`). */
  enumOf(values: readonly string[]): Schema;
  /** An int64: a number that is a safe integer, or a bigint. A number beyond 2^53 is an `int64_precision` issue. */
  int64(): Schema;
  /** An int32 (`format: int32`): an integer number. */
  int32(): Schema;
  /** Any JSON number (`type: number`, `format: double / float`). */
  number(): Schema;
  /** Any string (formats `date-time`, `uri`, `password`, ... are not checked). */
  string(): Schema;
  boolean(): Schema;
  /** Anything (empty schemas, unresolved `$ref`s). */
  unknown(): Schema;
  /** `nullable: true`. */
  nullable(schema: Schema): Schema;
  /** `allOf`: every member must accept the value. */
  allOf(schemas: readonly Schema[]): Schema;
  /** `oneOf` / `anyOf`: some member must accept the value. */
  anyOf(schemas: readonly Schema[]): Schema;
  /** Names registered so far, in registration order. */
  names(): string[];
  /** How many named schemas have been built (builder calls) so far. */
  readonly built: number;
}

// Leaf schemas carry no state: one instance serves every kit and every schema.
let leaves:
  | {
      string: Schema;
      boolean: Schema;
      number: Schema;
      int32: Schema;
      int64: Schema;
      unknown: Schema;
      anyMap: Schema;
    }
  | undefined;

function getLeaves() {
  return (leaves ??= {
    string: loadZod().string(),
    boolean: loadZod().boolean(),
    number: loadZod().number(),
    int32: loadZod().int(),
    int64: loadZod().custom<number | bigint>((v) => (typeof v === 'number' ? Number.isSafeInteger(v) : typeof v === 'bigint'), {
      params: { check: INT64_CHECK },
      error: 'expected an int64',
    }),
    unknown: loadZod().unknown(),
    anyMap: loadZod().record(loadZod().string(), loadZod().unknown()),
  });
}

// `s.optional()` of a shared schema is shared as well.
const optionals = new WeakMap<Schema, Schema>();
function optional(s: Schema): Schema {
  let o = optionals.get(s);
  if (!o) {
    o = s.optional();
    optionals.set(s, o);
  }
  return o;
}

/**
 * Marks objects whose fields are exactly their shape (no `additionalProperties`): any other
 * field is undeclared. A registered symbol, not a module-local set, so that the mark made by
 * one copy of the runtime (a release package's) reads in another (the caller's), as INT64_CHECK does.
 */
const DECLARED_SHAPE = Symbol.for('vcenter-sdk:declared-shape');
export const isDeclaredShape = (s: Schema): boolean => (s as unknown as Record<symbol, unknown>)[DECLARED_SHAPE] === true;

/** A new kit with its own registry of named schemas (one per generated module). */
export function schemaKit(): SchemaKit {
  const registry = new Map<string, LazySchema>();
  let built = 0;
  const enums = new Map<string, Schema>();

  const kit: SchemaKit = {
    lazy<T>(name: string, build: () => Schema, check?: Check): LazySchema<T> {
      let instance: Schema | undefined;
      const get = (): z.ZodType<T> => {
        if (instance === undefined) {
          built++;
          instance = build();
        }
        return instance as z.ZodType<T>;
      };
      if (check) (get as unknown as Record<symbol, Check>)[CHECK] = check;
      registry.set(name, get);
      return get;
    },
    ref(name) {
      return loadZod().lazy(() => {
        const get = registry.get(name);
        if (!get) throw new Error(`vcenter-sdk: schema '${name}' is not registered in this decoder module`);
        return get();
      });
    },
    object(shape, required = [], extra) {
      const req = new Set(required);
      const fields: Record<string, Schema> = {};
      for (const key of Object.keys(shape)) {
        const s = shape[key]!;
        fields[key] = req.has(key) ? s : optional(s);
      }
      if (extra) return loadZod().object(fields).catchall(extra);
      const o = loadZod().looseObject(fields);
      Object.defineProperty(o, DECLARED_SHAPE, { value: true });
      return o;
    },
    array(item) {
      return loadZod().array(item);
    },
    map(value) {
      return value ? loadZod().record(loadZod().string(), value) : getLeaves().anyMap;
    },
    enumOf(values) {
      const key = values.join('\u0000');
      let e = enums.get(key);
      if (!e) {
        e = loadZod().enum(values as [string, ...string[]]);
        enums.set(key, e);
      }
      return e;
    },
    int64: () => getLeaves().int64,
    int32: () => getLeaves().int32,
    number: () => getLeaves().number,
    string: () => getLeaves().string,
    boolean: () => getLeaves().boolean,
    unknown: () => getLeaves().unknown,
    nullable(s) {
      return s.nullable();
    },
    allOf(schemas) {
      if (schemas.length === 0) return getLeaves().unknown;
      let acc = schemas[0]!;
      for (let i = 1; i < schemas.length; i++) acc = loadZod().intersection(acc, schemas[i]!);
      return acc;
    },
    anyOf(schemas) {
      if (schemas.length === 0) return getLeaves().unknown;
      if (schemas.length === 1) return schemas[0]!;
      return loadZod().union(schemas as [Schema, Schema, ...Schema[]]);
    },
    names() {
      return [...registry.keys()];
    },
    get built() {
      return built;
    },
  };
  return kit;
}
