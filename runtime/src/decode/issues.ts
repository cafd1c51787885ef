/**
 * Zod's issues → `DecodeIssue`s: the code, message, expected and received of each, with its
 * full path. It reads the data to tell a missing field from a wrong one; it never writes it
 * (the `null` → `[]` repair is repair.ts).
 */
import type { z } from 'zod';
import type { DecodeIssue, DecodeIssueCode, DecodeOptions, PathKey } from './decode.js';
import { INT64_CHECK } from './kit.js';

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
    let code: DecodeIssueCode;
    let message: string;
    let expected: string | undefined;
    let received: string | undefined;
    switch (iss.code) {
      case 'invalid_type':
        expected = iss.expected === 'nonoptional' ? undefined : iss.expected;
        if (!present) {
          code = 'missing_required';
          message = 'missing required field';
        } else if (value === null && iss.expected === 'array') {
          code = 'null_array';
          message = 'null where an array belongs; replaced with []';
          received = 'null';
        } else {
          code = 'invalid_type';
          received = typeName(value);
          message = `expected ${expected ?? 'a value'}, received ${received}`;
        }
        break;
      case 'invalid_value':
        expected = `one of ${iss.values.map(String).join('|')}`;
        if (!present) {
          code = 'missing_required';
          message = 'missing required field';
        } else if (typeof value === 'string') {
          code = 'unknown_enum';
          received = value.length > 64 ? `${value.slice(0, 64)}…` : value;
          message = `unknown enum value '${received}', expected ${expected}`;
        } else {
          code = 'invalid_type';
          received = typeName(value);
          message = `expected ${expected}, received ${received}`;
        }
        break;
      case 'custom':
        if ((iss.params as { check?: unknown } | undefined)?.check === INT64_CHECK) {
          expected = 'int64';
          if (!present) {
            code = 'missing_required';
            message = 'missing required field';
          } else if (typeof value === 'number' && Number.isInteger(value)) {
            code = 'int64_precision';
            received = 'number';
            message = 'int64 value beyond 2^53 lost precision';
          } else {
            code = 'invalid_type';
            received = typeof value === 'number' ? 'non-integer number' : typeName(value);
            message = `expected int64, received ${received}`;
          }
        } else {
          code = 'invalid_value';
          received = typeName(value);
          message = 'value fails a check';
        }
        break;
      case 'invalid_union':
        code = present ? 'invalid_union' : 'missing_required';
        received = present ? typeName(value) : undefined;
        message = present ? `value matches none of the allowed schemas (received ${received})` : 'missing required field';
        break;
      default:
        // too_big, too_small, invalid_format, invalid_key, ... (zod's messages name limits, not values)
        code = present ? 'invalid_value' : 'missing_required';
        received = present ? typeName(value) : undefined;
        message = present ? `${iss.code}: ${iss.message}` : 'missing required field';
    }
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
