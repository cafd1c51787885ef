/**
 * Release detection endpoints.
 *   POST /api/vcenter/system?action=hello  {"api_releases": [...]} → {"api_release": best}
 *        (only when the fake's release >= 8.0.2, else 404 NOT_FOUND; needs no session)
 *   GET  /api/appliance/system/version     → {version, build, product, ...}  (release >= 7.0.0)
 *   GET  /rest/appliance/system/version    → {"value": {...}}                 (always)
 */
import { compareReleases } from '@vcenter-sdk/runtime';
import { errorReply, message, type Reply, type RouteContext } from './protocol.js';
import type { Router } from './router.js';

/** Best release to talk: the newest offered that is not newer than `server`, or '' when none fits. */
export function negotiate(server: string, offered: string[]): string {
  let best = '';
  for (const r of offered) {
    if (compareReleases(r, server) <= 0 && (best === '' || compareReleases(r, best) > 0)) best = r;
  }
  return best;
}

export function registerSystem(router: Router, release: () => string): void {
  router.add(
    'POST',
    '/api/vcenter/system?action=hello',
    (ctx: RouteContext): Reply => {
      if (compareReleases(release(), '8.0.2') < 0) {
        return errorReply('api', 'NOT_FOUND', [
          message(`The requested resource ${ctx.pathname} was not found.`, 'com.vmware.vapi.rest.httpNotFound'),
        ]);
      }
      const body = ctx.json();
      const offered = body?.api_releases;
      if (!Array.isArray(offered) || offered.some((r) => typeof r !== 'string')) {
        return errorReply('api', 'INVALID_ARGUMENT', [
          message('api_releases must be a list of strings', 'vapi.bindings.typeconverter.invalid', ['api_releases']),
        ]);
      }
      return { body: { api_release: negotiate(release(), offered) } };
    },
    { auth: false },
  );
  const version = () => ({
    version: release(),
    build: '123',
    product: 'VMware vCenter Server',
    summary: `VMware vCenter Server ${release()}`,
    type: 'vCenter Server with an embedded Platform Services Controller',
    releasedate: '2024-01-01',
    install_time: '2024-01-01T00:00:00.000Z',
  });
  router.add('GET', '/api/appliance/system/version', () => ({ body: version() }));
  router.add('GET', '/rest/appliance/system/version', () => ({ body: { value: version() } }));
}
