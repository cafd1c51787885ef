/**
 * Generic repairs of a merged release, for defects that recur across VMware's files (known
 * one-off defects are JSON Patches in specs/fixes instead). Each repair is reported.
 *
 * - Fixed query declared as a parameter: 7.0.0 declares `action`, `~action` and `vmw-task`
 *   as required one-value query parameters instead of putting them in the path key, so
 *   operations that differ only by action share a path. They move into the path key
 *   (`?action=clone&vmw-task=true`), as later releases write them.
 * - Path parameter names that disagree with the path key: 6.7.0 declares `service` for a
 *   key that says `{id}`. The server expects the key's URL, so the parameter takes the
 *   key's name when exactly one name differs on each side.
 * - Bodies the spec does not say are required (bodies.ts): decided from the body's schema.
 */
import type { BodyDecision } from './bodies.js';
import type { OpenAPIDoc } from './merge.js';

export interface Repair {
  kind: 'fixed-query-lifted' | 'fixed-query-collision' | 'path-parameter-renamed' | BodyDecision;
  operation: string;
  detail: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;
/** Query keys vAPI uses to tell operations on one path apart, in the order path keys write them. */
const FIXED_QUERY_KEYS = ['action', '~action', 'vmw-task'];

function fixedValue(p: any): string | undefined {
  const enumeration = p?.schema?.enum ?? p?.enum;
  return p?.in === 'query' &&
    p.required === true &&
    FIXED_QUERY_KEYS.includes(p.name) &&
    Array.isArray(enumeration) &&
    enumeration.length === 1
    ? String(enumeration[0])
    : undefined;
}

export function liftFixedQuery(doc: OpenAPIDoc): Repair[] {
  const repairs: Repair[] = [];
  const paths: OpenAPIDoc['paths'] = {};
  const put = (key: string, method: string, op: any) => ((paths[key] ??= {})[method] = op);
  for (const [key, item] of Object.entries(doc.paths)) {
    for (const [k, v] of Object.entries(item)) {
      if (!(METHODS as readonly string[]).includes(k)) {
        (paths[key] ??= {})[k] = v;
        continue;
      }
      const params: any[] = v.parameters ?? [];
      const fixed = params.filter((p) => fixedValue(p) !== undefined);
      if (fixed.length === 0) {
        put(key, k, v);
        continue;
      }
      const pairs = fixed
        .sort((a, b) => FIXED_QUERY_KEYS.indexOf(a.name) - FIXED_QUERY_KEYS.indexOf(b.name))
        .map((p) => `${p.name}=${fixedValue(p)}`);
      const lifted = `${key}${key.includes('?') ? '&' : '?'}${pairs.join('&')}`;
      v.parameters = params.filter((p) => !fixed.includes(p));
      if ((paths[lifted] ?? doc.paths[lifted])?.[k]) {
        // Another operation already is that request on the wire: leave this one where it was
        // and say so loudly; a fix in specs/fixes must tell the two apart.
        put(key, k, v);
        repairs.push({
          kind: 'fixed-query-collision',
          operation: `${k.toUpperCase()} ${key}`,
          detail: `${lifted} is another operation; left unlifted`,
        });
        continue;
      }
      put(lifted, k, v);
      repairs.push({ kind: 'fixed-query-lifted', operation: `${k.toUpperCase()} ${key}`, detail: `→ ${lifted}` });
    }
  }
  doc.paths = paths;
  return repairs;
}

export function alignPathParameters(doc: OpenAPIDoc): Repair[] {
  const repairs: Repair[] = [];
  for (const [key, item] of Object.entries(doc.paths)) {
    const inKey = [...key.split('?')[0]!.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      const declared: any[] = (op.parameters ?? []).filter((p: any) => p?.in === 'path');
      const onlyDeclared = declared.filter((p) => !inKey.includes(p.name));
      const onlyInKey = inKey.filter((n) => !declared.some((p) => p.name === n));
      if (onlyDeclared.length !== 1 || onlyInKey.length !== 1) continue;
      repairs.push({
        kind: 'path-parameter-renamed',
        operation: `${m.toUpperCase()} ${key}`,
        detail: `${onlyDeclared[0].name} → ${onlyInKey[0]}`,
      });
      onlyDeclared[0].name = onlyInKey[0];
    }
  }
  return repairs;
}
