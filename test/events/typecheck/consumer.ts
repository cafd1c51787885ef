// A consumer of @vcenter-sdk/events and @vcenter-sdk/events-data, by package name (their
// dist declarations), type-checked with skipLibCheck off by test/events/declarations.packaging.test.ts.
import { createServer } from 'node:http';
import { createReceiver, fetchHandler, middleware, nodeHandler, type Delivery } from '@vcenter-sdk/events';
import events, { type VmPoweredOnEvent } from '@vcenter-sdk/events-data';
import samples from '@vcenter-sdk/events-data/samples';

const receiver = createReceiver({ events, release: '8.0u3', decode: 'report', hooks: { onDecodeIssue: (i) => console.warn(i.path) } });
receiver.on('VmPoweredOnEvent', (e: Delivery<VmPoweredOnEvent>) => console.log(e.data.Vm?.Name, e.vm?.id));
receiver.on('com.vmware.vc.HA.*', (e) => console.log(e.data.EventTypeId));
receiver.on('com.vmware.vc.HA.ClusterFailoverActionCompletedEvent', (e) =>
  console.log('ObjectId' in e.data ? e.data.ObjectId : e.data.ManagedObject.Value, e.cloudEvent.time, e.cloudEvent.parsedTime?.getTime()),
);
createServer(nodeHandler(receiver));
export const fn: (r: Request) => Promise<Response> = fetchHandler(receiver);
export const mw = middleware(receiver);
export const sample = samples.VmPoweredOnEvent;
