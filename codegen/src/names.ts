/**
 * Operation names: a pure function of method, path and the spec's own verb (operationId),
 * so the same operation keeps its name from release to release.
 *
 *   POST /api/vcenter/vm/{vm}/power?action=start          → vcenter.vm.power.start
 *   POST /api/vcenter/vm?action=clone&vmw-task=true       → vcenter.vm.clone$task
 *   GET  /rest/vcenter/vm                                 → rest.vcenter.vm.list
 *   POST /rest/com/vmware/cis/tagging/category            → rest.cis.tagging.category.create
 */
import type { HttpMethod } from '@vcenter-sdk/runtime/descriptor';

export interface PathKey {
  pathname: string;
  /** Fixed `key=value` pairs of the path key. */
  query: Record<string, string>;
  /** Keys the path key names without a value (`?file_name`): query parameters that tell operations apart. */
  flags: string[];
  style: 'api' | 'rest';
  async: boolean;
}

export function parsePathKey(path: string): PathKey {
  const [pathname = path, search = ''] = path.split('?', 2) as [string, string?];
  const query: Record<string, string> = {};
  const flags: string[] = [];
  for (const part of search.split('&').filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 0) flags.push(decodeURIComponent(part));
    else query[decodeURIComponent(part.slice(0, eq))] = decodeURIComponent(part.slice(eq + 1));
  }
  return {
    pathname,
    query,
    flags,
    style: pathname.startsWith('/rest/') ? 'rest' : 'api',
    async: query['vmw-task'] === 'true',
  };
}

const METHOD_VERBS: Record<HttpMethod, (hasTrailingParam: boolean) => string> = {
  GET: (p) => (p ? 'get' : 'list'),
  POST: () => 'create',
  PUT: () => 'set',
  PATCH: () => 'update',
  DELETE: () => 'delete',
  HEAD: () => 'head',
  OPTIONS: () => 'options',
};

const ident = (s: string) => s.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');

/**
 * The operation's name, then the names it falls back to when two operations of a release
 * would share it. A name drops the HTTP method, so the verb one operation takes from the
 * URL action can equal the verb another takes from its method or operationId: 8.0.2 has
 * `DELETE /api/hvc/links/{link}` (operationId `delete`) and `POST /api/hvc/links/{link}?action=delete`
 * (operationId `delete_with_credentials`). vAPI method names (the operationIds) are unique
 * within a service where actions are not, so an action-named operation falls back to its
 * operationId: `hvc.links.delete_with_credentials`.
 */
export function operationNames(method: HttpMethod, key: PathKey, operationId: string | undefined): string[] {
  const raw = key.pathname.split('/').filter(Boolean);
  const [prefix, ...rest] = raw;
  let segments = prefix === 'api' || prefix === 'rest' ? rest : raw;
  if (key.style === 'rest' && segments[0] === 'com' && segments[1] === 'vmware') segments = segments.slice(2);
  const isParam = (s: string) => /\{[^}]*\}/.test(s);
  const words = segments
    .filter((s) => !isParam(s))
    .map(ident)
    .filter(Boolean);
  const action = key.query.action ?? key.query['~action'];
  const valid = (id: string | undefined): id is string => !!id && /^[A-Za-z][A-Za-z0-9_-]*$/.test(id);
  const verbs = [ident(action ?? (valid(operationId) ? operationId : METHOD_VERBS[method](isParam(segments.at(-1) ?? ''))))];
  // The fallback: the vAPI method name, without the `$task` the async variants' operationIds carry.
  const methodName = operationId?.replace(/\$task$/, '');
  if (action !== undefined && valid(methodName) && ident(methodName) !== verbs[0]) verbs.push(ident(methodName));
  return verbs.map((verb) => {
    const w = [...words];
    // `/rest/appliance/vmon/service/{id}/start` with verb `start`: say it once.
    if (w.at(-1) === verb) w.pop();
    const base = [...(key.style === 'rest' ? ['rest'] : []), ...w, verb].join('.');
    return key.async ? `${base}$task` : base;
  });
}
