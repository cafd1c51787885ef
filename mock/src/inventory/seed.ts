/**
 * The starting inventory, modelled on govmomi vcsim's default one: datacenter `DC0` with
 * cluster `DC0_C0` (hosts `DC0_C0_H0`…) and a standalone host `DC0_H0`, VMs named after where
 * they run (`DC0_H0_VM0`, `DC0_C0_RP0_VM0`), datastore `LocalDS_0`, networks `VM Network` and
 * `DC0_DVPG0`, the four folders of each datacenter, and a content library. Guest OS, CPU,
 * memory, power state and UUIDs come from the seed, so the same seed gives the same vCenter.
 */
import { createHash } from 'node:crypto';
import type { Random } from '../random.js';
import { Inventory, type Datacenter, type Vm } from './model.js';

export interface InventoryOptions {
  /** Datacenters (`DC0`, `DC1`…). Default 1. */
  datacenters?: number;
  /** Clusters per datacenter. Default 1. */
  clusters?: number;
  /** Hosts per cluster. Default 3. */
  hostsPerCluster?: number;
  /** Standalone hosts per datacenter. Default 1. */
  standaloneHosts?: number;
  /** VMs per standalone host and per cluster. Default 2. */
  vms?: number;
}

/** Guest OS ids known to every release from 6.7 on, with a plausible size. */
const GUESTS: readonly { os: string; cpu: number[]; mem: number[] }[] = [
  { os: 'UBUNTU_64', cpu: [1, 2, 4], mem: [2048, 4096] },
  { os: 'RHEL_7_64', cpu: [2, 4], mem: [4096, 8192] },
  { os: 'CENTOS_7_64', cpu: [1, 2], mem: [2048, 4096] },
  { os: 'WINDOWS_9_SERVER_64', cpu: [2, 4, 8], mem: [8192, 16384] },
  { os: 'DEBIAN_9_64', cpu: [1, 2], mem: [1024, 2048] },
  { os: 'SLES_12_64', cpu: [2, 4], mem: [4096, 8192] },
];

const CREATED = '2024-01-15T09:30:00.000Z';

/** A stand-in checksum for a seeded file's content (the mock keeps no bytes of seeded files). */
const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

export function seedInventory(random: Random, options: InventoryOptions = {}): Inventory {
  const { datacenters = 1, clusters = 1, hostsPerCluster = 3, standaloneHosts = 1, vms = 2 } = options;
  for (const [k, v] of Object.entries({ datacenters, clusters, hostsPerCluster, standaloneHosts, vms })) {
    if (!Number.isInteger(v) || v < 0 || v > 1000)
      throw new Error(`startMock: inventory.${k} must be an integer from 0 to 1000, got ${String(v)}`);
  }
  const inv = new Inventory();
  const root = inv.moref('group-d');
  inv.folders.set(root, { id: root, name: 'Datacenters', type: 'DATACENTER' });

  for (let d = 0; d < datacenters; d++) {
    const dc = addDatacenter(inv, `DC${d}`, root);
    const datastore = inv.moref('datastore-');
    inv.datastores.set(datastore, {
      id: datastore,
      name: `LocalDS_${d}`,
      datacenter: dc.id,
      type: 'VMFS',
      capacity: 1099511627776,
      freeSpace: 824633720832,
    });
    const network = inv.moref('network-');
    inv.networks.set(network, { id: network, name: 'VM Network', datacenter: dc.id, type: 'STANDARD_PORTGROUP' });
    const dvpg = inv.moref('dvportgroup-');
    inv.networks.set(dvpg, { id: dvpg, name: `${dc.name}_DVPG0`, datacenter: dc.id, type: 'DISTRIBUTED_PORTGROUP' });

    const place = { datacenter: dc.id, folder: dc.vmFolder, datastore, network };
    for (let h = 0; h < standaloneHosts; h++) {
      const host = inv.moref('host-');
      const name = `${dc.name}_H${h}`;
      inv.hosts.set(host, {
        id: host,
        name,
        datacenter: dc.id,
        folder: dc.hostFolder,
        connectionState: 'CONNECTED',
        powerState: 'POWERED_ON',
      });
      const pool = inv.moref('resgroup-');
      inv.resourcePools.set(pool, { id: pool, name: 'Resources', datacenter: dc.id, owner: host });
      for (let v = 0; v < vms; v++) addSeedVm(inv, random, `${name}_VM${v}`, { ...place, host, resourcePool: pool });
    }
    for (let c = 0; c < clusters; c++) {
      const cluster = inv.moref('domain-c');
      const name = `${dc.name}_C${c}`;
      const pool = inv.moref('resgroup-');
      inv.clusters.set(cluster, { id: cluster, name, datacenter: dc.id, resourcePool: pool, haEnabled: false, drsEnabled: true });
      inv.resourcePools.set(pool, { id: pool, name: 'Resources', datacenter: dc.id, owner: cluster });
      const hosts: string[] = [];
      for (let h = 0; h < hostsPerCluster; h++) {
        const host = inv.moref('host-');
        inv.hosts.set(host, {
          id: host,
          name: `${name}_H${h}`,
          datacenter: dc.id,
          cluster,
          folder: dc.hostFolder,
          connectionState: 'CONNECTED',
          powerState: 'POWERED_ON',
        });
        hosts.push(host);
      }
      if (hosts.length === 0) continue;
      for (let v = 0; v < vms; v++) {
        addSeedVm(inv, random, `${name}_RP0_VM${v}`, { ...place, host: hosts[v % hosts.length]!, cluster, resourcePool: pool });
      }
    }
  }

  const firstDatastore = [...inv.datastores.keys()][0];
  if (firstDatastore) {
    const library = random.uuid();
    inv.libraries.set(library, {
      id: library,
      name: 'Library0',
      description: 'Templates',
      type: 'LOCAL',
      datastore: firstDatastore,
      created: CREATED,
      version: '2',
    });
    for (const [name, os, cpu, mem] of [
      ['ubuntu-22.04-template', 'UBUNTU_64', 2, 4096],
      ['photon-5-template', 'OTHER_3X_LINUX_64', 1, 2048],
    ] as const) {
      const id = random.uuid();
      inv.libraryItems.set(id, {
        id,
        library_id: library,
        name,
        description: `${name} (OVF)`,
        type: 'ovf',
        size: 2147483648,
        created: CREATED,
        version: '1',
        template: { guestOS: os, cpuCount: cpu, memoryMiB: mem, diskGiB: 16 },
        files: [
          { name: `${name}.ovf`, size: 4096, sha1: sha1(`${name}.ovf`), version: '1' },
          { name: `${name}-disk1.vmdk`, size: 2147483648 - 4096, sha1: sha1(`${name}-disk1.vmdk`), version: '1' },
        ],
      });
    }
  }
  return inv;
}

