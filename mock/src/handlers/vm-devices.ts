/**
 * A VM's hardware as `vcenter.vm.get` and its sub-resources answer it, from one model: the
 * hardware version, boot, CPU, memory, its disk and NIC (from the VM's size, datastore,
 * network and MAC), CD-ROMs, VMware Tools and the guest identity (running Tools only).
 * Optional fields appear only when the modelled state has them.
 */
import { MockFault, notFound } from '../errors.js';
import type { Cdrom, Vm } from '../inventory/model.js';
import { find, type HandlerContext, type HandlerTable } from './context.js';

export const vmOf = (ctx: HandlerContext, id = ctx.param('vm')): Vm => find(ctx.inventory.vms, 'Virtual machine', id);

export const DISK_KEY = '2000';
export const NIC_KEY = '4000';

export const cpuInfo = (vm: Vm) => ({ count: vm.cpuCount, cores_per_socket: 1, hot_add_enabled: false, hot_remove_enabled: false });
export const memoryInfo = (vm: Vm) => ({ size_MiB: vm.memoryMiB, hot_add_enabled: false });
export const hardwareInfo = (vm: Vm) => ({ version: vm.hardwareVersion, upgrade_policy: 'NEVER', upgrade_status: 'NONE' });
export const BOOT = { type: 'BIOS', delay: 0, retry: false, retry_delay: 10000, enter_setup_mode: false };

export function diskInfo(ctx: HandlerContext, vm: Vm) {
  const ds = ctx.inventory.datastores.get(vm.datastore);
  return {
    label: 'Hard disk 1',
    type: 'SCSI',
    capacity: vm.diskGiB * 1024 ** 3,
    scsi: { bus: 0, unit: 0 },
    backing: { type: 'VMDK_FILE', vmdk_file: `[${ds?.name ?? 'datastore'}] ${vm.name}/${vm.name}.vmdk` },
  };
}

export function nicInfo(ctx: HandlerContext, vm: Vm) {
  const net = ctx.inventory.networks.get(vm.network);
  return {
    label: 'Network adapter 1',
    type: 'VMXNET3',
    upt_compatibility_enabled: false,
    mac_type: 'GENERATED',
    mac_address: vm.macAddress,
    pci_slot_number: 160,
    wake_on_lan_enabled: false,
    backing: {
      type: net?.type === 'DISTRIBUTED_PORTGROUP' ? 'DISTRIBUTED_PORTGROUP' : 'STANDARD_PORTGROUP',
      network: vm.network,
      network_name: net?.name ?? 'VM Network',
    },
    state: vm.powerState === 'POWERED_ON' ? 'CONNECTED' : 'NOT_CONNECTED',
    start_connected: true,
    allow_guest_control: true,
  };
}

export function cdromInfo(vm: Vm, c: Cdrom, index: number) {
  const connected = vm.powerState === 'POWERED_ON' && c.startConnected;
  return {
    type: 'IDE',
    label: `CD/DVD drive ${index + 1}`,
    ide: { primary: index < 2, master: index % 2 === 0 },
    backing: c.isoFile ? { type: 'ISO_FILE', iso_file: c.isoFile } : { type: 'CLIENT_DEVICE', device_access_type: 'EMULATION' },
    state: connected ? 'CONNECTED' : 'NOT_CONNECTED',
    start_connected: c.startConnected,
    allow_guest_control: true,
  };
}

const isWindows = (vm: Vm): boolean => vm.guestOS.startsWith('WIN');

/** Tools as after a clean install: running while the VM is on; `error` and the install count only when something happened (nothing does in the mock). */
function toolsInfo(vm: Vm) {
  return {
    auto_update_supported: false,
    upgrade_policy: 'MANUAL',
    version_number: 12352,
    version: '12352',
    version_status: 'CURRENT',
    install_type: isWindows(vm) ? 'MSI' : 'OPEN_VM_TOOLS',
    run_state: vm.powerState === 'POWERED_ON' ? 'RUNNING' : 'NOT_RUNNING',
  };
}

