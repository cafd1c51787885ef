/**
 * The task endpoints of a release, found in its operation table (never hard-coded to a
 * release): get `GET /api/cis/tasks/{task}` (7.0.2+), else `GET /rest/cis/tasks/{task}`
 * (7.0.0, 7.0.1); list `GET /api/cis/tasks`, else `GET /rest/cis/tasks`, else
 * `POST /api/cis/tasks?action=list`; cancel `POST .../cis/tasks/{task}` with `action=cancel`
 * either fixed in the path or as a query parameter (7.0.0 declares it that way).
 */
import type { OperationSpec, ReleaseDescriptor } from '../descriptor.js';
import { UsageError } from '../errors.js';

export interface TaskEndpoints {
  get: OperationSpec;
  list: OperationSpec | undefined;
  cancel: OperationSpec | undefined;
  /** Query to add to the cancel call (`{action: 'cancel'}` when the release declares `action` as a parameter). */
  cancelQuery: Record<string, string>;
}

const cache = new WeakMap<object, TaskEndpoints | null>();

function find(
  d: ReleaseDescriptor<any, any>,
  method: string,
  pathnames: string[],
  test: (o: OperationSpec) => boolean = () => true,
): OperationSpec | undefined {
  for (const p of pathnames) {
    const hit = d.operations.find((o) => o.method === method && o.pathname === p && !o.async && test(o));
    if (hit) return hit;
  }
  return undefined;
}

/** The task endpoints of a release, or undefined when it has none. */
export function findTaskEndpoints(d: ReleaseDescriptor<any, any>): TaskEndpoints | undefined {
  const known = cache.get(d);
  if (known !== undefined) return known ?? undefined;
  const noFixedQuery = (o: OperationSpec) => Object.keys(o.query).length === 0;
  const get = find(d, 'GET', ['/api/cis/tasks/{task}', '/rest/cis/tasks/{task}'], noFixedQuery);
  let out: TaskEndpoints | null = null;
  if (get) {
    const prefix = get.style === 'api' ? ['/api', '/rest'] : ['/rest', '/api'];
    const isCancel = (o: OperationSpec) =>
      o.query.action === 'cancel' ||
      o.query['~action'] === 'cancel' ||
      (Object.keys(o.query).length === 0 && o.parameters.some((p) => p.in === 'query' && p.name === 'action'));
    const cancel = find(
      d,
      'POST',
      prefix.map((p) => `${p}/cis/tasks/{task}`),
      isCancel,
    );
    const list =
      find(d, 'GET', ['/api/cis/tasks'], noFixedQuery) ??
      find(d, 'GET', ['/rest/cis/tasks'], noFixedQuery) ??
      find(d, 'POST', ['/api/cis/tasks'], (o) => o.query.action === 'list');
    const cancelQuery: Record<string, string> = cancel && Object.keys(cancel.query).length === 0 ? { action: 'cancel' } : {};
    out = { get, list, cancel, cancelQuery };
  }
  cache.set(d, out);
  return out ?? undefined;
}

/** The task endpoints, or a clear error naming the release. */
export function requireTaskEndpoints(d: ReleaseDescriptor<any, any>, what = 'tasks'): TaskEndpoints {
  const e = findTaskEndpoints(d);
  if (!e) {
    throw new UsageError(
      `${what}: release ${d.release} has no task service (neither GET /api/cis/tasks/{task} nor GET /rest/cis/tasks/{task} is in its operation table)`,
      { release: d.release, kind: 'TASKS_UNSUPPORTED' },
    );
  }
  return e;
}
