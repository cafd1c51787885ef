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
import { decode } from '@vcenter-sdk/runtime';
import { objectsOf, taskIdOf } from './objects.js';
import { inSpan } from './otel.js';
import { Routes } from './router.js';
import { BadEvent, readCloudEvent } from './veba.js';
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
export const answer = (status, body) => ({ status, headers: JSON_TYPE, body: JSON.stringify(body) });
function safely(fn) {
    try {
        fn?.();
    }
    catch {
        // a hook that throws never breaks a delivery
    }
}
function classOfBody(data) {
    if (typeof data.EventTypeId === 'string')
        return 'ManagedObject' in data ? 'ExtendedEvent' : 'EventEx';
    return 'Event';
}
export function createReceiver(o) {
    const model = o.events;
    if (!model || typeof model.ancestors !== 'object' || typeof model.catalog !== 'function') {
        throw new TypeError("createReceiver: 'events' must be an event model (import events from '@vcenter-sdk/events-data')");
    }
    if (o.decode !== undefined && !['report', 'strict', 'off'].includes(o.decode))
        throw new TypeError(`createReceiver: 'decode' must be report, strict or off, not ${JSON.stringify(o.decode)}`);
    const releaseInfo = o.release === undefined ? undefined : findRelease(model, o.release);
    const mode = o.decode ?? 'report';
    const hooks = o.hooks ?? {};
    const routes = new Routes();
    let catalogIds;
    const knownIds = () => (catalogIds ??= releaseInfo
        ? model.catalog(releaseInfo.name).then((c) => new Map((c?.entries ?? []).map((e) => [e.id, e.class])))
        : Promise.resolve(new Map()));
    /** The class an id decodes as, and whether the catalog (or the model) knows the id. */
    const resolve = async (id, data) => {
        if (releaseInfo) {
            const cls = (await knownIds()).get(id);
            if (cls && model.ancestors[cls])
                return { cls, known: true };
            return { cls: model.ancestors[id] ? id : classOfBody(data), known: false };
        }
        if (model.ancestors[id])
            return { cls: id, known: true };
        const dotted = model.dotted[id];
        if (dotted?.length === 1)
            return { cls: dotted[0], known: true };
        if (dotted?.length)
            return { cls: classOfBody(data), known: true };
        return { cls: classOfBody(data), known: false };
    };
    const release = releaseInfo?.name ?? 'any';
    const receiver = {
        maxBodyBytes: o.maxBodyBytes ?? 1024 * 1024,
        hooks,
        on(key, handler) {
            return routes.add(key, handler);
        },
        onAny(handler) {
            return routes.add(undefined, handler);
        },
        async receive(message) {
            let incoming;
            try {
                incoming = readCloudEvent(message.headers, message.body);
            }
            catch (e) {
                const text = e instanceof BadEvent ? e.message : `not a CloudEvent: ${e.message}`;
                safely(() => hooks.onRejected?.({ status: 400, message: text }));
                return answer(400, { error: text });
            }
            const data = incoming.data;
            const { cls, known } = await resolve(incoming.eventId, data);
            const issues = [];
            const report = (issue) => {
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
                }
                catch (e) {
                    const text = `event ${incoming.eventId} (${incoming.cloudEvent.id}) does not match class ${cls}: ${e.message}`;
                    safely(() => hooks.onRejected?.({ status: 400, message: text }));
                    return answer(400, { error: text });
                }
            }
            const ancestors = model.ancestors[cls] ?? [];
            const delivery = {
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
                    for (const h of handlers)
                        await h(delivery);
                });
            }
            catch (e) {
                safely(() => hooks.onError?.(e, delivery));
                return answer(500, { error: `a handler of ${incoming.eventId} failed (the error went to hooks.onError)`, id: incoming.cloudEvent.id });
            }
            return answer(200, { id: incoming.cloudEvent.id, event: incoming.eventId, class: cls, handlers: handlers.length, issues: issues.length });
        },
    };
    return receiver;
}
function findRelease(model, release) {
    const r = release.trim().toLowerCase();
    const found = model.releases.find((c) => c.name === r || c.version === r || r.startsWith(`${c.version}.`));
    if (!found)
        throw new TypeError(`createReceiver: no event catalog for release '${release}' (known: ${model.releases.map((c) => `${c.name} (${c.version})`).join(', ')})`);
    return found;
}