/** A datacenter with its four folders (vm, host, datastore, network). */
export function addDatacenter(inv: Inventory, name: string, parent: string): Datacenter {
  const id = inv.moref('datacenter-');
  const folder = (prefix: string, folderName: string, type: 'VIRTUAL_MACHINE' | 'HOST' | 'DATASTORE' | 'NETWORK'): string => {
    const f = inv.moref(prefix);
    inv.folders.set(f, { id: f, name: folderName, type, parent: id, datacenter: id });
    return f;
  };
  const dc: Datacenter = {
    id,
    name,
    folder: parent,
    vmFolder: folder('group-v', 'vm', 'VIRTUAL_MACHINE'),
    hostFolder: folder('group-h', 'host', 'HOST'),
    datastoreFolder: folder('group-s', 'datastore', 'DATASTORE'),
    networkFolder: folder('group-n', 'network', 'NETWORK'),
  };
  inv.datacenters.set(id, dc);
  return dc;
}

type Placement = Pick<Vm, 'datacenter' | 'folder' | 'host' | 'resourcePool' | 'datastore' | 'network'> & { cluster?: string };

function addSeedVm(inv: Inventory, random: Random, name: string, place: Placement): Vm {
  const guest = random.pick(GUESTS);
  const roll = random.next();
  return addVm(inv, random, {
    name,
    guestOS: guest.os,
    cpuCount: random.pick(guest.cpu),
    memoryMiB: random.pick(guest.mem),
    diskGiB: random.pick([16, 32, 64]),
    powerState: roll < 0.7 ? 'POWERED_ON' : roll < 0.9 ? 'POWERED_OFF' : 'SUSPENDED',
    cdroms: [{ key: '3000', startConnected: false }],
    ...place,
  });
}

type NewVm = Omit<Vm, 'id' | 'biosUuid' | 'instanceUuid' | 'macAddress' | 'hardwareVersion' | 'cdroms'> &
  Partial<Pick<Vm, 'hardwareVersion' | 'cdroms'>>;

/** Add a VM with fresh ids (UUIDs and MAC from the seed); hardware version 13 and no CD-ROM unless given. */
export function addVm(inv: Inventory, random: Random, spec: NewVm): Vm {
  const id = inv.moref('vm-');
  const byte = (): string =>
    Math.floor(random.next() * 256)
      .toString(16)
      .padStart(2, '0');
  const vm: Vm = {
    id,
    biosUuid: random.uuid(),
    instanceUuid: random.uuid(),
    macAddress: `00:50:56:${byte()}:${byte()}:${byte()}`,
    hardwareVersion: 'VMX_13',
    ...spec,
    cdroms: (spec.cdroms ?? []).map((c) => ({ ...c })),
  };
  inv.vms.set(id, vm);
  return vm;
}
