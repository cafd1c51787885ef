/**
 * The runtime against the shared stateful fake vCenter (test/fake-vcenter): end-to-end
 * detection, TLS pinning, sessions, faults and the version header.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeVcenter, type FakeVcenter } from '../fake-vcenter/index.js';
import { connect, createClient, ServiceUnavailable, type DecodeIssueInfo } from '@vcenter-sdk/runtime';
import { PASSWORD, r670, r802, r803, USER } from './fixtures.js';
import { fastRetry } from './helpers.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});
async function fake(options: Parameters<typeof startFakeVcenter>[0]): Promise<FakeVcenter> {
  const f = await startFakeVcenter({ users: { [USER]: PASSWORD }, ...options });
  cleanup.push(() => f.close());
  return f;
}
const auth = { username: USER, password: PASSWORD };

describe('against the fake vCenter', () => {
  it('connect over pinned TLS detects 8.0.2 through hello, lists VMs, logs out on close', async () => {
    const f = await fake({ tls: true, release: '8.0.2' });
    const issues: DecodeIssueInfo[] = [];
    const client = await connect({
      baseUrl: f.url,
      releases: [r670, r802, r803],
      auth,
      tls: { thumbprint: f.fingerprint256!.replaceAll(':', '').toLowerCase() },
      hooks: { onDecodeIssue: (i) => issues.push(i) },
    });
    expect(client.release).toBe('8.0.2');
    const list = (await client.call('vcenter.vm.list')) as { vm: string; name: string }[];
    expect(list.length).toBeGreaterThan(0);
    expect(f.requests.at(-1)!.headers['x-api-version']).toBe('8.0.2');
    // the seeded SUSPENDED vm is not a power state of the fixture's 8.0.2: reported, not thrown
    expect(issues.some((i) => i.release === '8.0.2' && (i.issue as { code: string }).code === 'unknown_enum')).toBe(true);
    await client.close();
    expect(f.sessionCount).toBe(0);
  });

  it('tls.ca from the fake works; sha1 pinning works', async () => {
    const f = await fake({ tls: true, release: '8.0.3' });
    const a = createClient({ baseUrl: f.url, release: r803, auth, tls: { ca: f.ca! } });
    const b = createClient({ baseUrl: f.url, release: r803, auth, tls: { thumbprint: f.fingerprint1! } });
    cleanup.push(
      () => a.close(),
      () => b.close(),
    );
    await a.call('vcenter.vm.list');
    await b.call('vcenter.vm.list');
    expect(f.loginCount).toBe(2);
  });

  it('single-flight re-login after expiry, 503 retried for GET, not for POST', async () => {
    const f = await fake({ release: '8.0.3' });
    const client = createClient({ baseUrl: f.url, release: r803, auth, retry: fastRetry });
    cleanup.push(() => client.close());
    await client.call('vcenter.vm.list');
    f.expireSessions();
    await Promise.all(Array.from({ length: 100 }, () => client.call('vcenter.vm.list')));
    expect(f.loginCount).toBe(2);

    f.failNext({ status: 503, body: { error_type: 'SERVICE_UNAVAILABLE', messages: [] }, headers: { 'retry-after': '0' }, times: 2 });
    await client.call('vcenter.vm.list');
    f.failNext({ status: 503, body: { error_type: 'SERVICE_UNAVAILABLE', messages: [] }, times: 1 });
    await expect(client.call('vcenter.vm.power.start', { path: { vm: 'vm-1002' } })).rejects.toBeInstanceOf(ServiceUnavailable);
  });

  it('a reset connection is retried for GET', async () => {
    const f = await fake({ release: '8.0.3' });
    const client = createClient({ baseUrl: f.url, release: r803, auth, retry: fastRetry });
    cleanup.push(() => client.close());
    await client.call('vcenter.vm.list');
    f.resetNext({ match: (r) => r.method === 'GET' });
    await client.call('vcenter.vm.list');
  });

  it('/rest-only release (6.7.0) logs in through /rest and unwraps', async () => {
    const f = await fake({ release: '6.7.0' });
    const client = await connect({ baseUrl: f.url, releases: [r670, r803], auth });
    cleanup.push(() => client.close());
    expect(client.release).toBe('6.7.0');
    const list = await client.call('rest.vcenter.vm.list');
    expect(Array.isArray(list)).toBe(true);
  });
});
