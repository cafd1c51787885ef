/**
 * Type-level checks of the router, run by `npm test`'s tsc (not by vitest): handlers are typed
 * by their key, a wrong field or a wrong id form is an error, and event ids flow into the
 * typed calls of a release.
 */
import events, {
  type EventEx,
  type EventExOf,
  type ExtendedEvent,
  type ExtendedEventOf,
  type VmEvent,
  type VmPoweredOnEvent,
} from '@vcenter-sdk/events-data';
import type { VsphereClient } from '@vcenter-sdk/runtime';
import type v703 from '@vcenter-sdk/vsphere-7.0.3';
import { createReceiver, type Delivery } from '@vcenter-sdk/events';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assert = <T extends true>(_?: T) => {};

declare const client: VsphereClient<typeof v703>;
const r = createReceiver({ events });

r.on('VmPoweredOnEvent', async (e) => {
  assert<Equal<typeof e, Delivery<VmPoweredOnEvent>>>();
  const vm: string | undefined = e.data.Vm?.Vm.Value;
  await client.call('vcenter.vm.get', { path: { vm: e.vm!.id } });
  // @ts-expect-error: no such field on a VM event
  void e.data.EventTypeId;
  void vm;
});
r.on('VmEvent', (e) => assert<Equal<typeof e.data, VmEvent>>());
// A dotted id's body: the catalog's generic class or the other one (the body decides), narrowed by its fields.
r.on('com.vmware.vc.HA.ClusterFailoverActionInitiatedEvent', (e) => {
  type Id = 'com.vmware.vc.HA.ClusterFailoverActionInitiatedEvent';
  assert<Equal<typeof e.data, EventExOf<Id> | (ExtendedEvent & { EventTypeId: Id })>>();
  // @ts-expect-error: an ExtendedEvent body has no Arguments
  void e.data.Arguments;
  if ('Arguments' in e.data) {
    const args: { Key: string; Value: unknown }[] | null = e.data.Arguments;
    void args;
  }
});
r.on('com.vmware.vc.HA.ClusterFailoverActionCompletedEvent', (e) => {
  type Id = 'com.vmware.vc.HA.ClusterFailoverActionCompletedEvent';
  assert<Equal<typeof e.data, ExtendedEventOf<Id> | (EventEx & { EventTypeId: Id })>>();
  const id: Id = e.data.EventTypeId;
  // @ts-expect-error: an EventEx body (what vCenter sends for this id) has no ManagedObject
  void e.data.ManagedObject;
  const object: string = 'ManagedObject' in e.data ? e.data.ManagedObject.Value : e.data.ObjectId;
  void [id, object];
});
r.on('com.vmware.vc.HA.*', (e) => {
  const id: `com.vmware.vc.HA.${string}` = e.data.EventTypeId;
  void id;
});
r.on('com.example.not.in.any.catalog', (e) => {
  const key: number = e.data.Key;
  // @ts-expect-error: an unknown id is typed as the base class, which has no Template
  void e.data.Template;
  void key;
});
r.onAny((e) => void e.data.FullFormattedMessage);

// The CloudEvent's time as sent (absent when the delivery has none) and parsed beside it.
r.onAny((e) => {
  assert<Equal<typeof e.cloudEvent.time, string | undefined>>();
  assert<Equal<typeof e.cloudEvent.parsedTime, Date | undefined>>();
  // @ts-expect-error: the time may be absent
  void e.cloudEvent.time.length;
});
// The receiver's own issue codes beside decode's.
createReceiver({
  events,
  hooks: {
    onDecodeIssue: (i) => {
      const own: 'unknown_event' | 'class_mismatch' | undefined =
        i.code === 'unknown_event' || i.code === 'class_mismatch' ? i.code : undefined;
      void own;
    },
  },
});
