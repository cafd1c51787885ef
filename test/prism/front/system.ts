/**
 * What the mock answers itself rather than Prism: release detection (hello, appliance
 * version in both styles) and login (both styles), so that a client detects the release it
 * asked for and gets a usable session id. Prism would answer these from the spec's examples
 * (placeholder strings), which are useless to a client.
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

/** A request as the mock's own handlers see it; `body` is the parsed JSON body (undefined when absent or not JSON). */
export interface FrontRequest {
  method: string;
  pathname: string;
  search: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** An `/api` style error body (vAPI standard error). */
export function apiError(
  errorType: string,
  id: string,
  message: string,
): { error_type: string; messages: { id: string; default_message: string; args: string[] }[] } {
  return { error_type: errorType, messages: [{ id, default_message: message, args: [] }] };
}

/** A `/rest` style error body. */
export function restError(type: string, id: string, message: string): unknown {
  return { type: `com.vmware.vapi.std.errors.${type}`, value: { messages: [{ id, default_message: message, args: [] }] } };
}

export function versionInfo(release: string): Record<string, string> {
  return {
    version: release,
    build: '0',
    product: 'VMware vCenter Server (vcenter-sdk mock)',
    type: 'vCenter Server with an embedded Platform Services Controller',
    summary: `vcenter-sdk mock of the vSphere ${release} Automation API (Prism, generated/${release}/openapi.json with fixed queries folded into the path)`,
    releasedate: '2000-01-01',
    install_time: '2000-01-01T00:00:00.000Z',
  };
}

/**
 * The answer to `POST /api/vcenter/system?action=hello`: the newest offered release that
 * the mock serves and that is not newer than the release answering (as a real server of
 * that release would: it speaks its own release and every older one); `""` when none fits.
 */
export function helloAnswer(offered: unknown, mockReleases: readonly string[], answering: string): string {
  const list = Array.isArray(offered) ? offered.filter((r): r is string => typeof r === 'string') : [];
  const fits = list.filter((r) => mockReleases.includes(r) && compareReleases(r, answering) <= 0);
  return newestFirst(fits)[0] ?? '';
}

function basicUser(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return decoded.slice(0, colon);
}

export interface SystemContext {
  release: string;
  routes: ReleaseRoutes;
  releases: readonly string[];
  nextSessionId(): string;
  onLogin?(user: string, sessionId: string): void;
}

/**
 * The mock's own answer for a request, or undefined when the request goes to Prism.
 * `body` is the parsed JSON request body (undefined when absent or not JSON).
 */
export function systemReply(ctx: SystemContext, { method, pathname, search, headers, body }: FrontRequest): Reply | undefined {
  const hasApi = ctx.routes.operations.some((o) => o.style === 'api');
  const auth = typeof headers.authorization === 'string' ? headers.authorization : undefined;

  // Release detection. hello is answered by every release that has the /api endpoint.
  if (method === 'POST' && pathname === '/api/vcenter/system' && search.get('action') === 'hello' && hasApi) {
    const offered = (body as { api_releases?: unknown } | undefined)?.api_releases;
    return { status: 200, body: { api_release: helloAnswer(offered, ctx.releases, ctx.release) } };
  }
  if (method === 'GET' && pathname === '/api/appliance/system/version' && hasApi) {
    return { status: 200, body: versionInfo(ctx.release) };
  }
  if (method === 'GET' && pathname === '/rest/appliance/system/version') {
    return { status: 200, body: { value: versionInfo(ctx.release) } };
  }

  // Login. /api/session where the release has it; /rest login on every release (6.7's
  // spec lacks /rest/com/vmware/cis/session, a real 6.7 server has it).
  if (method === 'POST' && pathname === '/api/session' && ctx.routes.has('POST', '/api/session')) {
    const user = basicUser(auth);
    if (!user) {
      return {
        status: 401,
        body: apiError(
          'UNAUTHENTICATED',
          'vapi.security.authentication.invalid',
          'Basic authentication (user and password) is required to create a session',
        ),
        headers: {
          'www-authenticate': 'Basic realm="VAPI endpoint",SIGN realm=b8cb4a28,service="VAPI endpoint",sts="https://127.0.0.1/sts"',
        },
      };
    }
    const id = ctx.nextSessionId();
    ctx.onLogin?.(user, id);
    return { status: 201, body: id };
  }
  if (method === 'POST' && pathname === '/rest/com/vmware/cis/session' && !search.has('~action')) {
    const user = basicUser(auth);
    if (!user) {
      return {
        status: 401,
        body: restError(
          'unauthenticated',
          'vapi.security.authentication.invalid',
          'Basic authentication (user and password) is required to create a session',
        ),
        headers: { 'www-authenticate': 'Basic realm="VAPI endpoint"' },
      };
    }
    const id = ctx.nextSessionId();
    ctx.onLogin?.(user, id);
    return { status: 200, body: { value: id } };
  }
  // Logout: answered here too (6.7's spec has no /rest session operations at all).
  const sessionHeader = headers['vmware-api-session-id'];
  if (
    method === 'DELETE' &&
    (pathname === '/rest/com/vmware/cis/session' || (pathname === '/api/session' && ctx.routes.has('DELETE', '/api/session')))
  ) {
    const rest = pathname.startsWith('/rest');
    if (!sessionHeader) {
      return {
        status: 401,
        body: rest
          ? restError('unauthenticated', 'vapi.security.authentication.invalid', 'No session')
          : apiError('UNAUTHENTICATED', 'vapi.security.authentication.invalid', 'No session'),
      };
    }
    return { status: rest ? 200 : 204 };
  }
  return undefined;
}
