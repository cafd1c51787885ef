/** Content libraries and their items (read, find), and deploying an OVF item as a VM. */
import { invalidArgument } from '../errors.js';
import type { Library, LibraryItem } from '../inventory/model.js';
import { addVm } from '../inventory/seed.js';
import { find, requireString, type HandlerContext, type HandlerTable } from './context.js';

function libraryModel(l: Library) {
  return {
    id: l.id,
    name: l.name,
    description: l.description,
    type: l.type,
    storage_backings: [{ type: 'DATASTORE', datastore_id: l.datastore }],
    creation_time: l.created,
    last_modified_time: l.created,
    last_sync_time: l.created,
    version: l.version,
    server_guid: '00000000-0000-0000-0000-000000000001',
    publish_info: { published: false, authentication_method: 'NONE', persist_json_enabled: false },
    optimization_info: { optimize_remote_publishing: false },
  };
}

function itemModel(i: LibraryItem) {
  return {
    id: i.id,
    library_id: i.library_id,
    name: i.name,
    description: i.description,
    type: i.type,
    size: i.size,
    creation_time: i.created,
    last_modified_time: i.created,
    last_sync_time: i.created,
    content_version: '1',
    metadata_version: '1',
    version: i.version,
    cached: true,
    security_compliance: true,
  };
}

const itemOf = (ctx: HandlerContext, id: string): LibraryItem => find(ctx.inventory.libraryItems, 'Library item', id);

export const libraryHandlers: HandlerTable = {
  'content.library.list': (ctx) => ({ value: [...ctx.inventory.libraries.keys()] }),
  'content.library.get': (ctx) => ({ value: libraryModel(find(ctx.inventory.libraries, 'Library', ctx.param('library_id'))) }),
  'content.library.item.list': (ctx) => {
    const library = find(ctx.inventory.libraries, 'Library', ctx.query('library_id')?.[0] ?? '');
    return { value: [...ctx.inventory.libraryItems.values()].filter((i) => i.library_id === library.id).map((i) => i.id) };
  },
  'content.library.item.get': (ctx) => ({ value: itemModel(itemOf(ctx, ctx.param('library_item_id'))) }),
  'content.library.item.find': (ctx) => {
    const spec = ctx.body('spec');
    const hits = [...ctx.inventory.libraryItems.values()].filter(
      (i) => (spec.name === undefined || spec.name === i.name) && (spec.type === undefined || spec.type === i.type) && (spec.library_id === undefined || spec.library_id === i.library_id),
    );
    return { value: hits.map((i) => i.id) };
  },
  'vcenter.ovf.library_item.deploy': (ctx) => {
    const item = itemOf(ctx, ctx.param('ovf_library_item_id'));
    const body = ctx.body();
    const target = (body.target ?? {}) as Record<string, unknown>;
    const deployment = (body.deployment_spec ?? {}) as Record<string, unknown>;
    const pool = find(ctx.inventory.resourcePools, 'Resource pool', requireString(target, 'resource_pool_id'));
    if (deployment.accept_all_EULA !== true) throw invalidArgument('deployment_spec.accept_all_EULA must be true to deploy an OVF with a EULA', 'deployment_spec.accept_all_EULA');
    const inv = ctx.inventory;
    const host = typeof target.host_id === 'string' ? find(inv.hosts, 'Host', target.host_id) : [...inv.hosts.values()].find((h) => h.id === pool.owner || h.cluster === pool.owner)!;
    const dc = inv.datacenters.get(pool.datacenter)!;
    const vm = addVm(inv, ctx.random, {
      name: typeof deployment.name === 'string' && deployment.name ? deployment.name : item.name,
      guestOS: item.template.guestOS,
      cpuCount: item.template.cpuCount,
      memoryMiB: item.template.memoryMiB,
      diskGiB: item.template.diskGiB,
      powerState: 'POWERED_OFF',
      datacenter: dc.id,
      folder: typeof target.folder_id === 'string' ? find(inv.folders, 'Folder', target.folder_id).id : dc.vmFolder,
      host: host.id,
      ...(host.cluster ? { cluster: host.cluster } : {}),
      resourcePool: pool.id,
      datastore: [...inv.datastores.values()].find((d) => d.datacenter === dc.id)?.id ?? '',
      network: [...inv.networks.values()].find((n) => n.datacenter === dc.id)?.id ?? '',
    });
    return { value: { succeeded: true, resource_id: { type: 'VirtualMachine', id: vm.id }, error: { errors: [], warnings: [], information: [] } } };
  },
};
