/**
 * The one change `decode` makes to the data it was given: `null` where an array belongs (each
 * `null_array` issue) becomes `[]`, in place, so that code written against the spec can iterate
 * it. The caller's objects keep their identity; only a `null` root is replaced (by a new `[]`).
 */
import type { DecodeIssue } from './decode.js';
import { lookup } from './issues.js';

/**
 * Applies the repairs `issues` call for to `data` and returns it (or `[]` for a `null` root).
 * `baseLength`: how many leading keys of each issue's path are the `basePath` prefix, not part of `data`.
 */
export function repairNullArrays(data: unknown, issues: readonly DecodeIssue[], baseLength: number): unknown {
  let root = data;
  for (const issue of issues) {
    if (issue.code !== 'null_array') continue;
    const keys = issue.keys.slice(baseLength);
    if (keys.length === 0) {
      root = [];
      continue;
    }
    const { parent, value } = lookup(root, keys);
    if (value === null) (parent as Record<string | number, unknown>)[keys[keys.length - 1]!] = [];
  }
  return root;
}
