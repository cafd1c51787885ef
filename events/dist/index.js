/**
 * @vcenter-sdk/events: receive vCenter events from VEBA as typed CloudEvents.
 *
 * ```ts
 * import { createReceiver, nodeHandler } from '@vcenter-sdk/events';
 * import events from '@vcenter-sdk/events-data';
 *
 * const receiver = createReceiver({ events });
 * receiver.on('VmPoweredOnEvent', (e) => client.call('vcenter.vm.get', { path: { vm: e.vm!.id } }));
 * http.createServer(nodeHandler(receiver)).listen(8080);
 * ```
 */
export { createReceiver } from './receiver.js';
export { fetchHandler, middleware, nodeHandler } from './adapters.js';
export { encodeEvent, readCloudEvent, BadEvent } from './veba.js';
export { objectsOf, taskIdOf } from './objects.js';
