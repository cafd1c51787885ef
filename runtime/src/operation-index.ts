/**
 * Finding an operation of a release: by name (built once per descriptor, with the nearest
 * names for a misspelled one) and by method and path (the path client).
 */
import type { OperationSpec, ReleaseDescriptor } from './descriptor.js';
import { UsageError } from './errors.js';
import { didYouMean, suggest } from './internal/suggest.js';

const indexes = new WeakMap<object, Map<string, OperationSpec>>();

/** name → operation, built once per descriptor. */
export function operationIndex(d: ReleaseDescriptor<any, any>): Map<string, OperationSpec> {
  let m = indexes.get(d);
  if (!m) {
    m = new Map(d.operations.map((o) => [o.name, o]));
    indexes.set(d, m);
  }
  return m;
}

/** The operation named `name`, or the one error for an unknown name. */
export function findOperation(d: ReleaseDescriptor<any, any>, name: string): OperationSpec {
  const op = operationIndex(d).get(name);
  if (op) return op;
  throw unknownOperation(name, [d]);
}

/** The one error for a name that none of `searched` has, with the nearest names they have. */
export function unknownOperation(name: string, searched: readonly ReleaseDescriptor<any, any>[]): UsageError {
  const names = new Set(searched.flatMap((d) => [...operationIndex(d).keys()]));
  const hint = didYouMean(suggest(name, names));
  const where =
    searched.length === 1
      ? ` in release ${searched[0]!.release}`
      : `: none of the releases searched has it (${searched.map((d) => d.release).join(', ')})`;
  return new UsageError(`unknown operation '${name}'${where}${hint}`, {
    operation: name,
    release: searched[0]?.release,
    kind: 'UNKNOWN_OPERATION',
  });
}

const pathIndexes = new WeakMap<object, Map<string, OperationSpec>>();

/** `METHOD path-key` → operation (the path key as the spec and openapi-typescript spell it). */
export function operationByPath(d: ReleaseDescriptor<any, any>, method: string, pathKey: string): OperationSpec | undefined {
  let m = pathIndexes.get(d);
  if (!m) {
    m = new Map();
    for (const o of d.operations) {
      m.set(`${o.method} ${o.path}`, o);
      if (!m.has(`${o.method} ${o.pathname}`) && Object.keys(o.query).length === 0) m.set(`${o.method} ${o.pathname}`, o);
    }
    pathIndexes.set(d, m);
  }
  return m.get(`${method.toUpperCase()} ${pathKey}`);
}
