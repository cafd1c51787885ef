/**
 * CloudEvents as VEBA sends them, both ways: reading an HTTP message (binary or structured
 * mode, through the `cloudevents` SDK) into the event id it carries, and writing one.
 *
 * Type schemes:
 * - `com.vmware.vsphere.<EventId>.v0` (VEBA 0.7 and later): the id is in the type;
 * - `com.vmware.event.router/event`, `/eventex`, `/extendedevent` (the older event router):
 *   the id is in `subject`.
 */
import { CloudEvent, HTTP, ValidationError } from 'cloudevents';
import { sentTime } from './internal/time.js';

export class BadEvent extends Error {
  override readonly name = 'BadEvent';
}

/** A delivery's CloudEvent attributes, as sent. */
export interface CloudEventAttributes {
  id: string;
  source: string;
  type: string;
  subject?: string;
  specversion: string;
  /** The `time` attribute as the sender wrote it (`…T08:14:33.773581268Z`); absent when the delivery has none. */
  time?: string;
  /** `time` as a `Date` (milliseconds: a `Date` holds no finer), when it is an RFC 3339 timestamp. */
  parsedTime?: Date;
}

export interface IncomingEvent {
  /** The vCenter event id: a class name (`VmPoweredOnEvent`) or a dotted id. */
  eventId: string;
  /** `vsphere` (com.vmware.vsphere.<id>.v0) or `router` (com.vmware.event.router/... + subject). */
  scheme: 'vsphere' | 'router';
  mode: 'binary' | 'structured';
  cloudEvent: CloudEventAttributes;
  /** The vCenter event: a JSON object. */
  data: unknown;
}

const VSPHERE_TYPE = /^com\.vmware\.vsphere\.(.+)\.v\d+$/;
const ROUTER_TYPE = /^com\.vmware\.event\.router\/(event|eventex|extendedevent)$/;

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Reads a CloudEvent from an HTTP message; a `BadEvent` (400) says why it is not one VEBA sends. */
export function readCloudEvent(headers: Record<string, string | string[] | undefined>, body: string): IncomingEvent {
  const lower: Record<string, string | string[] | undefined> = {};
  for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;
  const contentType = (header(lower, 'content-type') ?? '').toLowerCase();
  if (contentType.startsWith('application/cloudevents-batch+json'))
    throw new BadEvent('batched CloudEvents are not supported: send one event per request');
  const structured = contentType.startsWith('application/cloudevents+json');
  const { event, envelope } = toEvent(lower, body, structured);
  for (const attr of ['id', 'source', 'type'] as const) {
    if (typeof event[attr] !== 'string' || !event[attr]) throw new BadEvent(`not a valid CloudEvent: the '${attr}' attribute is missing`);
  }
  return {
    ...idOf(event),
    mode: structured ? 'structured' : 'binary',
    cloudEvent: {
      id: event.id,
      source: event.source,
      type: event.type,
      ...(event.subject ? { subject: event.subject } : {}),
      ...sentTime(structured ? envelope?.time : header(lower, 'ce-time')),
      specversion: event.specversion,
    },
    data: dataOf(event),
  };
}

/**
 * The SDK's reading of the message, and the structured envelope it came from (parsed here
 * once, so that its attributes are at hand as sent).
 */
function toEvent(
  lower: Record<string, string | string[] | undefined>,
  body: string,
  structured: boolean,
): { event: CloudEvent<unknown>; envelope: Record<string, unknown> | undefined } {
  try {
    if (!structured && !header(lower, 'ce-specversion')) {
      throw new BadEvent(
        'not a CloudEvent: no ce-specversion header (binary mode) and the content type is not application/cloudevents+json (structured mode)',
      );
    }
    const envelope: unknown = structured ? JSON.parse(body) : undefined;
    if (structured && (!envelope || typeof envelope !== 'object' || Array.isArray(envelope)))
      throw new BadEvent('not a CloudEvent: the structured-mode body is not a JSON object');
    const parsed = HTTP.toEvent({ headers: lower, body: structured ? envelope : body });
    if (Array.isArray(parsed)) throw new BadEvent('batched CloudEvents are not supported: send one event per request');
    const event = parsed as CloudEvent<unknown>;
    event.validate();
    return { event, envelope: envelope as Record<string, unknown> | undefined };
  } catch (e) {
    throw badEventOf(e);
  }
}

