/**
 * Resource pools as a vCenter keeps them (create answers `resgroup-N`, which get, list and its
 * filters then agree on, delete moves the pool's VMs up), and OVF capture of a VM into a
 * library: the item deploys back as a VM like the one captured. Over `/api` with the SDK
 * and over `/rest` with no version header, as Ansible and govmomi call them.
 */
import { NotFound } from '@vcenter-sdk/runtime';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { describe, expect, it } from 'vitest';
import type { MockVcenter } from '@vcenter-sdk/mock';
import { login, mockForFile, restPoster, type LooseClient } from './helpers.js';

let mock: MockVcenter;
let c: LooseClient;
mockForFile(v703, (m, client) => {
  mock = m;
  c = client;
});

describe('resource pools (7.0.3 /api)', () => {
  it('create answers resgroup-N; get, list and its filters agree; delete moves its VMs to the parent and then it is 404', async () => {
    const [cluster] = await c.call('vcenter.cluster.list');
    const { resource_pool: root } = await c.call('vcenter.cluster.get', { path: { cluster: cluster.cluster } });
    const id: string = await c.call('vcenter.resource_pool.create', { body: { name: 'web', parent: root } });
    expect(id).toMatch(/^resgroup-\d+$/);
    expect(await c.call('vcenter.resource_pool.get', { path: { resource_pool: id } })).toEqual({ name: 'web', resource_pools: [] });
    expect((await c.call('vcenter.resource_pool.get', { path: { resource_pool: root } })).resource_pools).toContain(id);
    for (const query of [{ names: ['web'] }, { parent_resource_pools: [root] }, { clusters: [cluster.cluster] }, { resource_pools: [id] }])
      expect(await c.call('vcenter.resource_pool.list', { query })).toContainEqual({ resource_pool: id, name: 'web' });
    const [host] = await c.call('vcenter.host.list', { query: { standalone: true } });
    expect(await c.call('vcenter.resource_pool.list', { query: { hosts: [host.host] } })).not.toContainEqual({
      resource_pool: id,
      name: 'web',
    });

    const vm = await c.call('vcenter.vm.create', { body: { guest_OS: 'UBUNTU_64', name: 'in-web', placement: { resource_pool: id } } });
    expect(await c.call('vcenter.vm.list', { query: { resource_pools: [id] } })).toEqual([expect.objectContaining({ vm })]);
    await c.call('vcenter.resource_pool.delete', { path: { resource_pool: id } });
    await expect(c.call('vcenter.resource_pool.get', { path: { resource_pool: id } })).rejects.toBeInstanceOf(NotFound);
    expect(await c.call('vcenter.resource_pool.list', { query: { names: ['web'] } })).toEqual([]);
    expect((await c.call('vcenter.vm.list', { query: { resource_pools: [root] } })).map((v: { vm: string }) => v.vm)).toContain(vm);
  });

  it('allocations given at create are answered by get; none given, none answered', async () => {
    const [root] = await c.call('vcenter.resource_pool.list', { query: { names: ['Resources'] } });
    const cpu = { reservation: 1000, expandable_reservation: false, limit: 4000, shares: { level: 'CUSTOM', shares: 2000 } };
    const id = await c.call('vcenter.resource_pool.create', { body: { name: 'db', parent: root.resource_pool, cpu_allocation: cpu } });
    const got = await c.call('vcenter.resource_pool.get', { path: { resource_pool: id } });
    expect(got.cpu_allocation).toEqual(cpu);
    expect('memory_allocation' in got).toBe(false);
    expect('cpu_allocation' in (await c.call('vcenter.resource_pool.get', { path: { resource_pool: root.resource_pool } }))).toBe(false);
  });
});

describe('OVF capture', () => {
  it('captures a VM into a library over /rest (no version header) as Ansible and govmomi do; the item deploys back as a VM like it', async () => {
    const session = (await login(mock, '8.0.2')).id!;
    const post = restPoster(mock, session);
    const inv = mock.inventory('8.0.2');
    const vm = [...inv.vms.values()][0]!;
    const library = [...inv.libraries.values()][0]!;
    const created = await post('/com/vmware/vcenter/ovf/library-item', {
      source: { type: 'VirtualMachine', id: vm.id },
      target: { library_id: library.id },
      create_spec: { name: 'golden', description: 'captured from a VM' },
    });
    expect(created.status).toBe(200);
    expect(created.answered).toBe('7.0.3');
    expect(created.value).toEqual({
      succeeded: true,
      ovf_library_item_id: expect.any(String),
      error: { errors: [], warnings: [], information: [] },
    });
    const itemId = created.value.ovf_library_item_id as string;
    const files = await fetch(`${mock.url}/rest/com/vmware/content/library/item/file?library_item_id=${itemId}`, {
      headers: { 'vmware-api-session-id': session },
    });
    expect(((await files.json()) as { value: { name: string }[] }).value.map((f) => f.name)).toEqual(['golden.ovf', 'golden-1.vmdk']);

    const [pool] = [...inv.resourcePools.values()];
    const deployed = await post(`/com/vmware/vcenter/ovf/library-item/id:${itemId}?~action=deploy`, {
      target: { resource_pool_id: pool!.id },
      deployment_spec: { name: 'from-golden', accept_all_EULA: true },
    });
    expect(deployed.value).toMatchObject({ succeeded: true, resource_id: { type: 'VirtualMachine' } });
    const copy = inv.vms.get(deployed.value.resource_id.id)!;
    expect([copy.name, copy.guestOS, copy.cpuCount, copy.memoryMiB]).toEqual(['from-golden', vm.guestOS, vm.cpuCount, vm.memoryMiB]);
  });

  it('over /api: an unknown VM is NotFound, a taken name is refused, nothing is created', async () => {
    const [library] = await c.call('content.library.list');
    const before = (await c.call('content.library.item.list', { query: { library_id: library } })).length;
    const body = (id: string, name: string) => ({
      source: { type: 'VirtualMachine', id },
      target: { library_id: library },
      create_spec: { name },
    });
    await expect(c.call('vcenter.ovf.library_item.create', { body: body('vm-missing', 'x') })).rejects.toBeInstanceOf(NotFound);
    await expect(c.call('vcenter.ovf.library_item.create', { body: body('vm-missing', 'x') })).rejects.toThrow('vm-missing');
    const [vm] = await c.call('vcenter.vm.list');
    await expect(c.call('vcenter.ovf.library_item.create', { body: body(vm.vm, 'ubuntu-22.04-template') })).rejects.toMatchObject({
      kind: 'NOT_ALLOWED_IN_CURRENT_STATE',
    });
    expect((await c.call('content.library.item.list', { query: { library_id: library } })).length).toBe(before);
  });
});
