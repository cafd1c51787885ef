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
export {
  createReceiver,
  type Delivery,
  type EventIssue,
  type Handler,
  type HttpAnswer,
  type Receiver,
  type ReceiverHooks,
  type ReceiverOptions,
} from './receiver.js';
export { fetchHandler, middleware, nodeHandler, type MiddlewareRequest, type MiddlewareResponse } from './adapters.js';
export { encodeEvent, readCloudEvent, BadEvent, type CloudEventAttributes, type EncodeOptions, type IncomingEvent } from './veba.js';
export { objectsOf, taskIdOf, type EventObjects, type ObjectRef } from './objects.js';
export type {
  BaseEventShape,
  BaseOf,
  CatalogEntryLike,
  CatalogLike,
  ClassesOf,
  DataOf,
  DottedOf,
  EventModel,
  KnownId,
  PrefixDataOf,
} from './model.js';
