/**
 * Zod's issues → `DecodeIssue`s: the code, message, expected and received of each, with its
 * full path. It reads the data to tell a missing field from a wrong one; it never writes it
 * (the `null` → `[]` repair is repair.ts).
 */
import type { z } from 'zod';
import type { DecodeIssue, DecodeIssueCode, DecodeOptions, PathKey } from './decode.js';
import { INT64_CHECK } from './kit.js';

/** What zod's issue says of one value: its code and message, and what it found there. */
interface Finding {
  code: DecodeIssueCode;
  message: string;
  received?: string | undefined;
}

const MISSING: Finding = { code: 'missing_required', message: 'missing required field' };

const isInt64 = (iss: z.core.$ZodIssue): boolean =>
  iss.code === 'custom' && (iss.params as { check?: unknown } | undefined)?.check === INT64_CHECK;

/** What the schema expected, as the issue tells it (undefined: nothing worth saying). */
function expectedOf(iss: z.core.$ZodIssue): string | undefined {
  if (iss.code === 'invalid_type') return iss.expected === 'nonoptional' ? undefined : iss.expected;
  if (iss.code === 'invalid_value') return `one of ${iss.values.map(String).join('|')}`;
  return isInt64(iss) ? 'int64' : undefined;
}

/** The finding for a value that is there (a custom check other than int64: whether or not it is there). */
function findingOf(iss: z.core.$ZodIssue, value: unknown, expected: string | undefined): Finding {
  switch (iss.code) {
    case 'invalid_type': {
      if (value === null && iss.expected === 'array')
        return { code: 'null_array', message: 'null where an array belongs; replaced with []', received: 'null' };
      const received = typeName(value);
      return { code: 'invalid_type', received, message: `expected ${expected ?? 'a value'}, received ${received}` };
    }
    case 'invalid_value': {
      if (typeof value === 'string') {
        const received = value.length > 64 ? `${value.slice(0, 64)}…` : value;
        return { code: 'unknown_enum', received, message: `unknown enum value '${received}', expected ${expected}` };
      }
      const received = typeName(value);
      return { code: 'invalid_type', received, message: `expected ${expected}, received ${received}` };
    }
    case 'custom': {
      if (!isInt64(iss)) return { code: 'invalid_value', received: typeName(value), message: 'value fails a check' };
      if (typeof value === 'number' && Number.isInteger(value))
        return { code: 'int64_precision', received: 'number', message: 'int64 value beyond 2^53 lost precision' };
      const received = typeof value === 'number' ? 'non-integer number' : typeName(value);
      return { code: 'invalid_type', received, message: `expected int64, received ${received}` };
    }
    case 'invalid_union': {
      const received = typeName(value);
      return { code: 'invalid_union', received, message: `value matches none of the allowed schemas (received ${received})` };
    }
    default:
      // too_big, too_small, invalid_format, invalid_key, ... (zod's messages name limits, not values)
      return { code: 'invalid_value', received: typeName(value), message: `${iss.code}: ${iss.message}` };
  }
}

/** The issues of `data` as zod reported them, in zod's order. */
export function toIssues(
  zodIssues: readonly z.core.$ZodIssue[],
  data: unknown,
  options: Pick<DecodeOptions, 'operation' | 'release' | 'basePath'>,
): DecodeIssue[] {
  const out: DecodeIssue[] = [];
  const base = options.basePath ?? [];
  for (const iss of zodIssues) {
    const keys = iss.path.filter((k): k is PathKey => typeof k !== 'symbol');
    const { present, value } = lookup(data, keys);
    const expected = expectedOf(iss);
    // A value that is not there is missing, whatever zod found wrong with it; a custom check (not int64) judges absence itself.
    const missing = !present && (iss.code !== 'custom' || isInt64(iss));
    const { code, message, received } = missing ? MISSING : findingOf(iss, value, expected);
    const fullKeys = base.length ? [...base, ...keys] : keys;
    const issue: DecodeIssue = {
      operation: options.operation,
      release: options.release,
      path: jsonPath(fullKeys),
      keys: fullKeys,
      code,
      message,
    };
    if (expected !== undefined) issue.expected = expected;
    if (received !== undefined) issue.received = received;
    out.push(issue);
  }
  return out;
}

/** Walks `keys` down `data`: the value there, its parent, and whether the last key is present. */
export function lookup(data: unknown, keys: readonly PathKey[]): { parent: unknown; present: boolean; value: unknown } {
  if (keys.length === 0) return { parent: undefined, present: data !== undefined, value: data };
  let cur: unknown = data;
  for (let i = 0; i < keys.length - 1; i++) {
    if (cur === null || typeof cur !== 'object') return { parent: undefined, present: false, value: undefined };
    cur = (cur as Record<PathKey, unknown>)[keys[i]!];
  }
  if (cur === null || typeof cur !== 'object') return { parent: undefined, present: false, value: undefined };
  const last = keys[keys.length - 1]!;
  const present = Object.hasOwn(cur, last);
  return { parent: cur, present, value: present ? (cur as Record<PathKey, unknown>)[last] : undefined };
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['value', 3, 'power_state']` → `$.value[3].power_state`; other keys in brackets: `$['a.b']`. */
export function jsonPath(keys: readonly PathKey[]): string {
  let p = '$';
  for (const k of keys) {
    if (typeof k === 'number') p += `[${k}]`;
    else if (IDENT.test(k)) p += `.${k}`;
    else p += `['${k.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
  }
  return p;
}
