/**
 * A bare VM as vCenter 7.0.3 answers `GET /api/vcenter/vm/{vm}` (~700 bytes, no devices): the
 * fake vCenter's VM and the canned answer of the call benchmark, so that both stay the same body.
 */
export interface BareVm {
  name: string;
  power_state: string;
  cpu_count: number;
  memory_size_MiB: number;
  guest_OS?: string;
}

export function vmInfo(vm: BareVm) {
  return {
    name: vm.name,
    power_state: vm.power_state,
    guest_OS: vm.guest_OS ?? 'OTHER_LINUX_64',
    identity: { name: vm.name, bios_uuid: '4210e2f5-0000-0000-0000-000000000000', instance_uuid: '5010e2f5-0000-0000-0000-000000000000' },
    instant_clone_frozen: false,
    hardware: { version: 'VMX_19', upgrade_policy: 'NEVER', upgrade_status: 'NONE' },
    boot: { type: 'BIOS', delay: 0, retry: false, retry_delay: 10000, enter_setup_mode: false },
    boot_devices: [],
    cpu: { count: vm.cpu_count, cores_per_socket: 1, hot_add_enabled: false, hot_remove_enabled: false },
    memory: { size_MiB: vm.memory_size_MiB, hot_add_enabled: false },
    disks: {},
    nics: {},
    cdroms: {},
    floppies: {},
    parallel_ports: {},
    serial_ports: {},
    sata_adapters: {},
    scsi_adapters: {},
    nvme_adapters: {},
  };
}
