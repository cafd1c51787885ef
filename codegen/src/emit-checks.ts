/**
 * Emits the ahead-of-time checks of `decoders.ts`: for each component schema, a plain
 * function `(value) => boolean` that answers exactly what the kit's Zod schema of the same
 * entry answers to "does `safeParse` succeed?". `decode` runs the check first and only builds
 * and runs the Zod schema when the check says no (to name the issues), so a first decode of
 * valid data never builds a schema, and references are direct calls: cycles need no `z.lazy`.
 *
 * The functions mirror emit-decoders' `schemaExpr` / `baseExpr` case by case (the same
 * spec construct, the same Zod semantics): objects are zod's `isObject` and read
 * `value[key]`, a field is present when `key in value` (as zod's `handlePropertyResult` has
 * it), `__proto__` shape keys are skipped, maps are zod's records (plain objects, enumerable
 * own keys), `allOf` is every member, `anyOf` / `oneOf` is some member. Helpers come from the
 * runtime's `checkKit`. Deterministic: functions numbered in the sorted order of the names.
 */
import type { OpenAPI3SchemaObject } from './emit-decoders.js';

type Schemas = Record<string, OpenAPI3SchemaObject>;
type Node = OpenAPI3SchemaObject | boolean | undefined;

const REF_PREFIX = '#/components/schemas/';
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** Enums up to this size are a chain of `===`; larger ones a Set built on first use. */
const INLINE_ENUM = 6;

/** Checks of leaf types, by kit constructor: helpers of the runtime's `checkKit` (`K`). */
const LEAF_FN = {
  string: 'K.str',
  boolean: 'K.bool',
  number: 'K.num',
  int32: 'K.int',
  int64: 'K.i64',
  unknown: 'K.any',
} as const;
type Leaf = keyof typeof LEAF_FN;

/** `value` stands for the checked value in an expression template. */
const V = '\u0000';

export interface EmittedChecks {
  /** Function name of each schema, by schema name. */
  fns: ReadonlyMap<string, string>;
  /** The function declarations (hoisted: they may follow their uses). */
  code: string;
}

function refName(ref: string): string | undefined {
  if (!ref.startsWith(REF_PREFIX)) return undefined;
  let raw = ref.slice(REF_PREFIX.length);
  try {
    raw = decodeURIComponent(raw);
  } catch {
    // keep it as written
  }
  return raw.replace(/~1/g, '/').replace(/~0/g, '~');
}

const unresolved = (s: Node): boolean => typeof s === 'object' && s !== null && s['x-vcenter-unresolved'] === true;

