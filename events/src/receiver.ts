/**
 * The receiver: one CloudEvent in (headers and body, from any adapter), the typed delivery
 * out to the handlers, an HTTP answer back. Transport-agnostic; adapters.ts binds it to
 * node:http, fetch and Express/Fastify.
 *
 * Decoding follows the SDK's policy (`@vcenter-sdk/runtime`'s `decode`): `report` (default)
 * delivers the body as received and passes each deviation to `hooks.onDecodeIssue`;
 * `strict` answers 400 instead of delivering; `off` skips it. An id that is not in the
 * catalog is still delivered, as the class its body shows (`ExtendedEvent` when it has
 * `EventTypeId` and `ManagedObject`, `EventEx` with `EventTypeId`, else `Event`), and reported.
 */
import { decode, type DecodeIssue, type DecodeIssueCode, type DecodeMode } from '@vcenter-sdk/runtime';
import type { BaseOf, DataOf, EventModel, KnownId, PrefixDataOf } from './model.js';
import { objectsOf, taskIdOf, type EventObjects } from './objects.js';
import { inSpan } from './otel.js';
import { Routes, type AnyHandler } from './router.js';
import { BadEvent, readCloudEvent, type IncomingEvent } from './veba.js';

export interface EventIssue extends Omit<DecodeIssue, 'code'> {
  /** `unknown_event`: an id in neither the catalog nor the model; the rest as `decode` reports them. */
  code: DecodeIssueCode | 'unknown_event';
}

/** What a handler receives: the vCenter event, typed by the key the handler was registered under. */
export interface Delivery<Data = unknown> extends EventObjects {
  /** The vCenter event id: `VmPoweredOnEvent`, `com.vmware.vc.ha.VmRestartedByHAEvent`. */
  eventId: string;
  /** The class the body was decoded as: the id itself, or `EventEx`, `ExtendedEvent`, `Event`. */
  eventClass: string;
  /** The vCenter event (Go field names, as VEBA sends it). */
  data: Data;
  /** The CloudEvent's attributes. */
  cloudEvent: IncomingEvent['cloudEvent'];
  mode: IncomingEvent['mode'];
  scheme: IncomingEvent['scheme'];
  /** What decoding reported (empty when the body matches its class). */
  issues: readonly EventIssue[];
}

export interface ReceiverHooks {
  /** Each decoding deviation, and each id that is neither in the catalog nor the model. */
  onDecodeIssue?: (issue: EventIssue) => void;
  /** A handler threw (the request is answered 500), or an adapter failed. */
  onError?: (error: unknown, delivery: Delivery | undefined) => void;
  /** A request that was not a CloudEvent VEBA sends (answered 4xx); `message` is the answer's text. */
  onRejected?: (info: { status: number; message: string }) => void;
}

