import { describe, expect, it } from 'vitest';
import { connect, createClient, ReleaseMismatch, type DecodeIssueInfo, type WarningInfo } from '@vcenter-sdk/runtime';
import { PASSWORD, r670, r802, r803, USER } from './fixtures.js';
import { onCleanup, serve, vms } from './helpers.js';

/** A server answering `table` and both styles' VM lists; 404 to the rest. */
function server(table: Parameters<typeof serve>[0] = {}) {
  return serve({ 'GET /api/vcenter/vm': { json: vms }, 'GET /rest/vcenter/vm': { json: { value: vms } }, ...table });
}
const auth = { username: USER, password: PASSWORD };
const releases = [r670, r802, r803] as const;

describe('connect: detection', () => {
  it('through hello (sends the given ids; unauthenticated first)', async () => {
    const s = await server({ 'POST /api/vcenter/system': { json: { api_release: '8.0.2.0' } } });
    const client = onCleanup(await connect({ baseUrl: s.url, releases, auth }));
    expect(client.release).toBe('8.0.2');
    const hello = s.requests[0]!;
    expect(hello.url).toBe('/api/vcenter/system?action=hello');
    expect(JSON.parse(hello.body)).toEqual({ api_releases: ['8.0.3', '8.0.2', '6.7.0'] });
    expect(hello.headers['vmware-api-session-id']).toBeUndefined();
    expect(s.sessionCalls).toEqual([]);
    if (client.release === '8.0.2') {
      const list = await client.call('vcenter.vm.list');
      expect(list).toEqual(vms);
    }
    expect(s.requests.at(-1)!.headers['x-api-version']).toBe('8.0.2');
  });

  it('through /api/appliance/system/version when hello is unknown', async () => {
    const s = await server({ 'GET /api/appliance/system/version': { json: { version: '8.0.3.00100', build: '1' } } });
    const client = onCleanup(await connect({ baseUrl: s.url, releases, auth }));
    expect(client.release).toBe('8.0.3');
  });

  it('through /rest/appliance/system/version on old servers, with login after a 401', async () => {
    const s = await server({ 'GET /rest/appliance/system/version': { json: { value: { version: '6.7.0.42000' } } } });
    // An old server: every probe wants a session, and there is no /api/session.
    const routed = s.otherwise;
    s.otherwise = (req) =>
      req.headers['vmware-api-session-id'] ? routed(req) : { status: 401, json: { error_type: 'UNAUTHENTICATED', messages: [] } };
    s.next('/api/session', { status: 404, json: { error_type: 'NOT_FOUND', messages: [] } });
    const client = onCleanup(await connect({ baseUrl: s.url, releases, auth }));
    expect(client.release).toBe('6.7.0');
    // the unauthenticated probes came first, then /api/session (404), then the /rest login
    expect(s.requests[0]!.headers['vmware-api-session-id']).toBeUndefined();
    expect(s.sessionCalls).toEqual(['POST /api/session', 'POST /rest/com/vmware/cis/session']);
    expect(await client.call('rest.vcenter.vm.list')).toEqual(vms);
    expect(s.logins).toHaveLength(1); // the detection session is reused
  });

  it('a known server release (serverRelease) skips detection', async () => {
    const s = await server();
    const client = onCleanup(await connect({ baseUrl: s.url, releases, auth, serverRelease: '8.0.2' }));
    expect(client.release).toBe('8.0.2');
    expect([...s.sessionCalls, ...s.requests]).toHaveLength(0);
  });

  it('no fitting release → ReleaseMismatch listing both sides', async () => {
    const s = await server({ 'GET /api/appliance/system/version': { json: { version: '6.5.0.1' } } });
    const err = (await connect({ baseUrl: s.url, releases, auth }).catch((e: unknown) => e)) as ReleaseMismatch;
    expect(err).toBeInstanceOf(ReleaseMismatch);
    expect(err.message).toContain('6.5.0.1');
    expect(err.message).toContain('6.7.0, 8.0.2, 8.0.3');
    expect(err.serverRelease).toBe('6.5.0.1');
    expect(err.clientReleases).toEqual(['6.7.0', '8.0.2', '8.0.3']);
  });

  it('hello answering "" → ReleaseMismatch', async () => {
    const s = await server({ 'POST /api/vcenter/system': { json: { api_release: '' } } });
    await expect(connect({ baseUrl: s.url, releases, auth })).rejects.toBeInstanceOf(ReleaseMismatch);
  });
});

describe('version header dispatch', () => {
  it('a response naming another known release is decoded with that release', async () => {
    const suspended = { name: 'x', power_state: 'SUSPENDED' }; // valid in 8.0.3, an unknown enum in 8.0.2
    const s = await server({
      'POST /api/vcenter/system': { json: { api_release: '8.0.3' } },
      'GET /api/vcenter/vm/vm-1': { json: suspended, headers: { 'x-api-version': '8.0.2' } },
    });
    const issues: DecodeIssueInfo[] = [];
    const client = onCleanup(await connect({ baseUrl: s.url, releases, auth, hooks: { onDecodeIssue: (i) => issues.push(i) } }));
    expect(client.release).toBe('8.0.3');
    if (client.release !== '8.0.3') throw new Error('narrowing');
    expect(await client.call('vcenter.vm.get', { path: { vm: 'vm-1' } })).toEqual(suspended);
    expect(s.requests.at(-1)!.headers['x-api-version']).toBe('8.0.3');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.release).toBe('8.0.2');
    expect((issues[0]!.issue as { code: string }).code).toBe('unknown_enum');
  });

  it('a response naming an unknown release is reported and decoded with the client release', async () => {
    const s = await server({
      'GET /api/vcenter/vm/vm-1': { json: { name: 'x', power_state: 'SUSPENDED' }, headers: { 'x-api-version': '9.9.9' } },
    });
    const warnings: WarningInfo[] = [];
    const issues: DecodeIssueInfo[] = [];
    const client = onCleanup(
      createClient({
        baseUrl: s.url,
        release: r803,
        auth,
        hooks: { onWarning: (w) => warnings.push(w), onDecodeIssue: (i) => issues.push(i) },
      }),
    );
    await client.call('vcenter.vm.get', { path: { vm: 'vm-1' } });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'RELEASE_HEADER_UNKNOWN', responseRelease: '9.9.9', release: '8.0.3' });
    expect(issues).toHaveLength(0); // SUSPENDED is fine in 8.0.3
  });

  it('the version header name is configurable', async () => {
    const s = await server();
    const client = onCleanup(createClient({ baseUrl: s.url, release: r803, auth, versionHeader: 'X-Vsphere-Release' }));
    await client.call('vcenter.vm.list');
    expect(s.requests.at(-1)!.headers['x-vsphere-release']).toBe('8.0.3');
    expect(s.requests.at(-1)!.headers['x-api-version']).toBeUndefined();
  });
});
