/** Virtual machines: list (every filter), get, create, clone, delete, power state and operations, CPU and memory. */
import { invalidArgument, MockFault } from '../errors.js';
import { addVm } from '../inventory/seed.js';
import type { PowerState, Vm } from '../inventory/model.js';
import { find, keyed, listing, requireString, type HandlerContext, type HandlerTable } from './context.js';
import { BOOT, cdromInfo, cpuInfo, DISK_KEY, diskInfo, hardwareInfo, memoryInfo, NIC_KEY, nicInfo, vmOf } from './vm-devices.js';

const POWER_STATES: readonly PowerState[] = ['POWERED_ON', 'POWERED_OFF', 'SUSPENDED'];

/** CPU and memory change only while the VM is off (the mock's VMs have no hot add). */
function hardwareUpdate(field: 'count' | 'size_MiB', apply: (vm: Vm, value: number) => void) {
  return (ctx: HandlerContext) => {
    const vm = vmOf(ctx);
    const spec = ctx.body('spec');
    const value = spec[field];
    if (value === undefined || value === null) return;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
      throw invalidArgument(`${field} must be a positive integer`, field);
    if (vm.powerState !== 'POWERED_OFF') {
      throw new MockFault(
        'NOT_ALLOWED_IN_CURRENT_STATE',
        'com.vmware.api.vcenter.vm.hardware.powered_on',
        `Virtual machine ${vm.id} is ${vm.powerState}: power it off to change ${field}`,
        [vm.id],
      );
    }
    apply(vm, value);
  };
}

function summary(vm: Vm) {
  return { vm: vm.id, name: vm.name, power_state: vm.powerState, cpu_count: vm.cpuCount, memory_size_MiB: vm.memoryMiB };
}

/** `GET …/vcenter/vm/{vm}`: the fields every release from 6.7 on requires, maps keyed as the style wants. */
function info(ctx: HandlerContext, vm: Vm) {
  return {
    name: vm.name,
    power_state: vm.powerState,
    guest_OS: vm.guestOS,
    identity: { name: vm.name, bios_uuid: vm.biosUuid, instance_uuid: vm.instanceUuid },
    instant_clone_frozen: false,
    hardware: hardwareInfo(vm),
    boot: BOOT,
    boot_devices: [],
    cpu: cpuInfo(vm),
    memory: memoryInfo(vm),
    disks: keyed(ctx.style, [[DISK_KEY, diskInfo(ctx, vm)]]),
    nics: keyed(ctx.style, [[NIC_KEY, nicInfo(ctx, vm)]]),
    cdroms: keyed(
      ctx.style,
      vm.cdroms.map((c, i) => [c.key, cdromInfo(vm, c, i)]),
    ),
    floppies: keyed(ctx.style, []),
    parallel_ports: keyed(ctx.style, []),
    serial_ports: keyed(ctx.style, []),
    sata_adapters: keyed(ctx.style, []),
    scsi_adapters: keyed(ctx.style, [
      ['1000', { label: 'SCSI controller 0', type: 'PVSCSI', scsi: { bus: 0, unit: 7 }, pci_slot_number: 16, sharing: 'NONE' }],
    ]),
    nvme_adapters: keyed(ctx.style, []),
  };
}

/** Where a new VM goes: the given placement, else beside the first VM of the inventory. */
function placement(ctx: HandlerContext, spec: Record<string, unknown>, like?: Vm) {
  const inv = ctx.inventory;
  const p = (typeof spec.placement === 'object' && spec.placement !== null ? spec.placement : {}) as Record<string, unknown>;
  const base = like ?? [...inv.vms.values()][0];
  const host = typeof p.host === 'string' ? find(inv.hosts, 'Host', p.host) : base ? inv.hosts.get(base.host) : [...inv.hosts.values()][0];
  if (!host) throw invalidArgument('placement.host is required: the inventory has no host', 'placement');
  const cluster = typeof p.cluster === 'string' ? find(inv.clusters, 'Cluster', p.cluster).id : host.cluster;
  const pool =
    typeof p.resource_pool === 'string'
      ? find(inv.resourcePools, 'Resource pool', p.resource_pool).id
      : [...inv.resourcePools.values()].find((r) => r.owner === (cluster ?? host.id))?.id;
  const dc = inv.datacenters.get(host.datacenter)!;
  const folder = typeof p.folder === 'string' ? find(inv.folders, 'Folder', p.folder).id : dc.vmFolder;
  const datastore =
    typeof p.datastore === 'string'
      ? find(inv.datastores, 'Datastore', p.datastore).id
      : (base?.datastore ?? [...inv.datastores.values()].find((d) => d.datacenter === dc.id)?.id ?? '');
  const network = base?.network ?? [...inv.networks.values()].find((n) => n.datacenter === dc.id)?.id ?? '';
  return { datacenter: dc.id, folder, host: host.id, ...(cluster ? { cluster } : {}), resourcePool: pool ?? '', datastore, network };
}

function uniqueName(ctx: HandlerContext, name: string, folder: string): void {
  if ([...ctx.inventory.vms.values()].some((v) => v.name === name && v.folder === folder)) {
    throw new MockFault(
      'ALREADY_EXISTS',
      'com.vmware.vcenter.vm.already_exists',
      `A virtual machine named ${name} already exists in folder ${folder}`,
      [name],
    );
  }
}