export interface ReceiverOptions<M extends EventModel> {
  /** The event model: `import events from '@vcenter-sdk/events-data'`. */
  events: M;
  /** Default `report`. */
  decode?: DecodeMode;
  /**
   * The vCenter release whose catalog says which ids exist: `8.0u3` or `8.0.3`. Default: any
   * id of any catalog (and every class of the model) is known.
   */
  release?: string;
  hooks?: ReceiverHooks;
  /** Default true: a span per delivery when `@opentelemetry/api` is installed. */
  tracing?: boolean;
  /** Bodies larger than this are refused with 413. Default 1 MiB. */
  maxBodyBytes?: number;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A handler of bodies of type `Data`. */
export type Handler<Data> = (delivery: Delivery<Data>) => unknown;

export interface Receiver<M extends EventModel> {
  /**
   * Handle events by class name (subclasses too) or dotted id, typed by the key. Returns a
   * function that removes the handler. (`NoInfer`: the key alone fixes `K`.)
   */
  on<K extends KnownId<M>>(key: K, handler: Handler<DataOf<M, NoInfer<K>>>): () => void;
  /** Handle every id that starts with the prefix (case-sensitive). */
  on<P extends string>(pattern: `${P}*`, handler: Handler<PrefixDataOf<M, NoInfer<P>>>): () => void;
  /** An id in neither the catalogs nor the model: typed as the base class. */
  on(key: string, handler: Handler<BaseOf<M>>): () => void;
  /** Every event, typed as the base class. */
  onAny(handler: (delivery: Delivery<BaseOf<M>>) => unknown): () => void;
  /** One HTTP message in, its answer out: what every adapter calls. Never throws. */
  receive(message: { headers: Record<string, string | string[] | undefined>; body: string }): Promise<HttpAnswer>;
  readonly maxBodyBytes: number;
  readonly hooks: ReceiverHooks;
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
export const answer = (status: number, body: object): HttpAnswer => ({ status, headers: JSON_TYPE, body: JSON.stringify(body) });

/** Runs a hook; a hook that throws never breaks a delivery or an answer. */
export function safely(fn: (() => void) | undefined): void {
  try {
    fn?.();
  } catch {
    // a hook that throws never breaks a delivery
  }
}

function classOfBody(data: Record<string, unknown>): string {
  if (typeof data.EventTypeId === 'string') return 'ManagedObject' in data ? 'ExtendedEvent' : 'EventEx';
  return 'Event';
}

export function createReceiver<M extends EventModel>(o: ReceiverOptions<M>): Receiver<M> {
  const model = o.events;
  if (!model || typeof model.ancestors !== 'object' || typeof model.catalog !== 'function') {
    throw new TypeError("createReceiver: 'events' must be an event model (import events from '@vcenter-sdk/events-data')");
  }
  if (o.decode !== undefined && !['report', 'strict', 'off'].includes(o.decode))
    throw new TypeError(`createReceiver: 'decode' must be report, strict or off, not ${JSON.stringify(o.decode)}`);
  const releaseInfo = o.release === undefined ? undefined : findRelease(model, o.release);
  const mode: DecodeMode = o.decode ?? 'report';
  const hooks = o.hooks ?? {};
  const routes = new Routes();
  let catalogIds: Promise<Map<string, string>> | undefined;
  const knownIds = () =>
    (catalogIds ??= releaseInfo
      ? model.catalog(releaseInfo.name).then((c) => new Map((c?.entries ?? []).map((e) => [e.id, e.class])))
      : Promise.resolve(new Map()));

  /** The class an id decodes as, and whether the catalog (or the model) knows the id. */
  const resolve = async (id: string, data: Record<string, unknown>): Promise<{ cls: string; known: boolean }> => {
    if (releaseInfo) {
      const cls = (await knownIds()).get(id);
      if (cls && model.ancestors[cls]) return { cls, known: true };
      return { cls: model.ancestors[id] ? id : classOfBody(data), known: false };
    }
    if (model.ancestors[id]) return { cls: id, known: true };
    const dotted = model.dotted[id];
    if (dotted?.length === 1) return { cls: dotted[0]!, known: true };
    if (dotted?.length) return { cls: classOfBody(data), known: true };
    return { cls: classOfBody(data), known: false };
  };

  const release = releaseInfo?.name ?? 'any';

  const receiver: Receiver<M> = {
    maxBodyBytes: o.maxBodyBytes ?? 1024 * 1024,
    hooks,
    on(key: string, handler: AnyHandler) {
      return routes.add(key, handler);
    },
    onAny(handler) {
      return routes.add(undefined, handler as AnyHandler);
    },
    async receive(message) {
      let incoming: IncomingEvent;
      try {
        incoming = readCloudEvent(message.headers, message.body);
      } catch (e) {
        const text = e instanceof BadEvent ? e.message : `not a CloudEvent: ${(e as Error).message}`;
        safely(() => hooks.onRejected?.({ status: 400, message: text }));
        return answer(400, { error: text });
      }
      const data = incoming.data as Record<string, unknown>;
      const { cls, known } = await resolve(incoming.eventId, data);
      const issues: EventIssue[] = [];
      const report = (issue: EventIssue) => {
        issues.push(issue);
        safely(() => hooks.onDecodeIssue?.(issue));
      };
      if (!known) {
        report({
          operation: incoming.eventId,
          release,
          path: '$',
          keys: [],
          code: 'unknown_event',
          message: `event id '${incoming.eventId}' is not in the ${releaseInfo ? `${releaseInfo.name} catalog` : 'catalogs or the data model'}; delivered as ${cls}`,
        });
      }
      const schema = model.schemas[cls];
      if (schema && mode !== 'off') {
        try {
          decode(schema, data, { mode, operation: incoming.eventId, release, onIssue: (i) => report(i) });
        } catch (e) {
          const text = `event ${incoming.eventId} (${incoming.cloudEvent.id}) does not match class ${cls}: ${(e as Error).message}`;
          safely(() => hooks.onRejected?.({ status: 400, message: text }));
          return answer(400, { error: text });
        }
      }
      const ancestors = model.ancestors[cls] ?? [];
      const delivery: Delivery = {
        ...objectsOf(data),
        eventId: incoming.eventId,
        eventClass: cls,
        data,
        cloudEvent: incoming.cloudEvent,
        mode: incoming.mode,
        scheme: incoming.scheme,
        issues,
      };
      const handlers = routes.match(incoming.eventId, cls, ancestors);
      const attrs = {
        'vsphere.event.type': incoming.eventId,
        'vsphere.event.class': cls,
        'vsphere.event.key': typeof data.Key === 'number' ? data.Key : undefined,
        'vsphere.event.source': incoming.cloudEvent.source,
        'vsphere.task.id': cls === 'TaskEvent' || ancestors.includes('TaskEvent') ? taskIdOf(data) : undefined,
        'cloudevents.event_id': incoming.cloudEvent.id,
        'cloudevents.event_type': incoming.cloudEvent.type,
      };
      try {
        await inSpan(o.tracing !== false, `vsphere.event ${incoming.eventId}`, attrs, async () => {
          for (const h of handlers) await (h as (d: Delivery) => unknown)(delivery);
        });
      } catch (e) {
        safely(() => hooks.onError?.(e, delivery));
        return answer(500, {
          error: `a handler of ${incoming.eventId} failed (the error went to hooks.onError)`,
          id: incoming.cloudEvent.id,
        });
      }
      return answer(200, {
        id: incoming.cloudEvent.id,
        event: incoming.eventId,
        class: cls,
        handlers: handlers.length,
        issues: issues.length,
      });
    },
  };
  return receiver;
}

function findRelease(model: EventModel, release: string): { name: string; version: string } {
  const r = release.trim().toLowerCase();
  const found = model.releases.find((c) => c.name === r || c.version === r || r.startsWith(`${c.version}.`));
  if (!found)
    throw new TypeError(
      `createReceiver: no event catalog for release '${release}' (known: ${model.releases.map((c) => `${c.name} (${c.version})`).join(', ')})`,
    );
  return found;
}
