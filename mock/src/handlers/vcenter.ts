/** The inventory tree: datacenters, clusters, hosts, datastores, networks, folders (resource pools: pools.ts). */
import { MockFault, notFound } from '../errors.js';
import type { Inventory } from '../inventory/model.js';
import { addDatacenter } from '../inventory/seed.js';
import { find, listing, requireString, type HandlerTable } from './context.js';

const dcOf = (inv: Inventory, id: string) => inv.datacenters.get(id)!;

const FOLDER_TYPES = ['DATACENTER', 'DATASTORE', 'HOST', 'NETWORK', 'VIRTUAL_MACHINE'];
const NETWORK_TYPES = ['STANDARD_PORTGROUP', 'DISTRIBUTED_PORTGROUP', 'OPAQUE_NETWORK'];

export const inventoryHandlers: HandlerTable = {
  'vcenter.datacenter.list': listing(
    (inv) => inv.datacenters.values(),
    [
      ['datacenters', (d) => d.id],
      ['names', (d) => d.name],
      ['folders', (d) => d.folder],
    ],
    (d) => ({ datacenter: d.id, name: d.name }),
  ),
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

  'vcenter.cluster.list': listing(
    (inv) => inv.clusters.values(),
    [
      ['clusters', (c) => c.id],
      ['names', (c) => c.name],
      ['folders', (c, inv) => dcOf(inv, c.datacenter).hostFolder],
      ['datacenters', (c) => c.datacenter],
    ],
    (c) => ({ cluster: c.id, name: c.name, ha_enabled: c.haEnabled, drs_enabled: c.drsEnabled }),
  ),
  'vcenter.cluster.get': (ctx) => {
    const inv = ctx.inventory;
    const c = find(inv.clusters, 'Cluster', ctx.param('cluster'));
    return { value: { name: c.name, resource_pool: c.resourcePool } };
  },

  'vcenter.host.list': listing(
    (inv) => inv.hosts.values(),
    [
      ['hosts', (h) => h.id],
      ['names', (h) => h.name],
      ['folders', (h) => h.folder],
      ['datacenters', (h) => h.datacenter],
      ['standalone', (h) => String(h.cluster === undefined)],
      ['clusters', (h) => h.cluster],
      ['connection_states', (h) => h.connectionState],
    ],
    (h) => ({ host: h.id, name: h.name, connection_state: h.connectionState, power_state: h.powerState }),
    { connection_states: ['CONNECTED', 'DISCONNECTED', 'NOT_RESPONDING'] },
  ),

  'vcenter.datastore.list': listing(
    (inv) => inv.datastores.values(),
    [
      ['datastores', (d) => d.id],
      ['names', (d) => d.name],
      ['types', (d) => d.type],
      ['folders', (d, inv) => dcOf(inv, d.datacenter).datastoreFolder],
      ['datacenters', (d) => d.datacenter],
    ],
    (d) => ({ datastore: d.id, name: d.name, type: d.type, free_space: d.freeSpace, capacity: d.capacity }),
  ),
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

  'vcenter.network.list': listing(
    (inv) => inv.networks.values(),
    [
      ['networks', (n) => n.id],
      ['names', (n) => n.name],
      ['types', (n) => n.type],
      ['folders', (n, inv) => dcOf(inv, n.datacenter).networkFolder],
      ['datacenters', (n) => n.datacenter],
    ],
    (n) => ({ network: n.id, name: n.name, type: n.type }),
    { types: NETWORK_TYPES },
  ),

  'vcenter.folder.list': listing(
    (inv) => inv.folders.values(),
    [
      ['folders', (f) => f.id],
      ['names', (f) => f.name],
      ['type', (f) => f.type],
      ['parent_folders', (f) => f.parent],
      ['datacenters', (f) => f.datacenter],
    ],
    (f) => ({ folder: f.id, name: f.name, type: f.type }),
    { type: FOLDER_TYPES },
  ),
};