/** Power operations: the new state, or why not (vCenter's ALREADY_IN_DESIRED_STATE / NOT_ALLOWED_IN_CURRENT_STATE). */
const POWER: Readonly<Record<string, { to: PowerState; already?: PowerState; from?: readonly PowerState[] }>> = {
  start: { to: 'POWERED_ON', already: 'POWERED_ON' },
  stop: { to: 'POWERED_OFF', already: 'POWERED_OFF' },
  suspend: { to: 'SUSPENDED', already: 'SUSPENDED', from: ['POWERED_ON'] },
  reset: { to: 'POWERED_ON', from: ['POWERED_ON'] },
};

const power = (action: string) => (ctx: HandlerContext) => {
  const vm = vmOf(ctx);
  const rule = POWER[action]!;
  if (rule.already === vm.powerState) {
    throw new MockFault(
      'ALREADY_IN_DESIRED_STATE',
      'com.vmware.api.vcenter.vm.power.already_in_desired_state',
      `Virtual machine ${vm.id} is already ${vm.powerState}`,
      [vm.id],
    );
  }
  if (rule.from && !rule.from.includes(vm.powerState)) {
    throw new MockFault(
      'NOT_ALLOWED_IN_CURRENT_STATE',
      'com.vmware.api.vcenter.vm.power.not_allowed',
      `Cannot ${action} virtual machine ${vm.id}: it is ${vm.powerState}`,
      [vm.id],
    );
  }
  vm.powerState = rule.to;
};

export const vmHandlers: HandlerTable = {
  'vcenter.vm.list': listing(
    (inv) => inv.vms.values(),
    [
      ['vms', (v) => v.id],
      ['names', (v) => v.name],
      ['folders', (v) => v.folder],
      ['datacenters', (v) => v.datacenter],
      ['hosts', (v) => v.host],
      ['clusters', (v) => v.cluster],
      ['resource_pools', (v) => v.resourcePool],
      ['power_states', (v) => v.powerState],
    ],
    summary,
    { power_states: POWER_STATES },
  ),
  'vcenter.vm.get': (ctx) => ({ value: info(ctx, vmOf(ctx)) }),
  'vcenter.vm.create': (ctx) => {
    const spec = ctx.body('spec');
    const guestOS = requireString(spec, 'guest_OS');
    const where = placement(ctx, spec);
    const name = typeof spec.name === 'string' && spec.name ? spec.name : `Virtual Machine ${ctx.inventory.vms.size + 1}`;
    uniqueName(ctx, name, where.folder);
    const cpu = (spec.cpu ?? {}) as { count?: number };
    const memory = (spec.memory ?? {}) as { size_MiB?: number };
    const vm = addVm(ctx.inventory, ctx.random, {
      name,
      guestOS,
      cpuCount: cpu.count ?? 1,
      memoryMiB: memory.size_MiB ?? 1024,
      diskGiB: 16,
      powerState: 'POWERED_OFF',
      ...where,
    });
    return { value: vm.id };
  },
  'vcenter.vm.clone': (ctx) => {
    const spec = ctx.body('spec');
    const source = vmOf(ctx, requireString(spec, 'source'));
    const name = requireString(spec, 'name');
    const where = placement(ctx, spec, source);
    uniqueName(ctx, name, where.folder);
    const { id: _id, biosUuid: _b, instanceUuid: _i, macAddress: _m, ...like } = source;
    // The clone gets copies of the source's devices (addVm copies the CD-ROM list).
    const vm = addVm(ctx.inventory, ctx.random, {
      ...like,
      ...where,
      name,
      powerState: spec.power_on === true ? 'POWERED_ON' : 'POWERED_OFF',
    });
    return { value: vm.id };
  },
  'vcenter.vm.delete': (ctx) => {
    const vm = vmOf(ctx);
    if (vm.powerState !== 'POWERED_OFF') {
      throw new MockFault(
        'NOT_ALLOWED_IN_CURRENT_STATE',
        'com.vmware.api.vcenter.vm.delete.powered_on',
        `Virtual machine ${vm.id} is ${vm.powerState}; power it off first`,
        [vm.id],
      );
    }
    ctx.inventory.vms.delete(vm.id);
    for (const objects of ctx.inventory.associations.values()) {
      const i = objects.findIndex((o) => o.id === vm.id);
      if (i >= 0) objects.splice(i, 1);
    }
  },
  'vcenter.vm.power.get': (ctx) => {
    const vm = vmOf(ctx);
    return { value: vm.powerState === 'POWERED_OFF' ? { state: vm.powerState, clean_power_off: true } : { state: vm.powerState } };
  },
  ...Object.fromEntries(Object.keys(POWER).map((action) => [`vcenter.vm.power.${action}`, power(action)])),
  'vcenter.vm.hardware.cpu.update': hardwareUpdate('count', (vm, n) => (vm.cpuCount = n)),
  'vcenter.vm.hardware.memory.update': hardwareUpdate('size_MiB', (vm, n) => (vm.memoryMiB = n)),
};
