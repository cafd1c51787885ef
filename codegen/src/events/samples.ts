/**
 * A realistic body for every event class, as VEBA would deliver it: Go's encoding of the
 * struct (every field present, nil pointers and slices `null`), the event's inventory
 * arguments filled in by what the class is about (a `VmEvent` names a VM, its host, cluster
 * and datacenter), fixed values so that the output is deterministic.
 */
import type { EventModel, Shape } from './model.js';

/** The inventory every sample refers to: one datacenter, cluster, host, VM, datastore, network, switch. */
const INVENTORY: Record<string, { Name: string; type: string; value: string; field: string }> = {
  DatacenterEventArgument: { Name: 'dc-01', type: 'Datacenter', value: 'datacenter-1', field: 'Datacenter' },
  ComputeResourceEventArgument: { Name: 'cluster-01', type: 'ClusterComputeResource', value: 'domain-c8', field: 'ComputeResource' },
  HostEventArgument: { Name: 'esxi-01.example.com', type: 'HostSystem', value: 'host-10', field: 'Host' },
  VmEventArgument: { Name: 'web-01', type: 'VirtualMachine', value: 'vm-42', field: 'Vm' },
  DatastoreEventArgument: { Name: 'datastore-01', type: 'Datastore', value: 'datastore-11', field: 'Datastore' },
  NetworkEventArgument: { Name: 'VM Network', type: 'Network', value: 'network-12', field: 'Network' },
  DvsEventArgument: { Name: 'dvs-01', type: 'VmwareDistributedVirtualSwitch', value: 'dvs-13', field: 'Dvs' },
  AlarmEventArgument: { Name: 'Host CPU usage', type: 'Alarm', value: 'alarm-7', field: 'Alarm' },
  ScheduledTaskEventArgument: { Name: 'nightly-snapshot', type: 'ScheduledTask', value: 'schedule-3', field: 'ScheduledTask' },
  ManagedEntityEventArgument: { Name: 'web-01', type: 'VirtualMachine', value: 'vm-42', field: 'Entity' },
  FolderEventArgument: { Name: 'vm', type: 'Folder', value: 'group-v4', field: 'Folder' },
  ResourcePoolEventArgument: { Name: 'Resources', type: 'ResourcePool', value: 'resgroup-9', field: 'ResourcePool' },
};

/** Which of Event's inventory arguments a class fills, by the ancestor it descends from. */
const FILLED_BY: Record<string, string[]> = {
  VmEvent: ['Datacenter', 'ComputeResource', 'Host', 'Vm'],
  HostEvent: ['Datacenter', 'ComputeResource', 'Host'],
  ClusterEvent: ['Datacenter', 'ComputeResource'],
  DatastoreEvent: ['Datacenter', 'Ds'],
  DvsEvent: ['Datacenter', 'Dvs'],
  AlarmEvent: ['Datacenter'],
  TaskEvent: ['Datacenter', 'ComputeResource', 'Host', 'Vm'],
  Event: ['Datacenter'],
};

const MOREF_TYPES: Record<string, [string, string]> = {
  Vm: ['VirtualMachine', 'vm-42'],
  Host: ['HostSystem', 'host-10'],
  Datacenter: ['Datacenter', 'datacenter-1'],
  Datastore: ['Datastore', 'datastore-11'],
  Network: ['Network', 'network-12'],
  Dvs: ['VmwareDistributedVirtualSwitch', 'dvs-13'],
  Alarm: ['Alarm', 'alarm-7'],
  Task: ['Task', 'task-101'],
  ComputeResource: ['ClusterComputeResource', 'domain-c8'],
  Entity: ['VirtualMachine', 'vm-42'],
  ManagedObject: ['VirtualMachine', 'vm-42'],
};

const TIME = '2026-11-30T12:00:00.000Z';
const STRINGS: Record<string, string> = {
  UserName: 'VSPHERE.LOCAL\\Administrator',
  ChangeTag: '',
  Severity: 'info',
  Reason: 'sample reason',
  Message: 'sample message',
  Name: 'sample',
  ObjectType: 'VirtualMachine',
  ObjectId: 'vm-42',
  ObjectName: 'web-01',
};

export function sampleBody(model: EventModel, className: string, ancestors: string[], description: string): Record<string, unknown> {
  const filled = new Set(FILLED_BY[[className, ...ancestors].find((c) => FILLED_BY[c]) ?? 'Event']);
  const value = (shape: Shape, field: string, depth: number): unknown => {
    switch (shape.t) {
      case 'string':
        return STRINGS[field] ?? '';
      case 'time':
        return TIME;
      case 'base64':
      case 'unknown':
        return null;
      case 'boolean':
        return false;
      case 'int32':
      case 'int64':
      case 'number':
        return field === 'Key' ? 9001 : field === 'ChainId' ? 9001 : 0;
      case 'enum':
        return shape.values.find((v) => v !== '') ?? '';
      case 'array':
        return null;
      case 'nullable': {
        const inner = shape.of;
        // Go nil, except the inventory arguments the class is about
        if (inner.t === 'ref' && INVENTORY[inner.name] && (depth > 0 || filled.has(field))) return struct(inner.name, field, depth + 1);
        return null;
      }
      case 'ref':
        return struct(shape.name, field, depth + 1);
    }
  };
  const struct = (name: string, field: string, depth: number): Record<string, unknown> => {
    if (name === 'ManagedObjectReference') {
      const [type, v] = MOREF_TYPES[field] ?? [field, `${field.toLowerCase()}-1`];
      return { Type: type, Value: v };
    }
    const inv = INVENTORY[name];
    const out: Record<string, unknown> = {};
    for (const f of model.types.get(name)!.fields) {
      out[f.name] = inv && f.name === 'Name' ? inv.Name : value(f.shape, f.name, depth);
    }
    return out;
  };
  const body = struct(className, className, 0);
  body.FullFormattedMessage = description;
  return body;
}
