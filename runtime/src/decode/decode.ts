/**
 * `decode`: checks a response body against its schema and reports how it deviates
 * from the spec, without ever handing the caller anything but the data it received.
 *
 * - `report` (default): every deviation is an issue passed to `onIssue`; the data is
 *   returned as received (the caller's object, not zod's copy).
 * - `strict`: any deviation throws a `DecodeError`.
 * - `off`: no validation at all; the data is returned as is.
 *
 * In every mode but `off`, a `null` where an array belongs is replaced by `[]` in
 * place (a `null_array` issue, never fatal). Unknown fields are never issues.
 * Steps: zod's issues → `DecodeIssue`s (issues.ts, reads only), then the repair (repair.ts).
 */
import type { z } from 'zod';
import type { LazySchema } from '../descriptor.js';
import { DecodeError } from '../errors.js';
import { checkOf } from './checks.js';
import { undeclaredFields } from './drift.js';
import { jsonPath, toIssues } from './issues.js';
import { repairNullArrays } from './repair.js';

export type DecodeMode = 'strict' | 'report' | 'off';

export type DecodeIssueCode =
  /** A required field is absent. */
  | 'missing_required'
  /** `null` where an array belongs; replaced with `[]` (never fatal). */
  | 'null_array'
  /** A string that is not one of the enum's values. */
  | 'unknown_enum'
  /** A value of the wrong JSON type (`received` names the type, never the value). */
  | 'invalid_type'
  /** An int64 number beyond 2^53: JSON.parse rounded it. Parse with `int64: 'bigint'` to keep it exact. */
  | 'int64_precision'
  /** A value that none of the members of a `oneOf` / `anyOf` accepts. */
  | 'invalid_union'
  /** Any other constraint the value breaks. */
  | 'invalid_value'
  /** A field the release's spec does not declare (drift: the server is ahead of the spec). Only with `reportUndeclared`; never fatal. */
  | 'undeclared_field';

export type PathKey = string | number;

export interface DecodeIssue {
  operation: string;
  release: string;
  /** JSON path of the offending value: `$.value[3].power_state`. */
  path: string;
  /** The same path as keys: `['value', 3, 'power_state']`. */
  keys: PathKey[];
  code: DecodeIssueCode;
  message: string;
  /** What the spec expects: a type name, `one of A|B`, ... */
  expected?: string;
  /** What came instead: a type name; for `unknown_enum`, the (truncated) enum value. Never any other value. */
  received?: string;
}

export interface DecodeOptions {
  /** Default `report`. */
  mode?: DecodeMode;
  /** Operation name, copied into issues: `vcenter.vm.list`. */
  operation: string;
  /** Release id, copied into issues: `7.0.3`. */
  release: string;
  /** Receives each issue that does not throw (all of them in `report` mode, repairs in `strict` mode). */
  onIssue?: (issue: DecodeIssue) => void;
  /**
   * How integers beyond 2^53 were parsed (see `parseJson`). Informational: int64
   * schemas accept a bigint in either mode, and report a number beyond 2^53 in either mode.
   */
  int64?: 'number' | 'bigint';
  /** Keys prefixed to every issue path, e.g. `['value']` when decoding the inside of a `/rest` wrapper. */
  basePath?: readonly PathKey[];
  /**
   * Zod's eval-compiled fast path. Compiling costs about 0.3 ms per object schema on its
   * first parse (about 10 ms for one as wide as a VM's); afterwards it makes lists about
   * 4x faster and the real generated decoders of single objects 3x to 6x faster (a 7.0.3 VM:
   * about 26 µs → 8 µs). `adaptive` (default) uses it for a schema decoded often enough to
   * pay the compilation back: a list (an array at the top) after `HOT_AFTER` decodes, any
   * other value after `HOT_OBJECT_AFTER`. One-off decodes stay cheap, a list polled every few
   * seconds or a `get` in a loop gets fast. `never` also suits environments that forbid
   * `new Function` (zod detects those itself). See `bench/decode.bench.ts` and `bench/call.bench.ts`.
   */
  jit?: 'adaptive' | 'always' | 'never';
  /** Also report every field the data carries that the schema does not declare (`undeclared_field`). Off by default. */
  reportUndeclared?: boolean | undefined;
}

