/**
 * The managed object ids of an event flow into the SDK's typed calls: `e.vm!.id` is what
 * `client.call('vcenter.vm.get', { path: { vm } })` takes (this file type-checks it) and the
 * call works against @vcenter-sdk/mock.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { createClient } from '@vcenter-sdk/runtime';
import { encodeEvent, objectsOf } from '@vcenter-sdk/events';
import { startMock, type MockVcenter } from '@vcenter-sdk/mock';
import { MOCK_PASSWORD, USER } from '../support/settings.js';
import { receiverWith } from './helpers.js';

let fake: MockVcenter;
beforeAll(async () => (fake = await startMock({ releases: ['7.0.3'] })));
afterAll(() => fake.close());

const vebaBody = {
  Key: 9902,
  ChainId: 9895,
  CreatedTime: '2020-02-11T21:28:23.677595Z',
  UserName: 'VSPHERE.LOCAL\\Administrator',
  Datacenter: { Name: 'dc', Datacenter: { Type: 'Datacenter', Value: 'datacenter-2' } },
  ComputeResource: { Name: 'cls', ComputeResource: { Type: 'ClusterComputeResource', Value: 'domain-c7' } },
  Host: { Name: '10.0.0.74', Host: { Type: 'HostSystem', Value: 'host-21' } },
  Vm: { Name: 'web-01', Vm: { Type: 'VirtualMachine', Value: 'vm-1001' } },
  Ds: { Name: 'ds1', Datastore: { Type: 'Datastore', Value: 'datastore-11' } },
  Net: null,
  Dvs: null,
  FullFormattedMessage: 'web-01 is powered on',
  ChangeTag: '',
  Template: false,
};

it('objectsOf: the ids the REST API takes, only for the objects the event names', () => {
  expect(objectsOf(vebaBody)).toEqual({
    vm: { id: 'vm-1001', type: 'VirtualMachine', name: 'web-01' },
    host: { id: 'host-21', type: 'HostSystem', name: '10.0.0.74' },
    datacenter: { id: 'datacenter-2', type: 'Datacenter', name: 'dc' },
    computeResource: { id: 'domain-c7', type: 'ClusterComputeResource', name: 'cls' },
    cluster: { id: 'domain-c7', type: 'ClusterComputeResource', name: 'cls' },
    datastore: { id: 'datastore-11', type: 'Datastore', name: 'ds1' },
  });
  expect(
    objectsOf({ ...vebaBody, Vm: null, ComputeResource: { Name: 'h', ComputeResource: { Type: 'ComputeResource', Value: 'domain-s9' } } }),
  ).not.toHaveProperty('vm');
  expect(
    objectsOf({ ...vebaBody, ComputeResource: { Name: 'h', ComputeResource: { Type: 'ComputeResource', Value: 'domain-s9' } } }),
  ).not.toHaveProperty('cluster');
});

it('objectsOf: the object of an ExtendedEvent (ManagedObject) or an EventEx (ObjectType/ObjectId)', () => {
  const base = { ...vebaBody, Vm: null, Host: null, ComputeResource: null, Ds: null };
  expect(
    objectsOf({
      ...base,
      EventTypeId: 'com.vmware.vc.ha.VmRestartedByHAEvent',
      ManagedObject: { Type: 'VirtualMachine', Value: 'vm-7' },
      Data: null,
    }).vm,
  ).toEqual({ id: 'vm-7', type: 'VirtualMachine', name: '' });
  expect(
    objectsOf({ ...base, EventTypeId: 'x', ObjectType: 'ClusterComputeResource', ObjectId: 'domain-c7', ObjectName: 'Cluster' }).cluster,
  ).toEqual({ id: 'domain-c7', type: 'ClusterComputeResource', name: 'Cluster' });
  // the standard arguments win over the generic object
  expect(objectsOf({ ...vebaBody, ManagedObject: { Type: 'VirtualMachine', Value: 'vm-7' } }).vm!.id).toBe('vm-1001');
  expect(objectsOf({ ...base, ObjectType: 'Folder', ObjectId: 'group-d1' })).toEqual({
    datacenter: { id: 'datacenter-2', type: 'Datacenter', name: 'dc' },
  });
});

it("client.call('vcenter.vm.get', { path: { vm: e.vm!.id } }) from a delivered event", async () => {
  await using client = createClient({
    baseUrl: fake.url,
    release: v703,
    auth: { username: USER, password: MOCK_PASSWORD },
  });
  const rx = receiverWith();
  const names: string[] = [];
  rx.on('VmPoweredOnEvent', async (e) => {
    const vm = await client.call('vcenter.vm.get', { path: { vm: e.vm!.id } });
    names.push(`${vm.name}:${vm.power_state}`);
  });
  const on = [...fake.inventory('7.0.3').vms.values()].find((v) => v.powerState === 'POWERED_ON')!;
  const body = { ...vebaBody, Vm: { Name: on.name, Vm: { Type: 'VirtualMachine', Value: on.id } } };
  const r = await rx.receive(encodeEvent('VmPoweredOnEvent', body));
  expect(r.status, r.body).toBe(200);
  expect(names).toEqual([`${on.name}:POWERED_ON`]);
});
