/**
 * A walk through every modelled operation of one release, in each style it has (`/api`,
 * `/rest`), with a few calls that must fail (unknown ids, power states, duplicates), so that
 * both results and errors get validated (conformance.test.ts).
 */
import type { AnyDescriptor } from '@vcenter-sdk/runtime';
import { expect } from 'vitest';
import type { LooseClient } from './helpers.js';

type Init = { path?: Record<string, string>; query?: Record<string, unknown>; body?: unknown };

/**
 * `c` decodes in strict mode; `unchecked` does not decode, for the task service, whose task
 * info types `result` loosely (conformance.test.ts checks it against the task's operation).
 */
export async function runScenario(c: LooseClient, unchecked: LooseClient, d: AnyDescriptor): Promise<void> {
  const names = new Set(d.operations.map((o) => o.name));
  for (const style of ['api', 'rest'] as const) {
    const n = (base: string): string => (style === 'api' ? base : `rest.${base}`);
    const has = (base: string): boolean => names.has(n(base));
    if (![...names].some((name) => (style === 'rest') === name.startsWith('rest.'))) continue;
    const call = async (base: string, init?: Init): Promise<any> => (has(base) ? c.call(n(base), init) : undefined);
    /** A call that must fail with this vAPI error kind. */
    const fails = async (kind: string, base: string, init?: Init): Promise<void> => {
      if (!has(base)) return;
      await expect(c.call(n(base), init), `${n(base)} should fail with ${kind}`).rejects.toMatchObject({ kind });
    };
    const filter = (k: string): string => (style === 'api' ? k : `filter.${k}`);
    const wrap = (key: string, v: unknown): unknown => (style === 'api' ? v : { [key]: v });

    // The inventory tree.
    const folders: { folder: string; type: string }[] =
      (await call('vcenter.folder.list', { query: { [filter('type')]: 'DATACENTER' } })) ?? [];
    const [dc] = (await call('vcenter.datacenter.list', { query: { [filter('names')]: ['DC0'] } })) ?? [];
    if (dc) {
      await call('vcenter.datacenter.get', { path: { datacenter: dc.datacenter } });
      await fails('NOT_FOUND', 'vcenter.datacenter.get', { path: { datacenter: 'datacenter-999' } });
      const created = await call('vcenter.datacenter.create', { body: wrap('spec', { name: `DC-${style}`, folder: folders[0]!.folder }) });
      await call('vcenter.datacenter.delete', { path: { datacenter: created } });
    }
    const [cluster] = (await call('vcenter.cluster.list')) ?? [];
    if (cluster) await call('vcenter.cluster.get', { path: { cluster: cluster.cluster } });
    await call('vcenter.host.list', { query: { [filter('connection_states')]: ['CONNECTED'] } });
    const [ds] = (await call('vcenter.datastore.list')) ?? [];
    if (ds) await call('vcenter.datastore.get', { path: { datastore: ds.datastore } });
    await call('vcenter.network.list');
    const [pool] = (await call('vcenter.resource_pool.list')) ?? [];
    // 6.7.0 names the path parameter `resource-pool`.
    if (pool) await call('vcenter.resource_pool.get', { path: { resource_pool: pool.resource_pool, 'resource-pool': pool.resource_pool } });

    // VMs.
    const vms: { vm: string; power_state: string }[] = (await call('vcenter.vm.list')) ?? [];
    const on = vms.find((v) => v.power_state === 'POWERED_ON');
    if (on) {
      await call('vcenter.vm.list', { query: { [filter('power_states')]: ['POWERED_ON'] } });
      await fails('INVALID_ARGUMENT', 'vcenter.vm.list', { query: { [filter('power_states')]: ['SOMETIMES'] } });
      await call('vcenter.vm.get', { path: { vm: on.vm } });
      await fails('NOT_FOUND', 'vcenter.vm.get', { path: { vm: 'vm-missing' } });
      await call('vcenter.vm.power.get', { path: { vm: on.vm } });
      await fails('ALREADY_IN_DESIRED_STATE', 'vcenter.vm.power.start', { path: { vm: on.vm } });
      await call('vcenter.vm.power.reset', { path: { vm: on.vm } });
      await call('vcenter.vm.power.suspend', { path: { vm: on.vm } });
      await call('vcenter.vm.power.start', { path: { vm: on.vm } });
      const made = await call('vcenter.vm.create', { body: wrap('spec', { guest_OS: 'UBUNTU_64', name: `new-${style}` }) });
      if (made) {
        await call('vcenter.vm.power.get', { path: { vm: made } });
        await call('vcenter.vm.power.start', { path: { vm: made } });
        await fails('NOT_ALLOWED_IN_CURRENT_STATE', 'vcenter.vm.delete', { path: { vm: made } });
        await fails('NOT_ALLOWED_IN_CURRENT_STATE', 'vcenter.vm.hardware.cpu.update', {
          path: { vm: made },
          body: wrap('spec', { count: 4 }),
        });
        await call('vcenter.vm.power.stop', { path: { vm: made } });
        await call('vcenter.vm.hardware.cpu.update', { path: { vm: made }, body: wrap('spec', { count: 4 }) });
        await call('vcenter.vm.hardware.memory.update', { path: { vm: made }, body: wrap('spec', { size_MiB: 8192 }) });
        expect((await call('vcenter.vm.hardware.cpu.get', { path: { vm: made } })).count).toBe(4);
        expect((await call('vcenter.vm.hardware.memory.get', { path: { vm: made } })).size_MiB).toBe(8192);
        const [listed] = await call('vcenter.vm.list', { query: { [filter('vms')]: [made] } });
        expect([listed.cpu_count, listed.memory_size_MiB]).toEqual([4, 8192]);
        await call('vcenter.vm.delete', { path: { vm: made } });
      }
      const clone = await call('vcenter.vm.clone', { body: wrap('spec', { source: on.vm, name: `clone-${style}` }) });
      if (clone) await call('vcenter.vm.get', { path: { vm: clone } });
    }

    // Tagging.
    if (has('cis.tagging.category.create')) {
      const vm = vms[0];
      const category = await call('cis.tagging.category.create', {
        body: wrap('create_spec', { name: `env-${style}`, description: '', cardinality: 'SINGLE', associable_types: [] }),
      });
      await fails('ALREADY_EXISTS', 'cis.tagging.category.create', {
        body: wrap('create_spec', { name: `env-${style}`, description: '', cardinality: 'SINGLE', associable_types: [] }),
      });
      await call('cis.tagging.category.list');
      await call('cis.tagging.category.get', { path: { category_id: category } });
      await fails('NOT_FOUND', 'cis.tagging.category.get', { path: { category_id: 'urn:vmomi:InventoryServiceCategory:missing:GLOBAL' } });
      await call('cis.tagging.category.update', {
        path: { category_id: category },
        body: wrap('update_spec', { description: 'environments' }),
      });
      const tag = await call('cis.tagging.tag.create', {
        body: wrap('create_spec', { name: 'prod', description: '', category_id: category }),
      });
      await call('cis.tagging.tag.list');
      await call('cis.tagging.tag.get', { path: { tag_id: tag } });
      await call('cis.tagging.tag.update', { path: { tag_id: tag }, body: wrap('update_spec', { description: 'production' }) });
      await call(
        'cis.tagging.tag.list_tags_for_category',
        style === 'api' ? { body: { category_id: category } } : { path: { category_id: category } },
      );
      const object = vm ? { type: 'VirtualMachine', id: vm.vm } : { type: 'Folder', id: 'group-d1' };
      await call('cis.tagging.tag_association.attach', { path: { tag_id: tag }, body: { object_id: object } });
      await fails('NOT_FOUND', 'cis.tagging.tag_association.attach', {
        path: { tag_id: tag },
        body: { object_id: { type: 'VirtualMachine', id: 'vm-missing' } },
      });
      await call('cis.tagging.tag_association.list_attached_objects', { path: { tag_id: tag } });
      await call('cis.tagging.tag_association.list_attached_tags', { body: { object_id: object } });
      await call('cis.tagging.tag_association.list_attached_tags_on_objects', { body: { object_ids: [object] } });
      await call('cis.tagging.tag_association.list_attached_objects_on_tags', { body: { tag_ids: [tag] } });
      await call('cis.tagging.tag_association.detach', { path: { tag_id: tag }, body: { object_id: object } });
      await call('cis.tagging.tag.delete', { path: { tag_id: tag } });
      await call('cis.tagging.category.delete', { path: { category_id: category } });
    }

    // Content library.
    if (has('content.local_library.create')) {
      const created = await call('content.local_library.create', {
        body: wrap('create_spec', {
          name: `lib-${style}`,
          type: 'LOCAL',
          storage_backings: [{ type: 'DATASTORE', datastore_id: ds?.datastore ?? 'datastore-1' }],
        }),
      });
      await fails('ALREADY_EXISTS', 'content.local_library.create', { body: wrap('create_spec', { name: `lib-${style}`, type: 'LOCAL' }) });
      await call('content.local_library.list');
      await call('content.local_library.get', { path: { library_id: created } });
      await call('content.local_library.update', {
        path: { library_id: created },
        body: wrap('update_spec', { description: 'templates' }),
      });
      await call('content.library.update', { path: { library_id: created }, body: wrap('update_spec', { description: 'more templates' }) });
      // 7.0.2 and 7.0.3 have no /api item create; their /rest one makes the item (one vCenter behind both).
      const item = has('content.library.item.create')
        ? await call('content.library.item.create', { body: wrap('create_spec', { library_id: created, name: 'empty', type: 'ovf' }) })
        : names.has('rest.content.library.item.create')
          ? await c.call('rest.content.library.item.create', { body: { create_spec: { library_id: created, name: 'empty', type: 'ovf' } } })
          : undefined;
      if (item) {
        await call('content.library.item.update', {
          path: { library_item_id: item },
          body: wrap('update_spec', { description: 'nothing yet' }),
        });
        await call('content.library.item.delete', { path: { library_item_id: item } });
        await fails('NOT_FOUND', 'content.library.item.get', { path: { library_item_id: item } });
      }
      await call('content.local_library.delete', { path: { library_id: created } });
    }
    const [library] = (await call('content.library.list')) ?? [];
    if (library) {
      await call('content.library.get', { path: { library_id: library } });
      const [item] = await call('content.library.item.list', { query: { library_id: library } });
      await call('content.library.item.get', { path: { library_item_id: item } });
      await call('content.library.item.find', { body: wrap('spec', { name: 'ubuntu-22.04-template' }) });
      if (pool) {
        const deploy = {
          target: { resource_pool_id: pool.resource_pool },
          deployment_spec: { name: `ovf-${style}`, accept_all_EULA: true },
        };
        await call('vcenter.ovf.library_item.deploy', { path: { ovf_library_item_id: item }, body: deploy });
      }
    }

    // Tasks: one runs to the end, one is cancelled; the clone task when there is one, else any task operation of the release.
    if (has('cis.tasks.get')) {
      const startOne = async (): Promise<string> => {
        if (has('vcenter.vm.clone$task') && vms[0])
          return call('vcenter.vm.clone$task', { body: wrap('spec', { source: vms[0].vm, name: `task-clone-${Math.random()}` }) });
        const op = d.operations.find((o) => o.async && o.style === style && !o.parameters.some((p) => p.in === 'path'))!;
        return c.call(op.name, op.body ? { body: {} } : {});
      };
      const done = await startOne();
      for (let i = 0; i < 3; i++) await unchecked.call(n('cis.tasks.get'), { path: { task: done } });
      await unchecked.call(
        n('cis.tasks.list'),
        style === 'api' ? { body: { filter_spec: { tasks: [done] } } } : { query: { 'filter_spec.tasks': [done] } },
      );
      const cancelled = await startOne();
      await call('cis.tasks.cancel', { path: { task: cancelled } });
      await unchecked.call(n('cis.tasks.get'), { path: { task: cancelled } });
      await fails('NOT_ALLOWED_IN_CURRENT_STATE', 'cis.tasks.cancel', { path: { task: cancelled } });
    }
  }
}
