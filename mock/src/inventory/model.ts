/** The objects of the mock's inventory, as a vCenter keeps them (managed object ids, parents). */
export type PowerState = 'POWERED_ON' | 'POWERED_OFF' | 'SUSPENDED';

export type FolderType = 'DATACENTER' | 'VIRTUAL_MACHINE' | 'HOST' | 'DATASTORE' | 'NETWORK';

export interface Folder {
  id: string;
  name: string;
  type: FolderType;
  parent?: string;
  datacenter?: string;
}

export interface Datacenter {
  id: string;
  name: string;
  folder: string;
  vmFolder: string;
  hostFolder: string;
  datastoreFolder: string;
  networkFolder: string;
}

export interface Cluster {
  id: string;
  name: string;
  datacenter: string;
  resourcePool: string;
  haEnabled: boolean;
  drsEnabled: boolean;
}

export interface Host {
  id: string;
  name: string;
  datacenter: string;
  cluster?: string;
  folder: string;
  connectionState: 'CONNECTED';
  powerState: 'POWERED_ON';
}

export interface Datastore {
  id: string;
  name: string;
  datacenter: string;
  type: 'VMFS' | 'NFS';
  capacity: number;
  freeSpace: number;
}

export interface Network {
  id: string;
  name: string;
  datacenter: string;
  type: 'STANDARD_PORTGROUP' | 'DISTRIBUTED_PORTGROUP';
}

export interface ResourcePool {
  id: string;
  name: string;
  datacenter: string;
  /** The cluster or standalone host it belongs to. */
  owner: string;
  parent?: string;
  /** Set when created with one (the seeded pools have none). */
  cpu?: Allocation;
  memory?: Allocation;
}

export interface Allocation {
  reservation: number;
  expandable_reservation: boolean;
  limit: number;
  shares: { level: 'LOW' | 'NORMAL' | 'HIGH' | 'CUSTOM'; shares?: number };
}

export interface Vm {
  id: string;
  name: string;
  powerState: PowerState;
  guestOS: string;
  cpuCount: number;
  memoryMiB: number;
  diskGiB: number;
  datacenter: string;
  folder: string;
  host: string;
  cluster?: string;
  resourcePool: string;
  datastore: string;
  network: string;
  biosUuid: string;
  instanceUuid: string;
  macAddress: string;
  /** `VMX_13`: known to every release from 6.7 on. */
  hardwareVersion: string;
  cdroms: Cdrom[];
}

/** A CD-ROM on the VM's IDE controller: a client device, or an ISO file when one is mounted. */
export interface Cdrom {
  key: string;
  isoFile?: string;
  startConnected: boolean;
}

export interface Category {
  id: string;
  name: string;
  description: string;
  cardinality: 'SINGLE' | 'MULTIPLE';
  associable_types: string[];
  used_by: string[];
}

export interface Tag {
  id: string;
  category_id: string;
  name: string;
  description: string;
  used_by: string[];
}

export interface ObjectId {
  type: string;
  id: string;
}

export interface Library {
  id: string;
  name: string;
  description: string;
  type: 'LOCAL' | 'SUBSCRIBED';
  datastore: string;
  created: string;
  version: string;
}

export interface LibraryItem {
  id: string;
  library_id: string;
  name: string;
  description: string;
  type: string;
  size: number;
  created: string;
  version: string;
  /** What a deployment of this item creates. */
  template: { guestOS: string; cpuCount: number; memoryMiB: number; diskGiB: number };
  files: LibraryFile[];
}

export interface LibraryFile {
  name: string;
  size: number;
  /** SHA-1 of the content, hex. */
  sha1: string;
  version: string;
}

export type TransferStatus = 'WAITING_FOR_TRANSFER' | 'TRANSFERRING' | 'READY' | 'VALIDATING' | 'ERROR';

export interface SessionFile {
  name: string;
  sourceType: 'NONE' | 'PUSH' | 'PULL';
  status: TransferStatus;
  bytesTransferred: number;
  /** Set once the bytes are in. */
  size?: number;
  sha1?: string;
  /** Where a PUSH file's bytes go (a PUT to the mock itself). */
  uploadUri?: string;
  sourceUri?: string;
}

/** A content library update session: files pushed to the mock, then completed into the item. */
export interface UpdateSession {
  id: string;
  libraryItem: string;
  contentVersion: string;
  state: 'ACTIVE' | 'DONE' | 'ERROR' | 'CANCELED';
  clientProgress: number;
  expires: string;
  errorMessage?: string;
  files: Map<string, SessionFile>;
}

/** One vCenter's state. Every id is unique across kinds (`vm-NN`, `host-NN`, `domain-cNN`...), as in vCenter. */
export class Inventory {
  readonly folders = new Map<string, Folder>();
  readonly datacenters = new Map<string, Datacenter>();
  readonly clusters = new Map<string, Cluster>();
  readonly hosts = new Map<string, Host>();
  readonly datastores = new Map<string, Datastore>();
  readonly networks = new Map<string, Network>();
  readonly resourcePools = new Map<string, ResourcePool>();
  readonly vms = new Map<string, Vm>();
  readonly categories = new Map<string, Category>();
  readonly tags = new Map<string, Tag>();
  /** Tag id → attached objects. */
  readonly associations = new Map<string, ObjectId[]>();
  readonly libraries = new Map<string, Library>();
  readonly libraryItems = new Map<string, LibraryItem>();
  readonly updateSessions = new Map<string, UpdateSession>();
  private nextMoref = 1;

  /** The next managed object id after this prefix: `vm-` → `vm-42`, `domain-c` → `domain-c7`, `group-v` → `group-v3`. */
  moref(prefix: string): string {
    return `${prefix}${this.nextMoref++}`;
  }
}
