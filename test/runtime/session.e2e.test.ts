import { afterEach, describe, expect, it } from 'vitest';
import { createClient, Unauthenticated, Unauthorized } from '@vcenter-sdk/runtime';
import { PASSWORD, r670, r803, USER } from './fixtures.js';
import { fastRetry, route, startServer, vms, type TestServer } from './helpers.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});
async function server(...args: Parameters<typeof startServer>): Promise<TestServer> {
  const s = await startServer(...args);
  cleanup.push(() => s.close());
  return s;
}

describe('sessions', () => {
  it('sends Basic only on the login call, then the session header (never cookies)', async () => {
    const s = await server(route('GET', '/api/vcenter/vm', { body: vms, headers: { 'set-cookie': 'vmware-api-session-id=abc; Path=/' } }));
    await using client = createClient({ baseUrl: s.url, release: r803, auth: { username: USER, password: PASSWORD } });
    const list = await client.call('vcenter.vm.list');
    await client.call('vcenter.vm.list');
    expect(list).toEqual(vms);
    const [login, call1, call2] = s.requests;
    expect(login!.method).toBe('POST');
    expect(login!.path).toBe('/api/session');
    expect(login!.headers.authorization).toMatch(/^Basic /);
    expect(s.loginCount).toBe(1);
    for (const c of [call1!, call2!]) {
      expect(c.headers.authorization).toBeUndefined();
      expect(c.headers.cookie).toBeUndefined();
      expect(c.headers['vmware-api-session-id']).toMatch(/^[0-9a-f]{32}$/);
      expect(c.headers['vmware-use-header-authn']).toBe('true');
      expect(c.headers['x-api-version']).toBe('8.0.3');
    }
  });

  it('logs in through /rest when the release has no /api/session, and close() logs out in that style', async () => {
    const s = await server(route('GET', '/rest/vcenter/vm', { body: { value: vms } }));
    const client = createClient({ baseUrl: s.url, release: r670, auth: { username: USER, password: PASSWORD } });
    expect(await client.call('rest.vcenter.vm.list')).toEqual(vms);
    expect(s.requests[0]!.path).toBe('/rest/com/vmware/cis/session');
    await client.close();
    await client.close(); // idempotent
    const last = s.requests.at(-1)!;
    expect(last.method).toBe('DELETE');
    expect(last.path).toBe('/rest/com/vmware/cis/session');
    expect(s.sessions.size).toBe(0);
  });

  it('await using logs out with DELETE /api/session', async () => {
    const s = await server(route('GET', '/api/vcenter/vm', { body: vms }));
    {
      await using client = createClient({ baseUrl: s.url, release: r803, auth: { username: USER, password: PASSWORD } });
      await client.call('vcenter.vm.list');
      expect(s.sessions.size).toBe(1);
    }
    expect(s.requests.at(-1)).toMatchObject({ method: 'DELETE', path: '/api/session' });
    expect(s.sessions.size).toBe(0);
  });

  it('single-flight: 100 concurrent calls meeting an expired session cause exactly one login, all succeed', async () => {
    const s = await server(route('GET', '/api/vcenter/vm', { body: vms, delayMs: 5 }));
    await using client = createClient({ baseUrl: s.url, release: r803, auth: { username: USER, password: PASSWORD } });
    await client.call('vcenter.vm.list');
    expect(s.loginCount).toBe(1);
    s.expireSessions();
    const results = await Promise.all(Array.from({ length: 100 }, () => client.call('vcenter.vm.list')));
    expect(results).toHaveLength(100);
    for (const r of results) expect(r).toEqual(vms);
    expect(s.loginCount).toBe(2);
  });

  it('100 concurrent first calls share one login', async () => {
    const s = await server(route('GET', '/api/vcenter/vm', { body: vms }));
    await using client = createClient({ baseUrl: s.url, release: r803, auth: { username: USER, password: PASSWORD } });
    await Promise.all(Array.from({ length: 100 }, () => client.call('vcenter.vm.list')));
    expect(s.loginCount).toBe(1);
  });

  it('a second 401 after re-login is Unauthenticated, not a loop', async () => {
    const s = await server(route('GET', '/api/vcenter/vm', { status: 401, body: { error_type: 'UNAUTHENTICATED', messages: [] } }));
    await using client = createClient({ baseUrl: s.url, release: r803, auth: { username: USER, password: PASSWORD }, retry: fastRetry });
    const err = await client.call('vcenter.vm.list').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Unauthenticated);
    expect((err as Unauthenticated).status).toBe(401);
    expect((err as Unauthenticated).operation).toBe('vcenter.vm.list');
    expect(s.loginCount).toBe(2);
    expect(s.requests.filter((r) => r.path === '/api/vcenter/vm')).toHaveLength(2);
  });

  it('403 is Unauthorized: no re-login, not retried', async () => {
    const s = await server(
      route('GET', '/api/vcenter/vm', {
        status: 403,
        body: { error_type: 'UNAUTHORIZED', messages: [{ default_message: 'no privilege', id: 'x', args: [] }] },
      }),
    );
    await using client = createClient({ baseUrl: s.url, release: r803, auth: { username: USER, password: PASSWORD }, retry: fastRetry });
    const err = await client.call('vcenter.vm.list').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Unauthorized);
    expect((err as Unauthorized).messages).toEqual(['no privilege']);
    expect(s.loginCount).toBe(1);
    expect(s.requests.filter((r) => r.path === '/api/vcenter/vm')).toHaveLength(1);
  });

  it('auth.sessionId reuses a session; a 401 is Unauthenticated without any login', async () => {
    const s = await server(route('GET', '/api/vcenter/vm', { body: vms }));
    s.sessions.add('existing-session-1234');
    const client = createClient({ baseUrl: s.url, release: r803, auth: { sessionId: 'existing-session-1234' } });
    expect(await client.call('vcenter.vm.list')).toEqual(vms);
    s.expireSessions();
    await expect(client.call('vcenter.vm.list')).rejects.toBeInstanceOf(Unauthenticated);
    expect(s.loginCount).toBe(0);
    await client.close();
    // a session the client did not create is not logged out
    expect(s.requests.some((r) => r.method === 'DELETE')).toBe(false);
  });

  it('auth.token exchanges a bearer token for a session, and a fresh one after a 401', async () => {
    const s = await server(route('GET', '/api/vcenter/vm', { body: vms }));
    let n = 0;
    const token = async () => {
      const t = `token-${++n}-abcdef`;
      s.tokens.add(t);
      return t;
    };
    await using client = createClient({ baseUrl: s.url, release: r803, auth: { token } });
    await client.call('vcenter.vm.list');
    expect(s.requests[0]!.headers.authorization).toBe('Bearer token-1-abcdef');
    s.expireSessions();
    await client.call('vcenter.vm.list');
    expect(n).toBe(2);
    const logins = s.requests.filter((r) => r.path === '/api/session');
    expect(logins.map((r) => r.headers.authorization)).toEqual(['Bearer token-1-abcdef', 'Bearer token-2-abcdef']);
    expect(s.requests.filter((r) => r.path !== '/api/session').every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  it('bad credentials → Unauthenticated from the login', async () => {
    const s = await server();
    await using client = createClient({ baseUrl: s.url, release: r803, auth: { username: USER, password: 'wrong-password' } });
    const err = await client.call('vcenter.vm.list').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Unauthenticated);
    expect((err as Unauthenticated).operation).toBe('session.create');
  });

  it('two tenants used concurrently never mix sessions or headers', async () => {
    const s = await server(route('GET', '/api/vcenter/vm', { body: vms, delayMs: 2 }));
    const OTHER = 'tenant-two@vsphere.local';
    const OTHER_PW = 'An0ther-Secret!';
    s.handlers.unshift((req) => {
      if (
        req.path === '/api/session' &&
        req.method === 'POST' &&
        req.headers.authorization === `Basic ${Buffer.from(`${OTHER}:${OTHER_PW}`).toString('base64')}`
      ) {
        const id = `bbbbbbbb${Math.random().toString(16).slice(2).padEnd(24, '0')}`;
        s.sessions.add(id);
        s.loginCount++;
        return { status: 201, body: id };
      }
      return undefined;
    });
    const a = createClient({ baseUrl: s.url, release: r803, auth: { username: USER, password: PASSWORD } });
    const b = createClient({ baseUrl: s.url, release: r803, auth: { username: OTHER, password: OTHER_PW } });
    const seen = new Map<string, Set<string>>();
    const tagged = async (c: typeof b, tag: string) => {
      await c.call('vcenter.vm.list', { headers: { 'x-tenant': tag } });
    };
    await Promise.all(Array.from({ length: 50 }, (_, i) => tagged(i % 2 ? a : b, i % 2 ? 'a' : 'b')));
    for (const r of s.requests.filter((r) => r.path === '/api/vcenter/vm')) {
      const tag = String(r.headers['x-tenant']);
      const sid = String(r.headers['vmware-api-session-id']);
      if (!seen.has(tag)) seen.set(tag, new Set());
      seen.get(tag)!.add(sid);
      expect(r.headers.cookie).toBeUndefined();
    }
    const aIds = seen.get('a')!;
    const bIds = seen.get('b')!;
    expect(aIds.size).toBe(1);
    expect(bIds.size).toBe(1);
    expect([...bIds][0]).toMatch(/^bbbbbbbb/);
    expect([...aIds][0]).not.toMatch(/^bbbbbbbb/);
    await a.close();
    await b.close();
  });

  // Each row of the session endpoint table (auth/session.ts), written out here as the server expects it.
  it.each([
    {
      style: 'api',
      release: r803,
      call: ['vcenter.vm.list', 'GET', '/api/vcenter/vm', vms],
      login: 'POST /api/session',
      touch: 'GET /api/session',
      logout: 'DELETE /api/session',
    },
    {
      style: 'rest',
      release: r670,
      call: ['rest.vcenter.vm.list', 'GET', '/rest/vcenter/vm', { value: vms }],
      login: 'POST /rest/com/vmware/cis/session',
      touch: 'POST /rest/com/vmware/cis/session?~action=get',
      logout: 'DELETE /rest/com/vmware/cis/session',
    },
  ] as const)(
    '$style style: login, keep-alive touch and logout at its own endpoints, with the id its login answer carries',
    async (row) => {
      const [name, method, path, body] = row.call;
      const s = await server(route(method, path, { body }));
      const client = createClient({ baseUrl: s.url, release: row.release, auth: { username: USER, password: PASSWORD }, keepAliveMs: 30 });
      expect(await client.call(name as never)).toEqual(vms);
      const isSession = (r: { path: string }) => r.path.startsWith('/api/session') || r.path.startsWith('/rest/com/vmware/cis/session');
      const touched = () => s.requests.filter(isSession).length > 1;
      for (let waited = 0; !touched() && waited < 10_000; waited += 20) await new Promise((ok) => setTimeout(ok, 20));
      await client.close();
      const seen = s.requests.filter(isSession).map((r) => `${r.method} ${r.url}`);
      expect(seen[0]).toBe(row.login);
      expect(seen.at(-1)).toBe(row.logout);
      expect(seen.length).toBeGreaterThan(2);
      expect(new Set(seen.slice(1, -1))).toEqual(new Set([row.touch]));
      // The id was read from the login answer: every later call was accepted with it, and the logout ended it.
      const sid = s.requests[1]!.headers['vmware-api-session-id'];
      expect(s.requests.slice(1).every((r) => r.headers['vmware-api-session-id'] === sid)).toBe(true);
      expect(s.loginCount).toBe(1);
      expect(s.sessions.size).toBe(0);
    },
  );

  it('keep-alive touches the session while idle', async () => {
    const s = await server(route('GET', '/api/vcenter/vm', { body: vms }));
    await using client = createClient({ baseUrl: s.url, release: r803, auth: { username: USER, password: PASSWORD }, keepAliveMs: 30 });
    await client.call('vcenter.vm.list');
    await new Promise((ok) => setTimeout(ok, 120));
    expect(s.requests.some((r) => r.method === 'GET' && r.path === '/api/session')).toBe(true);
  });
});