export function quoteJs(s: string): string {
  return JSON.stringify(s)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const access = (obj: string, key: string) => (IDENT.test(key) ? `${obj}.${key}` : `${obj}[${quoteJs(key)}]`);

class Emitter {
  private readonly out: string[] = [];
  private aux = 0;
  private enums = 0;
  readonly fns = new Map<string, string>();

  constructor(private readonly all: Schemas) {
    const names = Object.keys(all).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [i, name] of names.entries()) this.fns.set(name, `c${i}`);
  }

  run(): string {
    for (const [name, fn] of this.fns) this.define(fn, this.all[name]);
    return this.out.join('\n');
  }

  /** `function fn(x) { ... }` checking `x` against `schema`. */
  private define(fn: string, schema: Node): void {
    if (this.isShape(schema)) {
      this.object(schema, fn);
      return;
    }
    const body = this.expr(schema, 'x');
    const usesV = body.includes('(v = ');
    this.out.push(`function ${fn}(x: any): boolean {${usesV ? ' let v: any;' : ''} return ${body}; }`);
  }

  /** A plain object shape (fields to read): checked by a function of its own, with no wrapper. */
  private isShape(s: Node): s is OpenAPI3SchemaObject {
    if (typeof s !== 'object' || s === null || typeof s.$ref === 'string' || s.nullable === true || unresolved(s)) return false;
    if ((Array.isArray(s.allOf) && s.allOf.length) || s.oneOf?.length || s.anyOf?.length) return false;
    if (Array.isArray(s.enum) && s.enum.length && s.enum.every((v) => typeof v === 'string')) return false;
    if (s.type === 'array' || (s.type === undefined && s.items)) return false;
    if (!(s.type === 'object' || (s.type === undefined && (s.properties || s.additionalProperties !== undefined)))) return false;
    const keys = Object.keys(s.properties ?? {});
    const ap = s.additionalProperties;
    const typedExtra = typeof ap === 'object' && ap !== null && Object.keys(ap).length > 0;
    return !(keys.length === 0 && ap !== undefined && ap !== false) && (keys.length > 0 || typedExtra);
  }

  /** The named schema `name` refers to, when it resolves (as `schemaExpr` has it). */
  private target(s: OpenAPI3SchemaObject): string | undefined {
    const name = typeof s.$ref === 'string' ? refName(s.$ref) : undefined;
    if (name === undefined || !Object.hasOwn(this.all, name) || unresolved(this.all[name])) return undefined;
    return name;
  }

  /** A named schema whose check is short enough to repeat at each reference: a scalar, an enum of a few values. */
  private inlinable(s: Node): boolean {
    if (typeof s !== 'object' || s === null || typeof s.$ref === 'string') return false;
    if (Array.isArray(s.enum) && s.enum.length && s.enum.every((v) => typeof v === 'string'))
      return !s.allOf?.length && !s.oneOf?.length && !s.anyOf?.length && new Set(s.enum).size <= INLINE_ENUM;
    const leaf = this.leaf(s);
    return leaf !== undefined && leaf !== 'unknown';
  }

  /** A function checking one value against `schema`: a leaf helper, a named check or a new one. */
  private fn(schema: Node): string {
    if (typeof schema !== 'object' || schema === null) return LEAF_FN.unknown;
    if (typeof schema.$ref === 'string') {
      const name = this.target(schema);
      return name === undefined ? LEAF_FN.unknown : this.fns.get(name)!;
    }
    if (schema.nullable !== true) {
      const leaf = this.leaf(schema);
      if (leaf) return LEAF_FN[leaf];
    }
    const fn = `a${this.aux++}`;
    this.define(fn, schema);
    return fn;
  }

  /** The leaf kind `baseExpr` gives `s`, if it is one. */
  private leaf(s: OpenAPI3SchemaObject): Leaf | undefined {
    if (unresolved(s)) return 'unknown';
    if (Array.isArray(s.allOf) && s.allOf.length) return undefined;
    if (s.oneOf?.length || s.anyOf?.length) return undefined;
    if (Array.isArray(s.enum) && s.enum.length && s.enum.every((v) => typeof v === 'string')) return undefined;
    const type = s.type;
    if (type === 'array' || (type === undefined && s.items)) return undefined;
    if (type === 'object' || (type === undefined && (s.properties || s.additionalProperties !== undefined))) return undefined;
    if (type === 'string' || type === 'boolean' || type === 'number') return type;
    if (type === 'integer') return s.format === 'int32' ? 'int32' : 'int64';
    return 'unknown';
  }

  /** An expression true when `value` (an identifier) passes `schema`: mirrors `schemaExpr`. */
  expr(schema: Node, value: string): string {
    return this.template(schema).split(V).join(value);
  }

  /** The expression of `schemaExpr`, with V for the value. */
  private template(schema: Node): string {
    if (typeof schema !== 'object' || schema === null) return 'true';
    if (typeof schema.$ref === 'string') {
      const name = this.target(schema);
      if (name === undefined) return 'true';
      // A small enum or a scalar is inlined: cold code runs faster without the call.
      return this.inlinable(this.all[name]) ? this.template(this.all[name]) : `${this.fns.get(name)}(${V})`;
    }
    const base = this.base(schema);
    return schema.nullable === true ? `(${V} === null || ${base})` : base;
  }

  private base(s: OpenAPI3SchemaObject): string {
    if (unresolved(s)) return 'true';
    if (Array.isArray(s.allOf) && s.allOf.length) {
      const members: Node[] = [...s.allOf];
      if (s.properties || s.additionalProperties !== undefined) {
        const { allOf: _a, nullable: _n, ...rest } = s;
        members.push(rest);
      }
      return `(${members.map((m) => this.template(m)).join(' && ')})`;
    }
    const alternatives = s.oneOf?.length ? s.oneOf : s.anyOf?.length ? s.anyOf : undefined;
    if (alternatives) {
      return alternatives.length === 1 ? this.template(alternatives[0]) : `(${alternatives.map((m) => this.template(m)).join(' || ')})`;
    }
    if (Array.isArray(s.enum) && s.enum.length && s.enum.every((v) => typeof v === 'string')) return this.enumOf(s.enum as string[]);
    const type = s.type;
    if (type === 'array' || (type === undefined && s.items)) return `K.arr(${V}, ${this.fn(s.items)})`;
    if (type === 'object' || (type === undefined && (s.properties || s.additionalProperties !== undefined))) return this.object(s);
    switch (this.leaf(s)) {
      case 'string':
        return `typeof ${V} === 'string'`;
      case 'boolean':
        return `typeof ${V} === 'boolean'`;
      case 'number':
        return `K.num(${V})`;
      case 'int32':
        return `Number.isSafeInteger(${V})`;
      case 'int64':
        return `(typeof ${V} === 'number' ? Number.isSafeInteger(${V}) : typeof ${V} === 'bigint')`;
      default:
        return 'true';
    }
  }

  private enumOf(values: string[]): string {
    const unique = [...new Set(values)];
    if (unique.length <= INLINE_ENUM) return `(${unique.map((v) => `${V} === ${quoteJs(v)}`).join(' || ')})`;
    const id = `e${this.enums++}`;
    this.out.push(`let ${id}: Set<unknown> | undefined;`);
    return `(${id} ??= new Set(${JSON.stringify(unique)})).has(${V})`;
  }

  private object(s: OpenAPI3SchemaObject, name?: string): string {
    const props = s.properties ?? {};
    const keys = Object.keys(props);
    const ap = s.additionalProperties;
    const typedExtra = typeof ap === 'object' && ap !== null && Object.keys(ap).length > 0;
    if (keys.length === 0 && ap !== undefined && ap !== false) return typedExtra ? `K.rec(${V}, ${this.fn(ap)})` : `K.plain(${V})`;
    if (keys.length === 0 && !typedExtra) return `K.obj(${V})`;
    // A shape is checked by a function of its own: its fields read properties of the value.
    const fn = name ?? `a${this.aux++}`;
    const required = new Set((s.required ?? []).filter((r) => Object.hasOwn(props, r)));
    const parts = ["typeof x === 'object' && x !== null && !Array.isArray(x)"];
    for (const key of keys) {
      if (key === '__proto__') continue;
      parts.push(this.field(key, props[key], required.has(key)));
    }
    if (typedExtra) parts.push(`K.extra(x, ${fn}k, ${this.fn(ap)})`);
    const body = parts.join(' && ');
    if (typedExtra) this.out.push(`const ${fn}k = new Set(${JSON.stringify(keys)});`);
    this.out.push(`function ${fn}(x: any): boolean {${body.includes('(v = ') ? ' let v: any;' : ''} return ${body}; }`);
    return `${fn}(${V})`;
  }

  /** One field: zod's `handlePropertyResult` for a required or an optional (`.optional()`) field. */
  private field(key: string, schema: Node, required: boolean): string {
    const read = access('x', key);
    const t = this.template(schema);
    const once = t.split(V).length === 2;
    const check = once ? t.replace(V, read) : `(v = ${read}, ${t.split(V).join('v')})`;
    const present = `${quoteJs(key)} in x`;
    // Absent means `value[key]` is undefined: only a schema that accepts undefined needs the `in`.
    if (required) return this.acceptsUndefined(schema, new Set()) ? `(${present} && ${check})` : check;
    return `((v = ${read}) === undefined || ${t.split(V).join('v')})`;
  }

  /** Whether `schema` may accept `undefined` (then a required field must also be present). */
  private acceptsUndefined(schema: Node, seen: Set<string>): boolean {
    if (typeof schema !== 'object' || schema === null) return true;
    if (typeof schema.$ref === 'string') {
      const name = this.target(schema);
      if (name === undefined) return true;
      if (seen.has(name)) return true;
      seen.add(name);
      return this.acceptsUndefined(this.all[name], seen);
    }
    if (unresolved(schema)) return true;
    if (Array.isArray(schema.allOf) && schema.allOf.length) return schema.allOf.every((m) => this.acceptsUndefined(m, seen));
    const alternatives = schema.oneOf?.length ? schema.oneOf : schema.anyOf?.length ? schema.anyOf : undefined;
    if (alternatives) return alternatives.some((m) => this.acceptsUndefined(m, seen));
    return this.leaf(schema) === 'unknown';
  }
}

