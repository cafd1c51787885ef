/**
 * Which requests the mock behind the front answers rather than Prism: release detection
 * (hello, the appliance version in both styles) and the session (login and logout, both
 * styles). Prism would answer them from the spec's examples (placeholder strings), useless to
 * a client; the mock answers them as a vCenter does, and its sessions are the ones its tasks
 * check.
 */
import type { ReleaseRoutes } from './routes.js';
import { compareReleases } from '@vcenter-sdk/runtime';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function newestFirst(releases: readonly string[]): string[] {
  return [...releases].sort((a, b) => compareReleases(b, a));
}

/** A request as the front routes it; `body` is the parsed JSON body (undefined when absent or not JSON). */
export interface FrontRequest {
  method: string;
  pathname: string;
  search: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** An `/api` style error body (vAPI standard error), for the front's own refusals. */
export function apiError(
  errorType: string,
  id: string,
  message: string,
): { error_type: string; messages: { id: string; default_message: string; args: string[] }[] } {
  return { error_type: errorType, messages: [{ id, default_message: message, args: [] }] };
}

/**
 * Whether the mock answers `request`. hello and the `/api` version where the release has
 * `/api`; `/api/session` where the release declares it; `/rest` login, logout and version on
 * every release (6.7's spec lacks the `/rest` session operations, a real 6.7 server has them).
 */
export function isSystemRequest(routes: ReleaseRoutes, { method, pathname, search }: FrontRequest): boolean {
  const hasApi = routes.operations.some((o) => o.style === 'api');
  if (method === 'POST' && pathname === '/api/vcenter/system') return search.get('action') === 'hello' && hasApi;
  if (method === 'GET' && pathname === '/api/appliance/system/version') return hasApi;
  if (method === 'GET' && pathname === '/rest/appliance/system/version') return true;
  if (pathname === '/api/session') return (method === 'POST' || method === 'DELETE') && routes.has(method, pathname);
  if (pathname === '/rest/com/vmware/cis/session') return method === 'DELETE' || (method === 'POST' && !search.has('~action'));
  return false;
}
