/**
 * The mock as a vCenter: a seeded inventory modelled on vcsim's, list filters that agree with
 * get, power states, NOT_FOUND in both shapes, sessions with users and idle expiry, tasks,
 * the spec's examples for what it does not model, TLS with a pinnable fingerprint, a busy port.
 */
import { createServer } from 'node:net';
import { createClient, NotFound, AlreadyInDesiredState, Unauthenticated, CertificateMismatch } from '@vcenter-sdk/runtime';
import v670 from '@vcenter-sdk/vsphere-6.7.0';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type MockVcenter } from '@vcenter-sdk/mock';
import { clientOf, FAST_POLL, login, PASSWORD, RELEASES, USER } from './helpers.js';

let mock: MockVcenter;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(async () => {
  await mock?.close();
});

describe('inventory', () => {
  it('has vcsim-like names and vCenter ids, the same for the same seed, other properties for another seed', async () => {
    const inv = mock.inventory('7.0.3');
    expect([...inv.datacenters.values()].map((d) => d.name)).toEqual(['DC0']);
    expect([...inv.clusters.values()].map((c) => [c.name, c.id])).toEqual([['DC0_C0', expect.stringMatching(/^domain-c\d+$/)]]);
    expect([...inv.hosts.values()].map((h) => h.name)).toEqual(['DC0_H0', 'DC0_C0_H0', 'DC0_C0_H1', 'DC0_C0_H2']);
    expect([...inv.vms.values()].map((v) => v.name)).toEqual(['DC0_H0_VM0', 'DC0_H0_VM1', 'DC0_C0_RP0_VM0', 'DC0_C0_RP0_VM1']);
    for (const v of inv.vms.values()) expect(v.id).toMatch(/^vm-\d+$/);
    for (const h of inv.hosts.values()) expect(h.id).toMatch(/^host-\d+$/);
    const props = (m: MockVcenter) =>
      [...m.inventory('7.0.3').vms.values()].map((v) => [v.id, v.guestOS, v.cpuCount, v.memoryMiB, v.powerState, v.biosUuid]);
    const same = await startMock({ releases: ['7.0.3'] });
    const other = await startMock({ releases: ['7.0.3'], seed: 2 });
    try {
      expect(props(same)).toEqual(props(mock));
      expect(props(other)).not.toEqual(props(mock));
    } finally {
      await same.close();
      await other.close();
    }
  });

  it('takes vcsim-like sizes', async () => {
    const big = await startMock({
      releases: ['7.0.3'],
      inventory: { datacenters: 2, clusters: 2, hostsPerCluster: 1, standaloneHosts: 0, vms: 3 },
    });
    try {
      const inv = big.inventory('7.0.3');
      expect(inv.datacenters.size).toBe(2);
      expect(inv.clusters.size).toBe(4);
      expect(inv.vms.size).toBe(12);
      expect(inv.vms.has('DC1_C1_RP0_VM2')).toBe(false);
      expect([...inv.vms.values()].map((v) => v.name)).toContain('DC1_C1_RP0_VM2');
    } finally {
      await big.close();
    }
    await expect(startMock({ inventory: { vms: -1 } })).rejects.toThrow('inventory.vms must be an integer');
  });

  it('serves every generated release; 8.0.2 answers what its spec lacks (the vcenter service) with 7.0.3', async () => {
    expect(mock.releases).toEqual(RELEASES);
    const c = clientOf(mock, (await import('@vcenter-sdk/vsphere-8.0.2')).default);
    try {
      await expect(c.call('cis.tagging.category.list')).resolves.toEqual([]);
      await expect(c.call('vcenter.vm.list')).rejects.toThrow(/unknown operation 'vcenter.vm.list' in release 8.0.2/);
      const { id } = await login(mock, '8.0.2');
      const raw = await fetch(`${mock.url}/api/vcenter/vm`, { headers: { 'x-api-version': '8.0.2', 'vmware-api-session-id': id! } });
      expect(raw.status).toBe(200);
      expect(raw.headers.get('x-mock-release-answered')).toBe('7.0.3');
      expect(((await raw.json()) as unknown[]).length).toBe(mock.inventory('8.0.2').vms.size);
    } finally {
      await c.close();
    }
  });
});