/** The checks of every schema of `schemas` (the `components.schemas` emit-decoders reads). */
export function emitChecks(schemas: Schemas): EmittedChecks {
  const e = new Emitter(schemas);
  const code = e.run();
  return { fns: e.fns, code };
}

/** What one line of emitted checks declares: `function c12(`, `let e3:`, `const a4k =`. */
const DECLARES = /^(?:function ([ace]\d+k?)\(|let ([ace]\d+k?):|const ([ace]\d+k?) =)/;
const MENTIONS = /\b[ace]\d+k?\b/g;

/**
 * The declarations of `code` (one per line, as `emitChecks` writes them) that given functions
 * reach: `closure(roots)` answers them in their order, a set of checks that stands alone, for a
 * module that needs only some schemas' checks. The lines are indexed once for every closure.
 */
export function checksClosures(code: string): (roots: Iterable<string>) => string {
  const lines = code.split('\n');
  const byName = new Map<string, number>();
  const mentions: string[][] = [];
  for (const [i, line] of lines.entries()) {
    const m = DECLARES.exec(line);
    const name = m?.[1] ?? m?.[2] ?? m?.[3];
    if (name) byName.set(name, i);
    mentions.push(line.match(MENTIONS) ?? []);
  }
  return (roots) => {
    const keep = new Set<number>();
    const todo = [...roots];
    while (todo.length) {
      const i = byName.get(todo.pop()!);
      if (i === undefined || keep.has(i)) continue;
      keep.add(i);
      todo.push(...mentions[i]!);
    }
    return [...keep]
      .sort((x, y) => x - y)
      .map((i) => lines[i])
      .join('\n');
  };
}
