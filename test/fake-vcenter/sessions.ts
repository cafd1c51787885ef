/**
 * Sessions, both styles:
 *   POST   /api/session                    Basic → 201 "<id>"
 *   GET    /api/session                    → session info
 *   DELETE /api/session                    → 204
 *   POST   /rest/com/vmware/cis/session    Basic → 200 {"value": "<id>"}
 *   POST   /rest/com/vmware/cis/session?~action=get → {"value": info}
 *   DELETE /rest/com/vmware/cis/session    → 200
 */
import { randomBytes } from 'node:crypto';
import { errorReply, type Reply, type RouteContext, type Style } from './protocol.js';
import type { Router } from './router.js';

export interface Session {
  id: string;
  user: string;
  created_time: string;
  last_accessed_time: string;
}

export class SessionStore {
  readonly sessions = new Map<string, Session>();
  /** Successful logins (both styles). */
  loginCount = 0;

  constructor(readonly users: Record<string, string>) {}

  create(user: string): Session {
    const now = new Date().toISOString();
    const s: Session = { id: randomBytes(16).toString('hex'), user, created_time: now, last_accessed_time: now };
    this.sessions.set(s.id, s);
    this.loginCount++;
    return s;
  }

  /** The live session for this id (and marks it accessed), or undefined. */
  touch(id: string | string[] | undefined): Session | undefined {
    if (typeof id !== 'string') return undefined;
    const s = this.sessions.get(id);
    if (s) s.last_accessed_time = new Date().toISOString();
    return s;
  }

  /** The user named by a valid Basic `Authorization` header. */
  authenticate(header: string | undefined): string | undefined {
    if (!header) return undefined;
    const [scheme, value = ''] = header.trim().split(/\s+/, 2);
    if (scheme?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return undefined;
      const user = decoded.slice(0, colon);
      const password = decoded.slice(colon + 1);
      return Object.hasOwn(this.users, user) && this.users[user] === password ? user : undefined;
    }
    return undefined;
  }
}

/** 401 for a missing/expired session, in the style of the path. */
export function unauthenticated(style: Style, wrongCredentials = false): Reply {
  const reply =
    style === 'rest' && wrongCredentials
      ? errorReply('rest', 'UNAUTHENTICATED', [])
      : errorReply(style, 'UNAUTHENTICATED', [
          wrongCredentials
            ? { id: 'vapi.security.authentication.invalid', default_message: 'Unable to authenticate user', args: [] }
            : { id: 'vapi.method.authentication.required', default_message: 'This method requires authentication.', args: [] },
        ]);
  return { ...reply, headers: { 'WWW-Authenticate': 'Basic realm="VAPI endpoint"' } };
}

function info(s: Session) {
  return { user: s.user, created_time: s.created_time, last_accessed_time: s.last_accessed_time };
}

export function registerSessions(router: Router, store: SessionStore): void {
  const login = (ctx: RouteContext): Reply => {
    const user = store.authenticate(ctx.headers.authorization);
    if (!user) return unauthenticated(ctx.style, true);
    const s = store.create(user);
    return ctx.style === 'api' ? { status: 201, body: JSON.stringify(s.id) } : { status: 200, body: { value: s.id } };
  };
  const current = (ctx: RouteContext) => store.sessions.get(ctx.sessionId!)!;

  router.add('POST', '/api/session', login, { auth: false });
  router.add('GET', '/api/session', (ctx) => ({ body: info(current(ctx)) }));
  router.add('DELETE', '/api/session', (ctx) => {
    store.sessions.delete(ctx.sessionId!);
    return { status: 204 };
  });

  router.add('POST', '/rest/com/vmware/cis/session', login, { auth: false });
  router.add('POST', '/rest/com/vmware/cis/session?~action=get', (ctx) => ({ body: { value: info(current(ctx)) } }));
  router.add('DELETE', '/rest/com/vmware/cis/session', (ctx) => {
    store.sessions.delete(ctx.sessionId!);
    return { status: 200 };
  });
}