export interface DecodeResult<T> {
  /** The data as received (with `null` arrays replaced by `[]`). */
  data: T;
  /** Every deviation found (empty when the data matches the spec). */
  issues: readonly DecodeIssue[];
}

export { DecodeError, jsonPath };

const NO_ISSUES: readonly DecodeIssue[] = Object.freeze([]);
const JIT_CTX = undefined;
const JITLESS_CTX = Object.freeze({ jitless: true });
/** `adaptive` jit: list decodes of a schema run without zod's compiled fast path until this many have run. */
export const HOT_AFTER = 2;
/**
 * `adaptive` jit: the same for any other value (one object). Compiling a 7.0.3 VM's schema
 * takes about 10 ms, what some 500 of its slow decodes lose (about 18 µs each; a small object:
 * 0.7 ms against 2 µs): a schema that has served 100 decodes is in steady use, and a script
 * that gets a few objects never compiles.
 */
export const HOT_OBJECT_AFTER = 100;
const decodeCounts = new WeakMap<object, number>();

function useJit(schema: z.ZodType, data: unknown, policy: DecodeOptions['jit']): boolean {
  if (policy === 'always') return true;
  if (policy === 'never') return false;
  const n = decodeCounts.get(schema) ?? 0;
  if (n >= (Array.isArray(data) ? HOT_AFTER : HOT_OBJECT_AFTER)) return true;
  decodeCounts.set(schema, n + 1);
  return false;
}

/** Checks `data` against `schema` (a zod schema or a lazy builder of one) as `options.mode` says. */
export function decode<T>(schema: z.ZodType<T> | LazySchema<T>, data: unknown, options: DecodeOptions): DecodeResult<T> {
  const mode = options.mode ?? 'report';
  if (mode === 'off') return { data: data as T, issues: NO_ISSUES };
  // The ahead-of-time check accepts exactly what the schema accepts: valid data never builds it.
  const check = checkOf(schema);
  if (check?.(data) === true) {
    const valid = { data: data as T, issues: NO_ISSUES };
    return options.reportUndeclared ? withUndeclared(typeof schema === 'function' ? schema() : schema, valid, options) : valid;
  }
  const s = typeof schema === 'function' ? schema() : schema;
  const result = s.safeParse(data, useJit(s, data, options.jit) ? JIT_CTX : JITLESS_CTX);
  if (result.success)
    return options.reportUndeclared
      ? withUndeclared(s, { data: data as T, issues: NO_ISSUES }, options)
      : { data: data as T, issues: NO_ISSUES };

  const issues = toIssues(result.error.issues, data, options);
  // Repaired before a strict throw too, as it always was: the caller's data ends the same either way.
  const repaired = repairNullArrays(data, issues, options.basePath?.length ?? 0);
  if (mode === 'strict' && issues.some((i) => i.code !== 'null_array')) {
    throw new DecodeError(issues, options.operation, options.release);
  }
  const onIssue = options.onIssue;
  if (onIssue) for (const issue of issues) onIssue(issue);
  const decoded = { data: repaired as T, issues };
  return options.reportUndeclared ? withUndeclared(s, decoded, options) : decoded;
}

/** `result` with an `undeclared_field` issue (also passed to `onIssue`) for each field the schema does not declare. */
function withUndeclared<T>(s: z.ZodType, result: DecodeResult<T>, options: DecodeOptions): DecodeResult<T> {
  const found = undeclaredFields(s, result.data);
  if (found.length === 0) return result;
  const base = options.basePath ?? [];
  const drift = found.map((keys): DecodeIssue => {
    const full = base.length ? [...base, ...keys] : keys;
    return {
      operation: options.operation,
      release: options.release,
      path: jsonPath(full),
      keys: full,
      code: 'undeclared_field',
      message: `field not declared by the ${options.release} spec`,
    };
  });
  if (options.onIssue) for (const issue of drift) options.onIssue(issue);
  return { data: result.data, issues: [...result.issues, ...drift] };
}