function badEventOf(e: unknown): BadEvent {
  if (e instanceof BadEvent) return e;
  if (e instanceof SyntaxError) return new BadEvent(`not a CloudEvent: the body is not valid JSON (${e.message})`);
  if (e instanceof ValidationError) {
    const details = (e.errors ?? [])
      .map((x) =>
        typeof x === 'string'
          ? x
          : `${(x as { instancePath?: string }).instancePath ?? ''} ${(x as { message?: string }).message ?? ''}`.trim(),
      )
      .filter(Boolean);
    return new BadEvent(`not a valid CloudEvent: ${e.message}${details.length ? ` (${details.join('; ')})` : ''}`);
  }
  return new BadEvent(`not a CloudEvent: ${(e as Error).message}`);
}

/** The vCenter event id a CloudEvent carries, by its type scheme. */
function idOf(event: CloudEvent<unknown>): Pick<IncomingEvent, 'eventId' | 'scheme'> {
  const v = VSPHERE_TYPE.exec(event.type);
  if (v) return { eventId: v[1]!, scheme: 'vsphere' };
  if (ROUTER_TYPE.test(event.type)) {
    if (!event.subject)
      throw new BadEvent(`CloudEvent of type '${event.type}' has no subject: the event router puts the vCenter event id there`);
    return { eventId: event.subject, scheme: 'router' };
  }
  throw new BadEvent(
    `CloudEvent type '${truncate(event.type)}' is not a vCenter event: expected com.vmware.vsphere.<EventId>.v0 or com.vmware.event.router/event with the id in ce-subject`,
  );
}

/** The vCenter event a CloudEvent carries: its data, a JSON object (base64 or a JSON string decoded). */
function dataOf(event: CloudEvent<unknown>): Record<string, unknown> {
  let data = event.data;
  if (data === undefined && event.data_base64 !== undefined) data = JSON.parse(Buffer.from(event.data_base64, 'base64').toString('utf8'));
  if (data === '') throw new BadEvent(`CloudEvent ${truncate(event.id)} has no data: the body must be the JSON-encoded vCenter event`);
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      throw new BadEvent(`CloudEvent ${truncate(event.id)}: its data is a string, not the JSON-encoded vCenter event`);
    }
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new BadEvent(`CloudEvent ${truncate(event.id)}: its data is not a JSON object (the vCenter event)`);
  return data as Record<string, unknown>;
}

function truncate(s: string): string {
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
}

export interface EncodeOptions {
  /** `https://<vcenter>/sdk` */
  source?: string;
  /** Structured mode (`application/cloudevents+json`) instead of binary (`ce-*` headers). */
  structured?: boolean;
  /** `vsphere` (default): `com.vmware.vsphere.<EventId>.v0`; `router`: the event router's type with the id in `subject`. */
  scheme?: 'vsphere' | 'router';
  /** The event router's type suffix for `router`: `event` (default), `eventex` or `extendedevent`. */
  routerKind?: 'event' | 'eventex' | 'extendedevent';
  id?: string;
  /**
   * The `time` attribute, sent exactly as given (nanoseconds too). Default: the current time;
   * `false`: none, as VEBA's own test scripts send.
   */
  time?: string | false;
}

/** An HTTP message carrying a vCenter event as VEBA sends it: headers and body to POST. */
export function encodeEvent(eventId: string, data: object, o: EncodeOptions = {}): { headers: Record<string, string>; body: string } {
  const router = o.scheme === 'router';
  const event = new CloudEvent({
    ...(o.id ? { id: o.id } : {}),
    source: o.source ?? 'https://vcenter.example.com/sdk',
    type: router ? `com.vmware.event.router/${o.routerKind ?? 'event'}` : `com.vmware.vsphere.${eventId}.v0`,
    ...(router ? { subject: eventId } : {}),
    datacontenttype: 'application/json',
    data,
  });
  const m = o.structured ? HTTP.structured(event) : HTTP.binary(event);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers)) if (typeof v === 'string') headers[k] = v;
  if (o.time === undefined) return { headers, body: String(m.body) };
  // the SDK rounds a time to milliseconds and always sends one: the attribute is set here as given
  if (!o.structured) {
    delete headers['ce-time'];
    return { headers: { ...headers, ...(o.time === false ? {} : { 'ce-time': o.time }) }, body: String(m.body) };
  }
  const { time: _, ...envelope } = JSON.parse(String(m.body)) as Record<string, unknown>;
  return { headers, body: JSON.stringify(o.time === false ? envelope : { ...envelope, time: o.time }) };
}
