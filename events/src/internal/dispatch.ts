/**
 * Handing a classified, checked event to its handlers: the delivery they receive, and the
 * handlers run one after the other inside the delivery's span.
 */
import type { Delivery, EventIssue } from '../receiver.js';
import { objectsOf, taskIdOf } from '../objects.js';
import { inSpan } from '../otel.js';
import type { Routes } from '../router.js';
import type { IncomingEvent } from '../veba.js';

/** What the handlers receive: the event, its class, its objects as REST ids and what was reported. */
export function deliveryOf(incoming: IncomingEvent, cls: string, issues: readonly EventIssue[]): Delivery {
  return {
    ...objectsOf(incoming.data),
    eventId: incoming.eventId,
    eventClass: cls,
    data: incoming.data,
    cloudEvent: incoming.cloudEvent,
    mode: incoming.mode,
    scheme: incoming.scheme,
    issues,
  };
}

export type Dispatched = { handlers: number; error?: undefined } | { handlers: number; error: { thrown: unknown } };

/** Runs the handlers `routes` match for the delivery of class `cls` (its ancestors too); a throw ends the run. */
export async function dispatch(routes: Routes, delivery: Delivery, ancestors: readonly string[], tracing: boolean): Promise<Dispatched> {
  const { eventId, eventClass: cls, cloudEvent } = delivery;
  const data = delivery.data as Record<string, unknown>;
  const handlers = routes.match(eventId, cls, ancestors);
  const attrs = {
    'vsphere.event.type': eventId,
    'vsphere.event.class': cls,
    'vsphere.event.key': typeof data.Key === 'number' ? data.Key : undefined,
    'vsphere.event.source': cloudEvent.source,
    'vsphere.task.id': cls === 'TaskEvent' || ancestors.includes('TaskEvent') ? taskIdOf(data) : undefined,
    'cloudevents.event_id': cloudEvent.id,
    'cloudevents.event_type': cloudEvent.type,
  };
  try {
    await inSpan(tracing, `vsphere.event ${eventId}`, attrs, async () => {
      for (const h of handlers) await (h as (d: Delivery) => unknown)(delivery);
    });
    return { handlers: handlers.length };
  } catch (thrown) {
    return { handlers: handlers.length, error: { thrown } };
  }
}
