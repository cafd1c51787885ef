/** The inventory tree: datacenters, clusters, hosts, datastores, networks, folders (resource pools: pools.ts). */
import { MockFault, notFound } from '../errors.js';
import type { Inventory } from '../inventory/model.js';
import { addDatacenter } from '../inventory/seed.js';
import { byFilters, checkEnum, find, requireString, type HandlerTable } from './context.js';

const dcOf = (inv: Inventory, id: string) => inv.datacenters.get(id)!;

const FOLDER_TYPES = ['DATACENTER', 'DATASTORE', 'HOST', 'NETWORK', 'VIRTUAL_MACHINE'];
const NETWORK_TYPES = ['STANDARD_PORTGROUP', 'DISTRIBUTED_PORTGROUP', 'OPAQUE_NETWORK'];

export const inventoryHandlers: HandlerTable = {
  'vcenter.datacenter.list': (ctx) => {
    const inv = ctx.inventory;
    return {
      value: byFilters(inv.datacenters.values(), [
        [ctx.query('datacenters'), (d) => d.id],
        [ctx.query('names'), (d) => d.name],
        [ctx.query('folders'), (d) => d.folder],
      ]).map((d) => ({ datacenter: d.id, name: d.name })),
    };
  },
  'vcenter.datacenter.get': (ctx) => {
    const inv = ctx.inventory;
    const d = find(inv.datacenters, 'Datacenter', ctx.param('datacenter'));
    return {
      value: {
        name: d.name,
        datastore_folder: d.datastoreFolder,
        host_folder: d.hostFolder,
        network_folder: d.networkFolder,
        vm_folder: d.vmFolder,
      },
    };
  },
  'vcenter.datacenter.create': (ctx) => {
    const spec = ctx.body('spec');
    const name = requireString(spec, 'name');
    const inv = ctx.inventory;
    const folder = typeof spec.folder === 'string' ? spec.folder : [...inv.folders.values()].find((f) => f.type === 'DATACENTER')!.id;
    if (inv.folders.get(folder)?.type !== 'DATACENTER') throw notFound('Datacenter folder', folder);
    if ([...inv.datacenters.values()].some((d) => d.name === name))
      throw new MockFault('ALREADY_EXISTS', 'com.vmware.vcenter.datacenter.already_exists', `Datacenter ${name} already exists`, [name]);
    const id = addDatacenter(inv, name, folder).id;
    return { value: id };
  },
  'vcenter.datacenter.delete': (ctx) => {
    const inv = ctx.inventory;
    const d = find(inv.datacenters, 'Datacenter', ctx.param('datacenter'));
    const inUse = [...inv.vms.values(), ...inv.hosts.values()].some((o) => o.datacenter === d.id);
    if (inUse) throw new MockFault('RESOURCE_IN_USE', 'com.vmware.vcenter.datacenter.in_use', `Datacenter ${d.id} is not empty`, [d.id]);
    inv.datacenters.delete(d.id);
    for (const f of [...inv.folders.values()]) if (f.datacenter === d.id) inv.folders.delete(f.id);
  },

  'vcenter.cluster.list': (ctx) => {
    const inv = ctx.inventory;
    return {
      value: byFilters(inv.clusters.values(), [
        [ctx.query('clusters'), (c) => c.id],
        [ctx.query('names'), (c) => c.name],
        [ctx.query('folders'), (c) => dcOf(inv, c.datacenter).hostFolder],
        [ctx.query('datacenters'), (c) => c.datacenter],
      ]).map((c) => ({ cluster: c.id, name: c.name, ha_enabled: c.haEnabled, drs_enabled: c.drsEnabled })),
    };
  },
  'vcenter.cluster.get': (ctx) => {
    const inv = ctx.inventory;
    const c = find(inv.clusters, 'Cluster', ctx.param('cluster'));
    return { value: { name: c.name, resource_pool: c.resourcePool } };
  },

  'vcenter.host.list': (ctx) => {
    const inv = ctx.inventory;
    checkEnum('connection_states', ctx.query('connection_states'), ['CONNECTED', 'DISCONNECTED', 'NOT_RESPONDING']);
    return {
      value: byFilters(inv.hosts.values(), [
        [ctx.query('hosts'), (h) => h.id],
        [ctx.query('names'), (h) => h.name],
        [ctx.query('folders'), (h) => h.folder],
        [ctx.query('datacenters'), (h) => h.datacenter],
        [ctx.query('standalone'), (h) => String(h.cluster === undefined)],
        [ctx.query('clusters'), (h) => h.cluster],
        [ctx.query('connection_states'), (h) => h.connectionState],
      ]).map((h) => ({ host: h.id, name: h.name, connection_state: h.connectionState, power_state: h.powerState })),
    };
  },

  'vcenter.datastore.list': (ctx) => {
    const inv = ctx.inventory;
    return {
      value: byFilters(inv.datastores.values(), [
        [ctx.query('datastores'), (d) => d.id],
        [ctx.query('names'), (d) => d.name],
        [ctx.query('types'), (d) => d.type],
        [ctx.query('folders'), (d) => dcOf(inv, d.datacenter).datastoreFolder],
        [ctx.query('datacenters'), (d) => d.datacenter],
      ]).map((d) => ({ datastore: d.id, name: d.name, type: d.type, free_space: d.freeSpace, capacity: d.capacity })),
    };
  },
  'vcenter.datastore.get': (ctx) => {
    const inv = ctx.inventory;
    const d = find(inv.datastores, 'Datastore', ctx.param('datastore'));
    return {
      value: {
        name: d.name,
        type: d.type,
        accessible: true,
        free_space: d.freeSpace,
        capacity: d.capacity,
        multiple_host_access: false,
        thin_provisioning_supported: true,
      },
    };
  },

  'vcenter.network.list': (ctx) => {
    const inv = ctx.inventory;
    checkEnum('types', ctx.query('types'), NETWORK_TYPES);
    return {
      value: byFilters(inv.networks.values(), [
        [ctx.query('networks'), (n) => n.id],
        [ctx.query('names'), (n) => n.name],
        [ctx.query('types'), (n) => n.type],
        [ctx.query('folders'), (n) => dcOf(inv, n.datacenter).networkFolder],
        [ctx.query('datacenters'), (n) => n.datacenter],
      ]).map((n) => ({ network: n.id, name: n.name, type: n.type })),
    };
  },

  'vcenter.folder.list': (ctx) => {
    const inv = ctx.inventory;
    checkEnum('type', ctx.query('type'), FOLDER_TYPES);
    return {
      value: byFilters(inv.folders.values(), [
        [ctx.query('folders'), (f) => f.id],
        [ctx.query('names'), (f) => f.name],
        [ctx.query('type'), (f) => f.type],
        [ctx.query('parent_folders'), (f) => f.parent],
        [ctx.query('datacenters'), (f) => f.datacenter],
      ]).map((f) => ({ folder: f.id, name: f.name, type: f.type })),
    };
  },
};
