import { describe, expect, it } from 'vitest';
import { createClient, Unauthenticated, Unauthorized } from '@vcenter-sdk/runtime';
import { PASSWORD, r670, r803, USER } from './fixtures.js';
import { fastRetry, serve as server, vms } from './helpers.js';

const unauthenticated = { status: 401, json: { error_type: 'UNAUTHENTICATED', messages: [] } };

describe('sessions', () => {
  it('sends Basic only on the login call, then the session header (never cookies)', async () => {
    const s = await server({ 'GET /api/vcenter/vm': { json: vms, headers: { 'set-cookie': 'vmware-api-session-id=abc; Path=/' } } });
    await using client = createClient({ baseUrl: s.url, release: r803, auth: { username: USER, password: PASSWORD } });
    const list = await client.call('vcenter.vm.list');
    await client.call('vcenter.vm.list');
    expect(list).toEqual(vms);
    expect(s.sessionCalls).toEqual(['POST /api/session']);
    expect(s.loginAuth).toEqual([expect.stringMatching(/^Basic /)]);
    expect(s.requests).toHaveLength(2);
    for (const c of s.requests) {
      expect(c.headers.authorization).toBeUndefined();
      expect(c.headers.cookie).toBeUndefined();
      expect(c.headers['vmware-api-session-id']).toBe(s.logins[0]);
      expect(c.headers['vmware-use-header-authn']).toBe('true');
      expect(c.headers['x-api-version']).toBe('8.0.3');
    }
  });

  it('logs in through /rest when the release has no /api/session, and close() logs out in that style', async () => {
    const s = await server({ 'GET /rest/vcenter/vm': { json: { value: vms } } });
    const client = createClient({ baseUrl: s.url, release: r670, auth: { username: USER, password: PASSWORD } });
    expect(await client.call('rest.vcenter.vm.list')).toEqual(vms);
    expect(s.sessionCalls).toEqual(['POST /rest/com/vmware/cis/session']);
    await client.close();
    await client.close(); // idempotent
    expect(s.sessionCalls).toEqual(['POST /rest/com/vmware/cis/session', 'DELETE /rest/com/vmware/cis/session']);
    expect(s.sessions.size).toBe(0);
  });

  it('await using logs out with DELETE /api/session', async () => {
    const s = await server({ 'GET /api/vcenter/vm': { json: vms } });
    {
      await using client = createClient({ baseUrl: s.url, release: r803, auth: { username: USER, password: PASSWORD } });
      await client.call('vcenter.vm.list');
      expect(s.sessions.size).toBe(1);
    }
    expect(s.sessionCalls.at(-1)).toBe('DELETE /api/session');
    expect(s.sessions.size).toBe(0);
  });

  it('100 concurrent first calls share one login', async () => {
    const s = await server({ 'GET /api/vcenter/vm': { json: vms } });
    await using client = createClient({ baseUrl: s.url, release: r803, auth: { username: USER, password: PASSWORD } });
    await Promise.all(Array.from({ length: 100 }, () => client.call('vcenter.vm.list')));
    expect(s.logins).toHaveLength(1);
  });

  it('a second 401 after re-login is Unauthenticated, not a loop', async () => {
    const s = await server({ 'GET /api/vcenter/vm': unauthenticated });
    await using client = createClient({ baseUrl: s.url, release: r803, auth: { username: USER, password: PASSWORD }, retry: fastRetry });
    const err = await client.call('vcenter.vm.list').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Unauthenticated);
    expect((err as Unauthenticated).status).toBe(401);
    expect((err as Unauthenticated).operation).toBe('vcenter.vm.list');
    expect(s.logins).toHaveLength(2);
    expect(s.requests.filter((r) => r.path === '/api/vcenter/vm')).toHaveLength(2);
  });

  it('403 is Unauthorized: no re-login, not retried', async () => {
    const s = await server({
      'GET /api/vcenter/vm': {
        status: 403,
        json: { error_type: 'UNAUTHORIZED', messages: [{ default_message: 'no privilege', id: 'x', args: [] }] },
      },
    });
    await using client = createClient({ baseUrl: s.url, release: r803, auth: { username: USER, password: PASSWORD }, retry: fastRetry });
    const err = await client.call('vcenter.vm.list').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Unauthorized);
    expect((err as Unauthorized).messages).toEqual(['no privilege']);
    expect(s.logins).toHaveLength(1);
    expect(s.requests.filter((r) => r.path === '/api/vcenter/vm')).toHaveLength(1);
  });

  it('auth.sessionId reuses a session; a 401 is Unauthenticated without any login', async () => {
    const s = await server({ 'GET /api/vcenter/vm': { json: vms } });
    // The hostile server refuses an id of its own form that it does not hold.
    s.sessions.add('hostile-session-existing-1234');
    const client = createClient({ baseUrl: s.url, release: r803, auth: { sessionId: 'hostile-session-existing-1234' } });
    expect(await client.call('vcenter.vm.list')).toEqual(vms);
    s.expireSessions();
    await expect(client.call('vcenter.vm.list')).rejects.toBeInstanceOf(Unauthenticated);
    await client.close();
    // no login, and a session the client did not create is not logged out
    expect(s.sessionCalls).toEqual([]);
  });

  it('auth.token exchanges a bearer token for a session, and a fresh one after a 401', async () => {
    const s = await server({ 'GET /api/vcenter/vm': { json: vms } });
    let n = 0;
    const token = async () => `token-${++n}-abcdef`;
    await using client = createClient({ baseUrl: s.url, release: r803, auth: { token } });
    await client.call('vcenter.vm.list');
    expect(s.loginAuth).toEqual(['Bearer token-1-abcdef']);
    s.expireSessions();
    await client.call('vcenter.vm.list');
    expect(n).toBe(2);
    expect(s.loginAuth).toEqual(['Bearer token-1-abcdef', 'Bearer token-2-abcdef']);
    expect(s.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  it('bad credentials → Unauthenticated from the login', async () => {
    const s = await server();
    await using client = createClient({ baseUrl: s.url, release: r803, auth: { username: USER, password: 'wrong-password' } });
    const err = await client.call('vcenter.vm.list').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Unauthenticated);
    expect((err as Unauthenticated).operation).toBe('session.create');
  });

  it('two tenants used concurrently never mix sessions or headers', async () => {
    const OTHER = 'tenant-two@vsphere.local';
    const OTHER_PW = 'An0ther-Secret!';
    const otherBasic = `Basic ${Buffer.from(`${OTHER}:${OTHER_PW}`).toString('base64')}`;
    const ownBasic = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
    const s = await server(
      { 'GET /api/vcenter/vm': { json: vms, delayMs: 2 } },
      { acceptLogin: (a) => a === ownBasic || a === otherBasic },
    );
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
    // Each tenant's calls carry one session, the one its own credentials logged in.
    const loggedInBy = (sid: string) => s.loginAuth[s.logins.indexOf(sid)];
    expect(s.logins).toHaveLength(2);
    expect([...seen.get('a')!].map(loggedInBy)).toEqual([ownBasic]);
    expect([...seen.get('b')!].map(loggedInBy)).toEqual([otherBasic]);
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
      const s = await server({ [`${method} ${path}`]: { json: body } });
      const client = createClient({ baseUrl: s.url, release: row.release, auth: { username: USER, password: PASSWORD }, keepAliveMs: 30 });
      expect(await client.call(name as never)).toEqual(vms);
      const touched = () => s.sessionCalls.length > 1;
      for (let waited = 0; !touched() && waited < 10_000; waited += 20) await new Promise((ok) => setTimeout(ok, 20));
      await client.close();
      const seen = s.sessionCalls;
      expect(seen[0]).toBe(row.login);
      expect(seen.at(-1)).toBe(row.logout);
      expect(seen.length).toBeGreaterThan(2);
      expect(new Set(seen.slice(1, -1))).toEqual(new Set([row.touch]));
      // The id was read from the login answer: every later call was accepted with it, and the logout ended it.
      expect(s.logins).toHaveLength(1);
      expect(s.requests.map((r) => r.headers['vmware-api-session-id'])).toEqual([s.logins[0]]);
      expect(s.sessions.size).toBe(0);
    },
  );

  it('keep-alive touches the session while idle', async () => {
    const s = await server({ 'GET /api/vcenter/vm': { json: vms } });
    await using client = createClient({ baseUrl: s.url, release: r803, auth: { username: USER, password: PASSWORD }, keepAliveMs: 30 });
    await client.call('vcenter.vm.list');
    await new Promise((ok) => setTimeout(ok, 120));
    expect(s.sessionCalls).toContain('GET /api/session');
  });
});
