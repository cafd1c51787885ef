/**
 * Bodies written by hand in the shape VEBA documents (Go field names, parents flattened, nil
 * pointers as null), for a VM, a host, an alarm, a task and an HA EventEx event; each one in
 * binary and structured mode, under both type schemes (com.vmware.vsphere.<id>.v0 and the
 * event router's type with ce-subject), through a real HTTP server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeEvent, type Delivery, type EventIssue } from '@vcenter-sdk/events';
import { post, receiverWith, serve } from './helpers.js';

const dc = { Name: 'Datacenter', Datacenter: { Type: 'Datacenter', Value: 'datacenter-2' } };
const cluster = { Name: 'Cluster', ComputeResource: { Type: 'ClusterComputeResource', Value: 'domain-c7' } };
const host = { Name: '10.185.22.74', Host: { Type: 'HostSystem', Value: 'host-21' } };
const base = (key: number, message: string) => ({
  Key: key,
  ChainId: key,
  CreatedTime: '2020-02-11T21:28:23.677595Z',
  UserName: 'VSPHERE.LOCAL\\Administrator',
  Datacenter: dc,
  ComputeResource: cluster,
  Host: host,
  Vm: null as unknown,
  Ds: null,
  Net: null,
  Dvs: null,
  FullFormattedMessage: message,
  ChangeTag: '',
});

// From VEBA's documentation of vCenter events (VmPoweredOffEvent), with its values.
const vm = {
  ...base(9902, 'test-01 on  10.185.22.74 in Datacenter is powered off'),
  Vm: { Name: 'test-01', Vm: { Type: 'VirtualMachine', Value: 'vm-56' } },
  Template: false,
};
const hostEvent = { ...base(9910, 'Host 10.185.22.74 in Datacenter has entered maintenance mode') };
const alarm = {
  ...base(9920, 'Alarm Host CPU usage on 10.185.22.74 changed from Green to Red'),
  Alarm: { Name: 'Host CPU usage', Alarm: { Type: 'Alarm', Value: 'alarm-7' } },
  Source: { Name: 'Datacenters', Entity: { Type: 'Folder', Value: 'group-d1' } },
  Entity: { Name: '10.185.22.74', Entity: { Type: 'HostSystem', Value: 'host-21' } },
  From: 'green',
  To: 'red',
};
const task = {
  ...base(9930, 'Task: Power On virtual machine'),
  Vm: { Name: 'test-01', Vm: { Type: 'VirtualMachine', Value: 'vm-56' } },
  Info: {
    Key: 'task-1234',
    Task: { Type: 'Task', Value: 'task-1234' },
    Description: null,
    Name: 'PowerOnVM_Task',
    DescriptionId: 'VirtualMachine.powerOn',
    Entity: { Type: 'VirtualMachine', Value: 'vm-56' },
    EntityName: 'test-01',
    Locked: null,
    State: 'queued',
    Cancelled: false,
    Cancelable: false,
    Error: null,
    Result: null,
    Progress: 0,
    Reason: { UserName: 'VSPHERE.LOCAL\\Administrator' },
    QueueTime: '2020-02-11T21:28:23.6Z',
    StartTime: null,
    CompleteTime: null,
    EventChainId: 9930,
    ChangeTag: '',
    ParentTaskKey: '',
    RootTaskKey: '',
    ActivationId: '',
  },
};
const ha = {
  ...base(9940, 'vSphere HA initiated a failover action on 1 virtual machines in cluster Cluster'),
  Host: null,
  EventTypeId: 'com.vmware.vc.HA.ClusterFailoverActionInitiatedEvent',
  Severity: 'warning',
  Message: '',
  Arguments: [{ Key: 'computeResource.name', Value: 'Cluster' }],
  ObjectId: 'domain-c7',
  ObjectType: 'ClusterComputeResource',
  ObjectName: 'Cluster',
  Fault: null,
};

const cases = [
  { name: 'VM', id: 'VmPoweredOffEvent', body: vm, routerKind: 'event' as const, cls: 'VmPoweredOffEvent' },
  { name: 'host', id: 'EnteredMaintenanceModeEvent', body: hostEvent, routerKind: 'event' as const, cls: 'EnteredMaintenanceModeEvent' },
  { name: 'alarm', id: 'AlarmStatusChangedEvent', body: alarm, routerKind: 'event' as const, cls: 'AlarmStatusChangedEvent' },
  { name: 'task', id: 'TaskEvent', body: task, routerKind: 'event' as const, cls: 'TaskEvent' },
  {
    name: 'HA (EventEx)',
    id: 'com.vmware.vc.HA.ClusterFailoverActionInitiatedEvent',
    body: ha,
    routerKind: 'eventex' as const,
    cls: 'EventEx',
  },
];

const got: Delivery[] = [];
const issues: EventIssue[] = [];
const receiver = receiverWith({ hooks: { onDecodeIssue: (i) => issues.push(i) } });
// Each handler reads the body through its typed fields: a typo here fails the type-check.
receiver.on('VmPoweredOffEvent', (e) => void got.push({ ...e, data: { vm: e.data.Vm?.Vm.Value, template: e.data.Template } }));
receiver.on('EnteredMaintenanceModeEvent', (e) => void got.push({ ...e, data: { host: e.data.Host?.Host.Value } }));
receiver.on('AlarmStatusChangedEvent', (e) => void got.push({ ...e, data: { alarm: e.data.Alarm.Alarm.Value, to: e.data.To } }));
receiver.on('TaskEvent', (e) => void got.push({ ...e, data: { task: e.data.Info.Task.Value, state: e.data.Info.State } }));
receiver.on(
  'com.vmware.vc.HA.*',
  (e) => void got.push({ ...e, data: { typeId: e.data.EventTypeId, object: 'ObjectId' in e.data ? e.data.ObjectId : undefined } }),
);

let server: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => (server = await serve(receiver)));
afterAll(() => server.close());

const expected: Record<string, unknown> = {
  VM: { vm: 'vm-56', template: false },
  host: { host: 'host-21' },
  alarm: { alarm: 'alarm-7', to: 'red' },
  task: { task: 'task-1234', state: 'queued' },
  'HA (EventEx)': { typeId: 'com.vmware.vc.HA.ClusterFailoverActionInitiatedEvent', object: 'domain-c7' },
};

describe.each(cases)('$name event', (c) => {
  it.each([
    ['binary', 'vsphere'],
    ['binary', 'router'],
    ['structured', 'vsphere'],
    ['structured', 'router'],
  ] as const)('%s mode, %s type scheme: typed handler, no decode issue', async (mode, scheme) => {
    got.length = 0;
    issues.length = 0;
    const m = encodeEvent(c.id, c.body, {
      structured: mode === 'structured',
      scheme,
      routerKind: c.routerKind,
      source: 'https://vcenter.local/sdk',
    });
    if (scheme === 'vsphere') expect(m.headers['ce-type'] ?? JSON.parse(m.body).type).toBe(`com.vmware.vsphere.${c.id}.v0`);
    else expect(m.headers['ce-subject'] ?? JSON.parse(m.body).subject).toBe(c.id);
    const r = await post(server.url, m);
    expect(r.status, r.text).toBe(200);
    expect(got).toHaveLength(1);
    expect(got[0]!.eventId).toBe(c.id);
    expect(got[0]!.eventClass).toBe(c.cls);
    expect(got[0]!.mode).toBe(mode);
    expect(got[0]!.scheme).toBe(scheme);
    expect(got[0]!.cloudEvent.source).toBe('https://vcenter.local/sdk');
    expect(got[0]!.data).toEqual(expected[c.name]);
    expect(issues).toEqual([]);
  });
});
