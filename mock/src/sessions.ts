/**
 * Sessions: Basic-auth login against the configured users, the session id in
 * `vmware-api-session-id`, idle expiry (a request counts as activity), logout and
 * `GET /api/session`. Login and logout are answered on `/rest` by every release (6.7's spec
 * lacks them, a 6.7 server has them) and on `/api` where the release declares `/api/session`.
 */
import { randomBytes } from 'node:crypto';
import { MockFault, unauthenticated, type Style } from './errors.js';
import { header, type MockRequest, type Reply } from './reply.js';

export interface Session {
  user: string;
  created: number;
  lastUsed: number;
}

export const DEFAULT_USERS: Readonly<Record<string, string>> = { 'administrator@vsphere.local': 'mock-password' };

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly users: Readonly<Record<string, string>>,
    private readonly idleTimeoutMs: number,
    private readonly clock: () => number,
  ) {}

  /** The session of a request, touched; UNAUTHENTICATED when missing, unknown or idle too long. */
  check(req: MockRequest): Session {
    const id = header(req, 'vmware-api-session-id');
    if (!id) throw unauthenticated('This operation requires a session: log in, then send vmware-api-session-id');
    const s = this.sessions.get(id);
    if (!s) throw unauthenticated('The session is not valid (unknown or logged out)');
    const now = this.clock();
    if (now - s.lastUsed > this.idleTimeoutMs) {
      this.sessions.delete(id);
      throw unauthenticated(`The session expired after ${this.idleTimeoutMs} ms without a request`);
    }
    s.lastUsed = now;
    return s;
  }

  login(req: MockRequest): string {
    const credentials = basic(header(req, 'authorization'));
    if (!credentials) throw unauthenticated('Basic authentication (user and password) is required to create a session');
    const expected = this.users[credentials.user];
    if (expected === undefined || expected !== credentials.password)
      throw unauthenticated('Authentication failed: wrong user name or password');
    const id = randomBytes(16).toString('hex');
    const now = this.clock();
    this.sessions.set(id, { user: credentials.user, created: now, lastUsed: now });
    return id;
  }

  logout(req: MockRequest): void {
    this.check(req);
    this.sessions.delete(header(req, 'vmware-api-session-id')!);
  }

  get size(): number {
    return this.sessions.size;
  }
}

function basic(authorization: string | undefined): { user: string; password: string } | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon <= 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

const LOGIN_CHALLENGE = { 'www-authenticate': 'Basic realm="VAPI endpoint"' };

/**
 * The session endpoints: login, logout, `GET /api/session` (and `/rest`'s `~action=get`), or
 * undefined for any other request. `apiSession`: the release declares `/api/session`.
 */
export function sessionReply(store: SessionStore, req: MockRequest, apiSession: boolean): Reply | undefined {
  const { method, pathname, search } = req;
  const style: Style | undefined =
    pathname === '/rest/com/vmware/cis/session' ? 'rest' : pathname === '/api/session' && apiSession ? 'api' : undefined;
  if (!style) return undefined;
  const wrap = (value: unknown): unknown => (style === 'rest' ? { value } : value);
  try {
    if (method === 'POST' && !search.has('~action')) return { status: style === 'api' ? 201 : 200, body: wrap(store.login(req)) };
    if (method === 'DELETE') {
      store.logout(req);
      return { status: style === 'api' ? 204 : 200 };
    }
    if ((method === 'GET' && style === 'api') || (method === 'POST' && search.get('~action') === 'get')) {
      const s = store.check(req);
      return {
        status: 200,
        body: wrap({
          user: s.user,
          created_time: new Date(s.created).toISOString(),
          last_accessed_time: new Date(s.lastUsed).toISOString(),
        }),
      };
    }
  } catch (e) {
    if (e instanceof MockFault) return { status: e.status, body: e.body(style), ...(e.status === 401 ? { headers: LOGIN_CHALLENGE } : {}) };
    throw e;
  }
  return undefined;
}