const FAMILY_NAMES: Readonly<Record<string, string>> = {
  UBUNTU_64: 'Ubuntu Linux (64-bit)',
  RHEL_7_64: 'Red Hat Enterprise Linux 7 (64-bit)',
  CENTOS_7_64: 'CentOS 7 (64-bit)',
  WINDOWS_9_SERVER_64: 'Microsoft Windows Server 2016 or later (64-bit)',
  DEBIAN_9_64: 'Debian GNU/Linux 9 (64-bit)',
  SLES_12_64: 'SUSE Linux Enterprise 12 (64-bit)',
  OTHER_3X_LINUX_64: 'Other 3.x Linux (64-bit)',
};

/** Guest identity comes from running Tools: a VM that is not on answers SERVICE_UNAVAILABLE, as vCenter does. */
function identityInfo(vm: Vm) {
  if (vm.powerState !== 'POWERED_ON')
    throw new MockFault(
      'SERVICE_UNAVAILABLE',
      'com.vmware.api.vcenter.vm.guest.tools_not_running',
      `VMware Tools is not running in virtual machine ${vm.id} (it is ${vm.powerState})`,
      [vm.id],
    );
  const fullName = FAMILY_NAMES[vm.guestOS] ?? vm.guestOS;
  return {
    name: vm.guestOS,
    family: isWindows(vm) ? 'WINDOWS' : 'LINUX',
    full_name: { id: `vmsg.guestos.${vm.guestOS.toLowerCase()}.label`, default_message: fullName, args: [] },
    host_name: vm.name.toLowerCase().replace(/_/g, '-'),
  };
}

/** A device of the VM by its key, or NOT_FOUND naming both. */
function device<T>(vm: Vm, what: string, key: string, devices: [string, () => T][]): T {
  const hit = devices.find(([k]) => k === key);
  if (!hit) throw notFound(`${what} of virtual machine ${vm.id}:`, key);
  return hit[1]();
}

const cdroms = (vm: Vm): [string, () => unknown][] => vm.cdroms.map((c, i) => [c.key, () => cdromInfo(vm, c, i)]);

export const vmDeviceHandlers: HandlerTable = {
  'vcenter.vm.hardware.get': (ctx) => ({ value: hardwareInfo(vmOf(ctx)) }),
  'vcenter.vm.hardware.boot.get': (ctx) => {
    vmOf(ctx);
    return { value: BOOT };
  },
  // An empty list: the default boot order, as on a VM nobody reordered.
  'vcenter.vm.hardware.boot.device.get': (ctx) => {
    vmOf(ctx);
    return { value: [] };
  },
  'vcenter.vm.hardware.cpu.get': (ctx) => ({ value: cpuInfo(vmOf(ctx)) }),
  'vcenter.vm.hardware.memory.get': (ctx) => ({ value: memoryInfo(vmOf(ctx)) }),
  'vcenter.vm.hardware.disk.list': (ctx) => {
    vmOf(ctx);
    return { value: [{ disk: DISK_KEY }] };
  },
  'vcenter.vm.hardware.disk.get': (ctx) => {
    const vm = vmOf(ctx);
    return { value: device(vm, 'Disk', ctx.param('disk'), [[DISK_KEY, () => diskInfo(ctx, vm)]]) };
  },
  'vcenter.vm.hardware.ethernet.list': (ctx) => {
    vmOf(ctx);
    return { value: [{ nic: NIC_KEY }] };
  },
  'vcenter.vm.hardware.ethernet.get': (ctx) => {
    const vm = vmOf(ctx);
    return { value: device(vm, 'Network adapter', ctx.param('nic'), [[NIC_KEY, () => nicInfo(ctx, vm)]]) };
  },
  'vcenter.vm.hardware.cdrom.list': (ctx) => ({ value: vmOf(ctx).cdroms.map((c) => ({ cdrom: c.key })) }),
  'vcenter.vm.hardware.cdrom.get': (ctx) => {
    const vm = vmOf(ctx);
    return { value: device(vm, 'CD-ROM', ctx.param('cdrom'), cdroms(vm)) };
  },
  'vcenter.vm.tools.get': (ctx) => ({ value: toolsInfo(vmOf(ctx)) }),
  'vcenter.vm.guest.identity.get': (ctx) => ({ value: identityInfo(vmOf(ctx)) }),
};
