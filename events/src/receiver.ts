/**
 * The receiver: one CloudEvent in (headers and body, from any adapter), the typed delivery
 * out to the handlers, an HTTP answer back. Transport-agnostic; adapters.ts binds it to
 * node:http, fetch and Express/Fastify. Each step is a module of its own: reading the
 * delivery (veba.ts), its class (internal/classify.ts), the decode policy
 * (internal/check.ts), the handlers (internal/dispatch.ts) and the answer (internal/answers.ts).
 *
 * Decoding follows the SDK's policy (`@vcenter-sdk/runtime`'s `decode`): `report` (default)
 * delivers the body as received and passes each deviation to `hooks.onDecodeIssue`;
 * `strict` answers 400 instead of delivering; `off` skips it.
 */
import type { DecodeIssue, DecodeIssueCode, DecodeMode } from '@vcenter-sdk/runtime';
import { delivered, failed, refused, rejected, safely } from './internal/answers.js';
import { checkBody } from './internal/check.js';
import { classifier, findRelease } from './internal/classify.js';
import { deliveryOf, dispatch } from './internal/dispatch.js';
import type { BaseOf, DataOf, EventModel, KnownId, PrefixDataOf } from './model.js';
import type { EventObjects } from './objects.js';
import { Routes, type AnyHandler } from './router.js';
import { BadEvent, readCloudEvent, type IncomingEvent } from './veba.js';

export interface EventIssue extends Omit<DecodeIssue, 'code'> {
  /**
   * `unknown_event`: an id in neither the catalog nor the model. `class_mismatch`: the body is
   * the other generic class than the one the catalog names (an `EventEx` body for an id listed
   * as `ExtendedEvent`, or the reverse); it is delivered as the body's class (`received`), not
   * the catalog's (`expected`), and `strict` does not refuse it. The rest as `decode` reports them.
   */
  code: DecodeIssueCode | 'unknown_event' | 'class_mismatch';
}

/** What a handler receives: the vCenter event, typed by the key the handler was registered under. */
export interface Delivery<Data = unknown> extends EventObjects {
  /** The vCenter event id: `VmPoweredOnEvent`, `com.vmware.vc.ha.VmRestartedByHAEvent`. */
  eventId: string;
  /**
   * The class the body was decoded and routed as: the id itself, or `EventEx`, `ExtendedEvent`,
   * `Event`. For a dotted id, the catalog's class unless the body is the other generic class.
   */
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

const VALID_MODES: readonly DecodeMode[] = ['report', 'strict', 'off'];

function checkOptions<M extends EventModel>(o: ReceiverOptions<M>): void {
  const model = o.events;
  if (!model || typeof model.ancestors !== 'object' || typeof model.catalog !== 'function') {
    throw new TypeError("createReceiver: 'events' must be an event model (import events from '@vcenter-sdk/events-data')");
  }
  if (o.decode !== undefined && !VALID_MODES.includes(o.decode))
    throw new TypeError(`createReceiver: 'decode' must be report, strict or off, not ${JSON.stringify(o.decode)}`);
}

/** The event a message carries, or the 400 that says why it carries none. */
function parse(message: { headers: Record<string, string | string[] | undefined>; body: string }, hooks: ReceiverHooks) {
  try {
    return { incoming: readCloudEvent(message.headers, message.body) };
  } catch (e) {
    return { answer: rejected(hooks, e instanceof BadEvent ? e.message : `not a CloudEvent: ${(e as Error).message}`) };
  }
}

export function createReceiver<M extends EventModel>(o: ReceiverOptions<M>): Receiver<M> {
  checkOptions(o);
  const model = o.events;
  const release = o.release === undefined ? undefined : findRelease(model, o.release);
  const classify = classifier(model, release);
  const mode: DecodeMode = o.decode ?? 'report';
  const hooks = o.hooks ?? {};
  const routes = new Routes();

  return {
    maxBodyBytes: o.maxBodyBytes ?? 1024 * 1024,
    hooks,
    on(key: string, handler: AnyHandler) {
      return routes.add(key, handler);
    },
    onAny(handler) {
      return routes.add(undefined, handler as AnyHandler);
    },
    async receive(message) {
      const parsed = parse(message, hooks);
      if (!parsed.incoming) return parsed.answer;
      const { incoming } = parsed;
      const issues: EventIssue[] = [];
      const report = (issue: EventIssue) => {
        issues.push(issue);
        safely(() => hooks.onDecodeIssue?.(issue));
      };
      const data = incoming.data as Record<string, unknown>;
      const cls = await classify(incoming.eventId, data, report);
      const operation = incoming.eventId;
      const deviations = checkBody(model, cls, data, { mode, operation, release: release?.name ?? 'any', onIssue: report });
      if (deviations)
        return refused(hooks, { eventId: operation, cloudEventId: incoming.cloudEvent.id, cls, reported: issues, deviations });
      const delivery = deliveryOf(incoming, cls, issues);
      const run = await dispatch(routes, delivery, model.ancestors[cls] ?? [], o.tracing !== false);
      return run.error ? failed(hooks, run.error.thrown, delivery) : delivered(delivery, run.handlers);
    },
  };
}
