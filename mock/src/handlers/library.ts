/** Content libraries (local ones created, updated, deleted) and their items (created, found, updated, deleted), and deploying an OVF item as a VM. */
import { invalidArgument, MockFault } from '../errors.js';
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
const libraryOf = (ctx: HandlerContext): Library => find(ctx.inventory.libraries, 'Library', ctx.param('library_id'));

function uniqueLibraryName(ctx: HandlerContext, name: string, self?: string): void {
  if ([...ctx.inventory.libraries.values()].some((l) => l.name === name && l.id !== self)) {
    throw new MockFault('ALREADY_EXISTS', 'com.vmware.vdcs.cls-main.duplicate_library_name', `A library named ${name} already exists`, [
      name,
    ]);
  }
}

const createLibrary = (ctx: HandlerContext) => {
  const spec = ctx.body('create_spec');
  const name = requireString(spec, 'name');
  uniqueLibraryName(ctx, name);
  const backing = (Array.isArray(spec.storage_backings) ? spec.storage_backings[0] : undefined) as { datastore_id?: string } | undefined;
  const datastore = backing?.datastore_id ?? [...ctx.inventory.datastores.keys()][0] ?? '';
  const id = ctx.random.uuid();
  const now = ctx.now().toISOString();
  ctx.inventory.libraries.set(id, {
    id,
    name,
    description: typeof spec.description === 'string' ? spec.description : '',
    type: 'LOCAL',
    datastore,
    created: now,
    version: '1',
  });
  return { value: id };
};

const updateLibrary = (ctx: HandlerContext) => {
  const library = libraryOf(ctx);
  const spec = ctx.body('update_spec');
  if (typeof spec.name === 'string') {
    uniqueLibraryName(ctx, spec.name, library.id);
    library.name = spec.name;
  }
  if (typeof spec.description === 'string') library.description = spec.description;
  library.version = String(Number(library.version) + 1);
};

export const libraryHandlers: HandlerTable = {
  'content.library.list': (ctx) => ({ value: [...ctx.inventory.libraries.keys()] }),
  'content.library.find': (ctx) => {
    const spec = ctx.body('spec');
    const name = typeof spec.name === 'string' ? spec.name.toLowerCase() : undefined;
    const hits = [...ctx.inventory.libraries.values()].filter(
      (l) => (name === undefined || l.name.toLowerCase() === name) && (spec.type === undefined || spec.type === l.type),
    );
    return { value: hits.map((l) => l.id) };
  },
  'content.library.get': (ctx) => ({ value: libraryModel(find(ctx.inventory.libraries, 'Library', ctx.param('library_id'))) }),
  'content.library.item.list': (ctx) => {
    const library = find(ctx.inventory.libraries, 'Library', ctx.query('library_id')?.[0] ?? '');
    return { value: [...ctx.inventory.libraryItems.values()].filter((i) => i.library_id === library.id).map((i) => i.id) };
  },
  'content.library.update': updateLibrary,
  'content.local_library.list': (ctx) => ({
    value: [...ctx.inventory.libraries.values()].filter((l) => l.type === 'LOCAL').map((l) => l.id),
  }),
  'content.local_library.get': (ctx) => ({ value: libraryModel(libraryOf(ctx)) }),
  'content.local_library.create': createLibrary,
  'content.local_library.update': updateLibrary,
  'content.local_library.delete': (ctx) => {
    const library = libraryOf(ctx);
    for (const item of [...ctx.inventory.libraryItems.values()])
      if (item.library_id === library.id) ctx.inventory.libraryItems.delete(item.id);
    ctx.inventory.libraries.delete(library.id);
  },
  'content.library.item.get': (ctx) => ({ value: itemModel(itemOf(ctx, ctx.param('library_item_id'))) }),
  'content.library.item.create': (ctx) => {
    const spec = ctx.body('create_spec');
    const library = find(ctx.inventory.libraries, 'Library', requireString(spec, 'library_id'));
    const name = requireString(spec, 'name');
    if ([...ctx.inventory.libraryItems.values()].some((i) => i.library_id === library.id && i.name === name)) {
      throw new MockFault(
        'ALREADY_EXISTS',
        'com.vmware.vdcs.cls-main.duplicate_item_name',
        `Library ${library.name} already has an item named ${name}`,
        [name],
      );
    }
    const id = ctx.random.uuid();
    const now = ctx.now().toISOString();
    ctx.inventory.libraryItems.set(id, {
      id,
      library_id: library.id,
      name,
      description: typeof spec.description === 'string' ? spec.description : '',
      type: typeof spec.type === 'string' ? spec.type : 'ovf',
      size: 0,
      created: now,
      version: '1',
      template: { guestOS: 'OTHER_3X_LINUX_64', cpuCount: 1, memoryMiB: 1024, diskGiB: 8 },
      files: [],
    });
    return { value: id };
  },
  'content.library.item.update': (ctx) => {
    const item = itemOf(ctx, ctx.param('library_item_id'));
    const spec = ctx.body('update_spec');
    if (typeof spec.name === 'string') item.name = spec.name;
    if (typeof spec.description === 'string') item.description = spec.description;
    item.version = String(Number(item.version) + 1);
  },
  'content.library.item.delete': (ctx) => {
    ctx.inventory.libraryItems.delete(itemOf(ctx, ctx.param('library_item_id')).id);
  },
  'content.library.item.find': (ctx) => {
    const spec = ctx.body('spec');
    const hits = [...ctx.inventory.libraryItems.values()].filter(
      (i) =>
        (spec.name === undefined || spec.name === i.name) &&
        (spec.type === undefined || spec.type === i.type) &&
        (spec.library_id === undefined || spec.library_id === i.library_id),
    );
    return { value: hits.map((i) => i.id) };
  },
  'vcenter.ovf.library_item.deploy': (ctx) => {
    const item = itemOf(ctx, ctx.param('ovf_library_item_id'));
    const body = ctx.body();
    const target = (body.target ?? {}) as Record<string, unknown>;
    const deployment = (body.deployment_spec ?? {}) as Record<string, unknown>;
    const pool = find(ctx.inventory.resourcePools, 'Resource pool', requireString(target, 'resource_pool_id'));
    if (deployment.accept_all_EULA !== true)
      throw invalidArgument('deployment_spec.accept_all_EULA must be true to deploy an OVF with a EULA', 'deployment_spec.accept_all_EULA');
    const inv = ctx.inventory;
    const host =
      typeof target.host_id === 'string'
        ? find(inv.hosts, 'Host', target.host_id)
        : [...inv.hosts.values()].find((h) => h.id === pool.owner || h.cluster === pool.owner)!;
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
    return {
      value: { succeeded: true, resource_id: { type: 'VirtualMachine', id: vm.id }, error: { errors: [], warnings: [], information: [] } },
    };
  },
};
