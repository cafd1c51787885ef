/**
 * Release detection, answered without a session as vCenter does: `POST /api/vcenter/system?action=hello`
 * (the newest offered release this one speaks), `GET /api/appliance/system/version` and
 * `GET /rest/appliance/system/version`.
 */
import { compareReleases, newestFirst } from './releases.js';
import type { MockRequest, Reply } from './reply.js';

export function versionInfo(release: string): Record<string, string> {
  return {
    version: release,
    build: '0',
    product: 'VMware vCenter Server (vcenter-sdk mock)',
    type: 'vCenter Server with an embedded Platform Services Controller',
    summary: `vcenter-sdk mock of the vSphere ${release} Automation API`,
    releasedate: '2000-01-01',
    install_time: '2000-01-01T00:00:00.000Z',
  };
}

/** The newest offered release that the mock serves and that is not newer than the one answering; `""` when none. */
export function helloAnswer(offered: unknown, served: readonly string[], answering: string): string {
  const list = Array.isArray(offered) ? offered.filter((r): r is string => typeof r === 'string') : [];
  return newestFirst(list.filter((r) => served.includes(r) && compareReleases(r, answering) <= 0))[0] ?? '';
}

export function systemReply(req: MockRequest, release: string, served: readonly string[], hasApi: boolean): Reply | undefined {
  const { method, pathname, search } = req;
  if (method === 'POST' && pathname === '/api/vcenter/system' && search.get('action') === 'hello' && hasApi) {
    const offered = (req.body as { api_releases?: unknown } | undefined)?.api_releases;
    return { status: 200, body: { api_release: helloAnswer(offered, served, release) } };
  }
  if (method === 'GET' && pathname === '/api/appliance/system/version' && hasApi) return { status: 200, body: versionInfo(release) };
  if (method === 'GET' && pathname === '/rest/appliance/system/version') return { status: 200, body: { value: versionInfo(release) } };
  return undefined;
}