describe('VMs through the SDK (7.0.3 /api, 6.7.0 /rest)', () => {
  it('list filters agree with get, for every filter value', async () => {
    const c = clientOf(mock, v703);
    try {
      for (const state of ['POWERED_ON', 'POWERED_OFF', 'SUSPENDED']) {
        const listed: { vm: string; power_state: string }[] = await c.call('vcenter.vm.list', { query: { power_states: [state] } });
        for (const vm of listed) {
          expect(vm.power_state).toBe(state);
          expect((await c.call('vcenter.vm.get', { path: { vm: vm.vm } })).power_state).toBe(state);
        }
      }
      const [cluster] = await c.call('vcenter.cluster.list');
      const inCluster: { vm: string }[] = await c.call('vcenter.vm.list', { query: { clusters: [cluster.cluster] } });
      expect(inCluster.map((v) => v.vm).sort()).toEqual(
        [...mock.inventory('7.0.3').vms.values()]
          .filter((v) => v.cluster === cluster.cluster)
          .map((v) => v.id)
          .sort(),
      );
    } finally {
      await c.close();
    }
  });

  it('power operations change state; a second start is ALREADY_IN_DESIRED_STATE; an unknown VM is NOT_FOUND in both shapes', async () => {
    const c = clientOf(mock, v703);
    const rest = clientOf(mock, v670);
    try {
      const [off] = await c.call('vcenter.vm.list', { query: { power_states: ['POWERED_OFF'] } });
      await c.call('vcenter.vm.power.start', { path: { vm: off.vm } });
      expect(await c.call('vcenter.vm.power.get', { path: { vm: off.vm } })).toEqual({ state: 'POWERED_ON' });
      const again = await c.call('vcenter.vm.power.start', { path: { vm: off.vm } }).catch((e: unknown) => e);
      expect(again).toBeInstanceOf(AlreadyInDesiredState);
      await c.call('vcenter.vm.power.stop', { path: { vm: off.vm } });

      const missing = await c.call('vcenter.vm.get', { path: { vm: 'vm-missing' } }).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(NotFound);
      expect((missing as NotFound).messages).toEqual(['Virtual machine vm-missing not found']);
      const restMissing = await rest.call('rest.vcenter.vm.get', { path: { vm: 'vm-missing' } }).catch((e: unknown) => e);
      expect(restMissing).toBeInstanceOf(NotFound);
      const raw = await fetch(`${mock.url}/rest/vcenter/vm/vm-missing`, {
        headers: { 'x-api-version': '6.7.0', 'vmware-api-session-id': (await login(mock, '6.7.0')).id! },
      });
      expect(raw.status).toBe(404);
      expect(await raw.json()).toMatchObject({
        type: 'com.vmware.vapi.std.errors.not_found',
        value: { messages: [{ default_message: 'Virtual machine vm-missing not found' }] },
      });
    } finally {
      await c.close();
      await rest.close();
    }
  });

  it('$task operations run as tasks with progress; the task creates the clone; a task can be cancelled', async () => {
    const c = clientOf(mock, v703, { decode: 'report' });
    try {
      const [source] = await c.call('vcenter.vm.list');
      const seen: string[] = [];
      const vm = await c.run(
        'vcenter.vm.clone$task',
        { body: { source: source.vm, name: 'task-clone' } },
        {
          onProgress: (i: { status: string; progress?: { completed: number } }) =>
            seen.push(`${i.status}${i.progress ? ` ${i.progress.completed}` : ''}`),
        },
      );
      expect(seen).toEqual(['PENDING', 'RUNNING 50', 'SUCCEEDED 100']);
      expect(mock.inventory('7.0.3').vms.get(vm)?.name).toBe('task-clone');

      const task = await c.start('vcenter.vm.clone$task', { body: { source: source.vm, name: 'never' } });
      await task.cancel();
      await expect(task.wait()).rejects.toMatchObject({ kind: 'CANCELED' });
      expect([...mock.inventory('7.0.3').vms.values()].some((v) => v.name === 'never')).toBe(false);
    } finally {
      await c.close();
    }
  });
});

