/**
 * A release answers every operation a server of that release has: what its own spec lacks
 * (8.0.2 has no vcenter service) comes from the newest older release served, and the
 * `x-mock-release-answered` header says which. Requests without `X-API-Version` go to the
 * newest release, as a client that sends none (govmomi, Ansible, curl) expects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type MockVcenter } from '@vcenter-sdk/mock';
import { login, RELEASES } from './helpers.js';

let mock: MockVcenter;
let session: string;
beforeAll(async () => {
  mock = await startMock();
  session = (await login(mock, RELEASES[0]!)).id!;
});
afterAll(async () => {
  await mock?.close();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${mock.url}${path}`, { headers: { 'vmware-api-session-id': session, ...headers } });

describe('requests without X-API-Version', () => {
  it("GET /api/vcenter/vm answers the newest release's inventory, from the newest older spec that has the operation", async () => {
    expect(mock.defaultRelease).toBe('8.0.2');
    const res = await get('/api/vcenter/vm');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-api-version')).toBe('8.0.2');
    expect(res.headers.get('x-mock-release-answered')).toBe('7.0.3');
    expect(res.headers.get('x-mock-source')).toBe('model');
    const vms = (await res.json()) as { vm: string; name: string }[];
    expect(vms.map((v) => v.vm)).toEqual([...mock.inventory('8.0.2').vms.keys()]);
    expect(vms.map((v) => v.name)).toContain('DC0_H0_VM0');
  });

  it("GET /rest/vcenter/vm answers the same VMs in /rest's {value} wrapper", async () => {
    const res = await get('/rest/vcenter/vm');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-mock-release-answered')).toBe('7.0.3');
    const body = (await res.json()) as { value: { vm: string }[] };
    expect(body.value.map((v) => v.vm)).toEqual([...mock.inventory('8.0.2').vms.keys()]);
  });

  it('without a session the fallback operation is 401, as on a real vCenter, not 404', async () => {
    const res = await fetch(`${mock.url}/api/vcenter/vm`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error_type: 'UNAUTHENTICATED' });
  });

  it("an operation of 8.0.2's own spec is answered by 8.0.2", async () => {
    const res = await get('/api/cis/tagging/category');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-mock-release-answered')).toBe('8.0.2');
  });

  it('a VM created through the fallback is in the same vCenter: 8.0.2 lists it, 7.0.3 does not', async () => {
    const res = await fetch(`${mock.url}/api/vcenter/vm`, {
      method: 'POST',
      headers: { 'vmware-api-session-id': session, 'content-type': 'application/json' },
      body: JSON.stringify({ guest_OS: 'UBUNTU_64', name: 'made-on-8' }),
    });
    expect(res.status).toBe(201);
    const id = (await res.json()) as string;
    expect(mock.inventory('8.0.2').vms.get(id)?.name).toBe('made-on-8');
    expect([...mock.inventory('7.0.3').vms.values()].some((v) => v.name === 'made-on-8')).toBe(false);
    const listed = (await (await get(`/api/vcenter/vm?names=made-on-8`)).json()) as { vm: string }[];
    expect(listed.map((v) => v.vm)).toEqual([id]);
  });
});

describe('which operations fall back', () => {
  it('8.0.2 lists the vcenter operations it answers with examples among its fallbacks, and not the modelled ones', () => {
    const fallbacks = mock.fallbacks('8.0.2');
    expect(fallbacks).toContain('vcenter.vm.guest.local_filesystem.get');
    expect(fallbacks).not.toContain('vcenter.vm.list');
    expect(fallbacks).not.toContain('cis.tagging.category.list');
  });

  it("an operation 8.0.2 takes from 7.0.3 and does not model is marked as answered from the spec's examples", async () => {
    const [vm] = [...mock.inventory('8.0.2').vms.keys()];
    const res = await get(`/api/vcenter/vm/${vm}/guest/local-filesystem`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-mock-source')).toBe('example');
    expect(res.headers.get('x-mock-release-answered')).toBe('7.0.3');
    expect(mock.fallbacks('8.0.2')).toContain(res.headers.get('x-mock-operation'));
  });

  it("an older release does not take a newer one's operation: 7.0.3 has no 8.0.2-only esx operation, and the 404 says who has it", async () => {
    const only802 = '/api/esx/settings/clusters/domain-c1/configuration/audit-records';
    const res = await get(only802, { 'x-api-version': '7.0.3' });
    expect(res.status).toBe(404);
    expect(JSON.stringify(await res.json())).toContain(`Release 7.0.3 has no operation GET ${only802}; 8.0.2 has it`);
  });

  it('a mock serving 8.0.2 alone has no older spec to answer vcenter: 404 naming the release', async () => {
    const alone = await startMock({ releases: ['8.0.2'] });
    try {
      const id = (await login(alone, '8.0.2')).id!;
      const res = await fetch(`${alone.url}/api/vcenter/vm`, { headers: { 'vmware-api-session-id': id } });
      expect(res.status).toBe(404);
      expect(JSON.stringify(await res.json())).toContain('Release 8.0.2 has no operation GET /api/vcenter/vm');
    } finally {
      await alone.close();
    }
  });
});
