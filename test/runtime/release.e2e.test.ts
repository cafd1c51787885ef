import { afterEach, describe, expect, it } from 'vitest';
import { connect, createClient, ReleaseMismatch, type DecodeIssueInfo, type WarningInfo } from '@vcenter-sdk/runtime';
import { PASSWORD, r670, r802, r803, USER } from './fixtures.js';
import { route, startServer, vms, type Handler } from './helpers.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});
async function server(handlers: Handler[], requireSession = false) {
  const s = await startServer(undefined, { requireSession });
  s.handlers.push(...handlers, route('GET', '/api/vcenter/vm', { body: vms }), route('GET', '/rest/vcenter/vm', { body: { value: vms } }));
  cleanup.push(() => s.close());
  return s;
}
const auth = { username: USER, password: PASSWORD };
const releases = [r670, r802, r803] as const;

describe('connect: detection', () => {
  it('through hello (sends the given ids; unauthenticated first)', async () => {
    const s = await server([route('POST', '/api/vcenter/system', { body: { api_release: '8.0.2.0' } }, 'action=hello')]);
    const client = await connect({ baseUrl: s.url, releases, auth });
    cleanup.push(() => client.close());
    expect(client.release).toBe('8.0.2');
    const hello = s.requests[0]!;
    expect(hello.url).toBe('/api/vcenter/system?action=hello');
    expect(JSON.parse(hello.body)).toEqual({ api_releases: ['8.0.3', '8.0.2', '6.7.0'] });
    expect(hello.headers['vmware-api-session-id']).toBeUndefined();
    expect(s.loginCount).toBe(0);
    if (client.release === '8.0.2') {
      const list = await client.call('vcenter.vm.list');
      expect(list).toEqual(vms);
    }
    expect(s.requests.at(-1)!.headers['x-api-version']).toBe('8.0.2');
  });

  it('through /api/appliance/system/version when hello is unknown', async () => {
    const s = await server([route('GET', '/api/appliance/system/version', { body: { version: '8.0.3.00100', build: '1' } })]);
    const client = await connect({ baseUrl: s.url, releases, auth });
    cleanup.push(() => client.close());
    expect(client.release).toBe('8.0.3');
  });

  it('through /rest/appliance/system/version on old servers, with login after a 401', async () => {
    const s = await server([], true);
    s.handlers.unshift((req) =>
      req.path === '/api/session' ? { status: 404, body: { error_type: 'NOT_FOUND', messages: [] } } : undefined,
    );
    s.handlers.push(route('GET', '/rest/appliance/system/version', { body: { value: { version: '6.7.0.42000' } } }));
    const client = await connect({ baseUrl: s.url, releases, auth });
    cleanup.push(() => client.close());
    expect(client.release).toBe('6.7.0');
    expect(s.loginCount).toBe(1);
    // the unauthenticated probes came first, then /api/session (404), then the /rest login
    const sessionCalls = s.requests.filter((r) => r.path.endsWith('/session')).map((r) => r.path);
    expect(sessionCalls).toEqual(['/api/session', '/rest/com/vmware/cis/session']);
    expect(await client.call('rest.vcenter.vm.list')).toEqual(vms);
    expect(s.loginCount).toBe(1); // the detection session is reused
  });

  it('a known server release (serverRelease) skips detection', async () => {
    const s = await server([]);
    const client = await connect({ baseUrl: s.url, releases, auth, serverRelease: '8.0.2' });
    cleanup.push(() => client.close());
    expect(client.release).toBe('8.0.2');
    expect(s.requests).toHaveLength(0);
  });

  it('no fitting release → ReleaseMismatch listing both sides', async () => {
    const s = await server([route('GET', '/api/appliance/system/version', { body: { version: '6.5.0.1' } })]);
    const err = (await connect({ baseUrl: s.url, releases, auth }).catch((e: unknown) => e)) as ReleaseMismatch;
    expect(err).toBeInstanceOf(ReleaseMismatch);
    expect(err.message).toContain('6.5.0.1');
    expect(err.message).toContain('6.7.0, 8.0.2, 8.0.3');
    expect(err.serverRelease).toBe('6.5.0.1');
    expect(err.clientReleases).toEqual(['6.7.0', '8.0.2', '8.0.3']);
  });

  it('hello answering "" → ReleaseMismatch', async () => {
    const s = await server([route('POST', '/api/vcenter/system', { body: { api_release: '' } }, 'action=hello')]);
    await expect(connect({ baseUrl: s.url, releases, auth })).rejects.toBeInstanceOf(ReleaseMismatch);
  });
});

describe('version header dispatch', () => {
  it('a response naming another known release is decoded with that release', async () => {
    const suspended = { name: 'x', power_state: 'SUSPENDED' }; // valid in 8.0.3, an unknown enum in 8.0.2
    const s = await server([
      route('POST', '/api/vcenter/system', { body: { api_release: '8.0.3' } }, 'action=hello'),
      route('GET', '/api/vcenter/vm/vm-1', { body: suspended, headers: { 'x-api-version': '8.0.2' } }),
    ]);
    const issues: DecodeIssueInfo[] = [];
    const client = await connect({ baseUrl: s.url, releases, auth, hooks: { onDecodeIssue: (i) => issues.push(i) } });
    cleanup.push(() => client.close());
    expect(client.release).toBe('8.0.3');
    if (client.release !== '8.0.3') throw new Error('narrowing');
    expect(await client.call('vcenter.vm.get', { path: { vm: 'vm-1' } })).toEqual(suspended);
    expect(s.requests.at(-1)!.headers['x-api-version']).toBe('8.0.3');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.release).toBe('8.0.2');
    expect((issues[0]!.issue as { code: string }).code).toBe('unknown_enum');
  });

  it('a response naming an unknown release is reported and decoded with the client release', async () => {
    const s = await server([
      route('GET', '/api/vcenter/vm/vm-1', { body: { name: 'x', power_state: 'SUSPENDED' }, headers: { 'x-api-version': '9.9.9' } }),
    ]);
    const warnings: WarningInfo[] = [];
    const issues: DecodeIssueInfo[] = [];
    const client = createClient({
      baseUrl: s.url,
      release: r803,
      auth,
      hooks: { onWarning: (w) => warnings.push(w), onDecodeIssue: (i) => issues.push(i) },
    });
    cleanup.push(() => client.close());
    await client.call('vcenter.vm.get', { path: { vm: 'vm-1' } });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'RELEASE_HEADER_UNKNOWN', responseRelease: '9.9.9', release: '8.0.3' });
    expect(issues).toHaveLength(0); // SUSPENDED is fine in 8.0.3
  });

  it('the version header name is configurable', async () => {
    const s = await server([]);
    const client = createClient({ baseUrl: s.url, release: r803, auth, versionHeader: 'X-Vsphere-Release' });
    cleanup.push(() => client.close());
    await client.call('vcenter.vm.list');
    expect(s.requests.at(-1)!.headers['x-vsphere-release']).toBe('8.0.3');
    expect(s.requests.at(-1)!.headers['x-api-version']).toBeUndefined();
  });
});
