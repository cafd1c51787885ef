/** OVF capture: a VM (or vApp) into a library as an OVF item (new, or replacing an item's content) that deploys back as a VM like it. */
import { createHash } from 'node:crypto';
import { invalidArgument, MockFault } from '../errors.js';
import type { LibraryItem, Vm } from '../inventory/model.js';
import { find, requireString, type HandlerTable } from './context.js';

const OVF_DESCRIPTOR_SIZE = 8192;

/** What an OVF export of the VM holds: its descriptor and one disk. */
function ovfFiles(name: string, vm: Vm, version: string): LibraryItem['files'] {
  const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');
  return [
    { name: `${name}.ovf`, size: OVF_DESCRIPTOR_SIZE, sha1: sha1(`${vm.id}/${name}.ovf/${version}`), version },
    { name: `${name}-1.vmdk`, size: vm.diskGiB * 1024 ** 3, sha1: sha1(`${vm.id}/${name}-1.vmdk/${version}`), version },
  ];
}

export const ovfHandlers: HandlerTable = {
  'vcenter.ovf.library_item.create': (ctx) => {
    const body = ctx.body();
    const inv = ctx.inventory;
    const source = (body.source ?? {}) as Record<string, unknown>;
    const target = (body.target ?? {}) as Record<string, unknown>;
    const spec = (body.create_spec ?? {}) as Record<string, unknown>;
    const type = requireString(source, 'type');
    if (type !== 'VirtualMachine')
      throw invalidArgument(`source.type ${type}: the mock captures VirtualMachine sources (it has no vApps)`, 'source.type');
    const vm = find(inv.vms, 'Virtual machine', requireString(source, 'id'));
    const template = { guestOS: vm.guestOS, cpuCount: vm.cpuCount, memoryMiB: vm.memoryMiB, diskGiB: vm.diskGiB };
    const now = ctx.now().toISOString();

    if (typeof target.library_item_id === 'string') {
      const item = find(inv.libraryItems, 'Library item', target.library_item_id);
      item.version = String(Number(item.version) + 1);
      item.files = ovfFiles(item.name, vm, item.version);
      item.size = item.files.reduce((n, f) => n + f.size, 0);
      item.template = template;
      return { value: { succeeded: true, ovf_library_item_id: item.id, error: { errors: [], warnings: [], information: [] } } };
    }
    const library = find(inv.libraries, 'Library', requireString(target, 'library_id'));
    const name = typeof spec.name === 'string' && spec.name ? spec.name : vm.name;
    if ([...inv.libraryItems.values()].some((i) => i.library_id === library.id && i.name === name))
      throw new MockFault(
        'NOT_ALLOWED_IN_CURRENT_STATE',
        'com.vmware.vdcs.cls-main.duplicate_item_name',
        `Library ${library.name} already has an item named ${name}`,
        [name],
      );
    const id = ctx.random.uuid();
    const files = ovfFiles(name, vm, '1');
    inv.libraryItems.set(id, {
      id,
      library_id: library.id,
      name,
      description: typeof spec.description === 'string' ? spec.description : '',
      type: 'ovf',
      size: files.reduce((n, f) => n + f.size, 0),
      created: now,
      version: '1',
      template,
      files,
    });
    return { value: { succeeded: true, ovf_library_item_id: id, error: { errors: [], warnings: [], information: [] } } };
  },
};
