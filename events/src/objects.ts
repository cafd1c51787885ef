/**
 * The managed objects an event names, as the ids the REST operations take: `vm-42` for
 * `client.call('vcenter.vm.get', { path: { vm } })`, `host-10`, `domain-c8`, `datastore-11`...
 * (the vim25 managed object reference's `Value` is the REST API's identifier).
 */

export interface ObjectRef {
  /** The id the REST API takes: `vm-42`. */
  id: string;
  /** The vim25 type: `VirtualMachine`, `HostSystem`, `ClusterComputeResource`... */
  type: string;
  /** The object's name when the event was created. */
  name: string;
}

export interface EventObjects {
  vm?: ObjectRef;
  host?: ObjectRef;
  datacenter?: ObjectRef;
  /** The cluster or standalone compute resource of the event. */
  computeResource?: ObjectRef;
  /** The same as `computeResource` when it is a cluster (`domain-c8`). */
  cluster?: ObjectRef;
  datastore?: ObjectRef;
  network?: ObjectRef;
  dvs?: ObjectRef;
}

/** Event field → [helper name, field of its managed object reference]. */
const ARGUMENTS: readonly [string, keyof EventObjects, string][] = [
  ['Vm', 'vm', 'Vm'],
  ['Host', 'host', 'Host'],
  ['Datacenter', 'datacenter', 'Datacenter'],
  ['ComputeResource', 'computeResource', 'ComputeResource'],
  ['Ds', 'datastore', 'Datastore'],
  ['Net', 'network', 'Network'],
  ['Dvs', 'dvs', 'Dvs'],
];

function refOf(arg: unknown, field: string): ObjectRef | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const a = arg as Record<string, unknown>;
  const mo = a[field] as { Type?: unknown; Value?: unknown } | null | undefined;
  if (!mo || typeof mo.Value !== 'string' || !mo.Value) return undefined;
  return { id: mo.Value, type: typeof mo.Type === 'string' ? mo.Type : '', name: typeof a.Name === 'string' ? a.Name : '' };
}

/** vim25 type → helper name, for the generic events' object (`ExtendedEvent.ManagedObject`, `EventEx.ObjectType/ObjectId`). */
const BY_TYPE: Readonly<Record<string, keyof EventObjects>> = {
  VirtualMachine: 'vm',
  HostSystem: 'host',
  Datacenter: 'datacenter',
  ClusterComputeResource: 'cluster',
  ComputeResource: 'computeResource',
  Datastore: 'datastore',
  Network: 'network',
  DistributedVirtualPortgroup: 'network',
  VmwareDistributedVirtualSwitch: 'dvs',
  DistributedVirtualSwitch: 'dvs',
};

/** The objects of a vCenter event body (any class): only those it names. */
export function objectsOf(data: unknown): EventObjects {
  const out: EventObjects = {};
  if (!data || typeof data !== 'object') return out;
  const d = data as Record<string, unknown>;
  for (const [field, key, moField] of ARGUMENTS) {
    const ref = refOf(d[field], moField);
    if (ref) out[key] = ref;
  }
  if (out.computeResource?.type === 'ClusterComputeResource') out.cluster = out.computeResource;
  // The object of an ExtendedEvent / EventEx, when the arguments above did not name one of its kind.
  const mo = d.ManagedObject as { Type?: unknown; Value?: unknown } | null | undefined;
  const generic =
    mo && typeof mo.Type === 'string' && typeof mo.Value === 'string' && mo.Value
      ? { type: mo.Type, id: mo.Value, name: '' }
      : typeof d.ObjectType === 'string' && typeof d.ObjectId === 'string' && d.ObjectId
        ? { type: d.ObjectType, id: d.ObjectId, name: typeof d.ObjectName === 'string' ? d.ObjectName : '' }
        : undefined;
  const key = generic && BY_TYPE[generic.type];
  if (generic && key && !out[key]) out[key] = generic;
  return out;
}

/** The task a `TaskEvent` (or any body with `Info.Task`) is about: `task-101`. */
export function taskIdOf(data: unknown): string | undefined {
  const task = (data as { Info?: { Task?: { Value?: unknown } } } | null | undefined)?.Info?.Task;
  return task && typeof task.Value === 'string' && task.Value ? task.Value : undefined;
}
