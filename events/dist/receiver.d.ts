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
import { type DecodeIssue, type DecodeIssueCode, type DecodeMode } from '@vcenter-sdk/runtime';
import type { BaseOf, DataOf, EventModel, KnownId, PrefixDataOf } from './model.js';
import { type EventObjects } from './objects.js';
import { type IncomingEvent } from './veba.js';
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
    onRejected?: (info: {
        status: number;
        message: string;
    }) => void;
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
    receive(message: {
        headers: Record<string, string | string[] | undefined>;
        body: string;
    }): Promise<HttpAnswer>;
    readonly maxBodyBytes: number;
    readonly hooks: ReceiverHooks;
}
export declare const answer: (status: number, body: object) => HttpAnswer;
export declare function createReceiver<M extends EventModel>(o: ReceiverOptions<M>): Receiver<M>;