describe('sessions', () => {
  it('a wrong password is 401; configured users log in', async () => {
    expect((await login(mock, '7.0.3', USER, 'wrong')).status).toBe(401);
    expect((await login(mock, '6.7.0', USER, 'wrong')).status).toBe(401);
    const custom = await startMock({ releases: ['7.0.3'], users: { 'ops@corp': 's3cret' } });
    try {
      expect((await login(custom, '7.0.3', 'ops@corp', 's3cret')).status).toBe(201);
      expect((await login(custom, '7.0.3', USER, PASSWORD)).status).toBe(401);
      const c = createClient({ baseUrl: custom.url, release: v703, auth: { username: 'ops@corp', password: 'nope' }, retry: false });
      await expect(c.call('vcenter.vm.list')).rejects.toBeInstanceOf(Unauthenticated);
      await c.close();
    } finally {
      await custom.close();
    }
  });

  it('the request log never carries a session id', async () => {
    const entries: unknown[] = [];
    const m = await startMock({ releases: ['7.0.3', '6.7.0'], onRequest: (e) => entries.push(e) });
    try {
      const ids = [(await login(m, '7.0.3')).id!, (await login(m, '6.7.0')).id!];
      await fetch(`${m.url}/api/vcenter/vm`, { headers: { 'vmware-api-session-id': ids[0]! } });
      const text = JSON.stringify(entries);
      expect(entries.length).toBe(3);
      for (const id of ids) expect(text).not.toContain(id);
    } finally {
      await m.close();
    }
  });

  it('a session expires after the idle timeout; each request keeps it alive', async () => {
    let now = 1_000_000;
    const m = await startMock({ releases: ['7.0.3'], idleTimeoutMs: 60_000, clock: () => now });
    try {
      const { id } = await login(m, '7.0.3');
      const list = () => fetch(`${m.url}/api/vcenter/vm`, { headers: { 'vmware-api-session-id': id! } });
      now += 59_000;
      expect((await list()).status).toBe(200);
      now += 59_000;
      expect((await list()).status).toBe(200);
      now += 61_000;
      const expired = await list();
      expect(expired.status).toBe(401);
      expect(await expired.json()).toMatchObject({ error_type: 'UNAUTHENTICATED' });
      // The SDK logs in again on the 401 (once) and the call goes through.
      const c = createClient({ baseUrl: m.url, release: v703, auth: { username: USER, password: PASSWORD }, tasks: { poll: FAST_POLL } });
      await c.call('vcenter.vm.list');
      now += 61_000;
      await expect(c.call('vcenter.vm.list')).resolves.toHaveLength(4);
      await c.close();
    } finally {
      await m.close();
    }
  });
});

describe('what the mock does not model', () => {
  it('answers with an example built from the spec, says so, and lists those operations', async () => {
    const { id } = await login(mock, '7.0.3');
    const res = await fetch(`${mock.url}/api/appliance/networking`, { headers: { 'vmware-api-session-id': id! } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-mock-source')).toBe('example');
    expect(await res.json()).toMatchObject({ dns: { mode: 'DHCP' } });
    const fallbacks = mock.fallbacks('7.0.3');
    expect(fallbacks).toContain('appliance.networking.get');
    expect(fallbacks).not.toContain('vcenter.vm.list');
    expect(fallbacks).not.toContain('session.create');
  });
});

describe('TLS and ports', () => {
  it('--tls: a self-signed certificate whose SHA-256 fingerprint the SDK pins', async () => {
    const m = await startMock({ releases: ['7.0.3'], tls: true });
    try {
      expect(m.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(m.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      const pinned = createClient({
        baseUrl: m.url,
        release: v703,
        auth: { username: USER, password: PASSWORD },
        tls: { thumbprint: m.fingerprint256! },
      });
      await expect(pinned.call('vcenter.vm.list')).resolves.toHaveLength(4);
      await pinned.close();
      const wrong = createClient({
        baseUrl: m.url,
        release: v703,
        auth: { username: USER, password: PASSWORD },
        tls: { thumbprint: '00'.repeat(32) },
        retry: false,
      });
      await expect(wrong.call('vcenter.vm.list')).rejects.toBeInstanceOf(CertificateMismatch);
      await wrong.close();
    } finally {
      await m.close();
    }
  });

  it('a busy port is one clear error', async () => {
    const blocker = createServer();
    await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startMock({ port })).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('an unknown release in the version header is a 400 naming those served', async () => {
    const res = await fetch(`${mock.url}/api/vcenter/vm`, { headers: { 'x-api-version': '9.9.9' } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain(`which this mock does not serve; it serves ${RELEASES.join(', ')}`);
  });
});
