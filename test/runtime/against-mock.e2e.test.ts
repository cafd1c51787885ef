/**
 * The runtime end to end against @vcenter-sdk/mock: release detection, TLS trust and pinning,
 * logout on close, single-flight re-login after idle expiry, a /rest-only release. Retries are
 * asserted once, in calls.e2e (the hostile server counts each attempt).
 */
import { X509Certificate } from 'node:crypto';
import { startMock, type MockLogEntry, type MockVcenter, type StartMockOptions } from '@vcenter-sdk/mock';
import { connect, createClient } from '@vcenter-sdk/runtime';
import v670 from '@vcenter-sdk/vsphere-6.7.0';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import v802 from '@vcenter-sdk/vsphere-8.0.2';
import { afterEach, describe, expect, it } from 'vitest';
import { MOCK_PASSWORD, USER } from '../support/settings.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});
async function mock(options: StartMockOptions): Promise<{ m: MockVcenter; log: MockLogEntry[] }> {
  const log: MockLogEntry[] = [];
  const m = await startMock({ ...options, onRequest: (e) => log.push(e) });
  cleanup.push(() => m.close());
  return { m, log };
}
const auth = { username: USER, password: MOCK_PASSWORD };
const logins = (log: MockLogEntry[]) => log.filter((e) => e.method === 'POST' && /\/session$/.test(e.url.split('?')[0]!)).length;
const logouts = (log: MockLogEntry[]) => log.filter((e) => e.method === 'DELETE' && /\/session$/.test(e.url.split('?')[0]!)).length;

describe('against the mock', () => {
  it('connect over pinned TLS detects 8.0.2, logs in with its version header, lists VMs, logs out on close', async () => {
    const { m, log } = await mock({ tls: true, releases: ['6.7.0', '7.0.3', '8.0.2'], defaultRelease: '8.0.2' });
    const client = await connect({
      baseUrl: m.url,
      releases: [v670, v703, v802],
      auth,
      tls: { thumbprint: m.fingerprint256!.replaceAll(':', '').toLowerCase() },
    });
    expect(client.release).toBe('8.0.2');
    if (client.release !== '8.0.2') throw new Error('narrowing');
    const list = await client.call('vcenter.vm.list');
    expect(list.length).toBeGreaterThan(0);
    // the login carries the detected release in its version header
    expect(log.find((e) => e.url === '/api/session')).toMatchObject({ method: 'POST', release: '8.0.2', status: 201 });
    expect(log.at(-1)).toMatchObject({ operation: 'vcenter.vm.list', status: 200 });
    expect(logouts(log)).toBe(0);
    await client.close();
    expect(logouts(log)).toBe(1);
  });

  it("tls.ca from the mock's certificate works; sha1 pinning works", async () => {
    const { m, log } = await mock({ tls: true, releases: ['7.0.3'] });
    const sha1 = new X509Certificate(m.cert!).fingerprint;
    const a = createClient({ baseUrl: m.url, release: v703, auth, tls: { ca: m.cert! } });
    const b = createClient({ baseUrl: m.url, release: v703, auth, tls: { thumbprint: sha1 } });
    cleanup.push(
      () => a.close(),
      () => b.close(),
    );
    await a.call('vcenter.vm.list');
    await b.call('vcenter.vm.list');
    expect(logins(log)).toBe(2);
  });

  it('after an idle expiry, 100 concurrent calls log in again once', async () => {
    let now = 1_000_000;
    const { m, log } = await mock({ releases: ['7.0.3'], idleTimeoutMs: 60_000, clock: () => now });
    const client = createClient({ baseUrl: m.url, release: v703, auth });
    cleanup.push(() => client.close());
    await client.call('vcenter.vm.list');
    now += 61_000;
    const lists = await Promise.all(Array.from({ length: 100 }, () => client.call('vcenter.vm.list')));
    expect(lists.every((l) => l.length > 0)).toBe(true);
    expect(logins(log)).toBe(2);
  });

  it('/rest-only release (6.7.0) is detected, logs in through /rest and unwraps', async () => {
    const { m, log } = await mock({ releases: ['6.7.0'] });
    const client = await connect({ baseUrl: m.url, releases: [v670, v703], auth });
    cleanup.push(() => client.close());
    expect(client.release).toBe('6.7.0');
    const list = await client.call('rest.vcenter.vm.list');
    expect(Array.isArray(list) && list.length > 0).toBe(true);
    expect(log.filter((e) => e.method === 'POST' && e.url.startsWith('/rest/com/vmware/cis/session'))).toHaveLength(1);
  });
});
