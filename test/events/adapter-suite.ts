/**
 * What every adapter test posts and what it must answer, shared so that the fetch handler,
 * Express and Fastify are held to the same deliveries and the same error answers (an adapter
 * that answered a bad event differently would fail here, not in a copy of this table).
 *
 * `describeAdapterServer` is the suite for an adapter behind a real HTTP framework: it starts
 * the app on a loopback port 0, posts VEBA's CloudEvents to each of its routes, then the bad
 * inputs, and closes the server.
 */
import samples from '@vcenter-sdk/events-data/samples';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeEvent, type Receiver } from '@vcenter-sdk/events';
import { post, receiverWith, type events } from './helpers.js';

export const body = samples.VmPoweredOnEvent!;

/** The receiver limit every adapter test uses: the too-large case posts more than this. */
export const LIMIT = 16 * 1024;

/** A receiver with a typed `VmPoweredOnEvent` handler that records each delivery, and throws for the CloudEvent id `throw`. */
export function setup() {
  const seen: string[] = [];
  const errors: unknown[] = [];
  const receiver = receiverWith({ maxBodyBytes: LIMIT, hooks: { onError: (e) => errors.push(e) } });
  receiver.on('VmPoweredOnEvent', (e) => {
    if (e.cloudEvent.id === 'throw') throw new Error('nope');
    // e.data is typed by the key: a typo in a Go field name fails the type-check.
    // the time as sent (nanoseconds kept) and parsed, or none when the delivery has none
    const time = e.cloudEvent.time ? `${e.cloudEvent.time}=${e.cloudEvent.parsedTime?.toISOString()}` : 'no time';
    seen.push(`${e.mode}:${e.scheme}:${e.vm?.id}:${e.data.Vm?.Vm.Value}:${e.data.Template}:${time}`);
  });
  return { receiver, seen, errors };
}

/** Go's RFC 3339 time, as VEBA sends it, and its parsed value (a Date holds milliseconds). */
export const SENT_TIME = '2026-11-30T08:14:33.773581268Z';
const AS_SENT = `${SENT_TIME}=2026-11-30T08:14:33.773Z`;

/** VEBA's two modes in both of its type schemes (with a time, or none as VEBA's test scripts send), and what the handler records for each. */
export const deliveries = [
  {
    name: 'binary, com.vmware.vsphere.<id>.v0, ce-time',
    message: () => encodeEvent('VmPoweredOnEvent', body, { time: SENT_TIME }),
    seen: `binary:vsphere:vm-42:vm-42:false:${AS_SENT}`,
  },
  {
    name: 'structured, com.vmware.vsphere.<id>.v0, time',
    message: () => encodeEvent('VmPoweredOnEvent', body, { structured: true, time: SENT_TIME }),
    seen: `structured:vsphere:vm-42:vm-42:false:${AS_SENT}`,
  },
  {
    name: 'binary, event router + ce-subject, no time',
    message: () => encodeEvent('VmPoweredOnEvent', body, { scheme: 'router', time: false }),
    seen: 'binary:router:vm-42:vm-42:false:no time',
  },
  {
    name: 'structured, event router + subject, no time',
    message: () => encodeEvent('VmPoweredOnEvent', body, { structured: true, scheme: 'router', time: false }),
    seen: 'structured:router:vm-42:vm-42:false:no time',
  },
];

const NOT_A_CLOUD_EVENT =
  'not a CloudEvent: no ce-specversion header (binary mode) and the content type is not application/cloudevents+json (structured mode)';

function withType(type: string) {
  const m = encodeEvent('VmPoweredOnEvent', body);
  return { headers: { ...m.headers, 'ce-type': type }, body: m.body };
}

/** Bad input and the exact answer every adapter gives it (`thrown`: the handler threw, so onError got one more error). */
export const badInputs: {
  name: string;
  message: () => { headers: Record<string, string>; body: string };
  status: number;
  answer: Record<string, unknown> | RegExp;
  thrown?: true;
}[] = [
  {
    name: 'plain JSON, no ce-* headers',
    message: () => ({ headers: { 'content-type': 'application/json' }, body: '{}' }),
    status: 400,
    answer: { error: NOT_A_CLOUD_EVENT },
  },
  {
    name: 'plain text',
    message: () => ({ headers: { 'content-type': 'text/plain' }, body: 'hello' }),
    status: 400,
    answer: { error: NOT_A_CLOUD_EVENT },
  },
  {
    name: 'structured mode, body not JSON',
    message: () => ({ headers: { 'content-type': 'application/cloudevents+json' }, body: '{"specversion":' }),
    status: 400,
    answer: /^\{"error":"not a CloudEvent: the body is not valid JSON \(/,
  },
  {
    name: 'binary mode, a type that is not a vCenter event',
    message: () => withType('com.example.order.created'),
    status: 400,
    answer: {
      error:
        "CloudEvent type 'com.example.order.created' is not a vCenter event: expected com.vmware.vsphere.<EventId>.v0 or com.vmware.event.router/event with the id in ce-subject",
    },
  },
  {
    // express.json() makes an empty body `{}`; Fastify's JSON parser refuses it with its own 400.
    name: 'binary mode, empty body',
    message: () => ({ headers: encodeEvent('VmPoweredOnEvent', body, { id: 'empty' }).headers, body: '' }),
    status: 400,
    answer: { error: 'CloudEvent empty has no data: the body must be the JSON-encoded vCenter event' },
  },
  {
    name: 'a handler that throws',
    message: () => encodeEvent('VmPoweredOnEvent', body, { id: 'throw' }),
    status: 500,
    answer: { error: 'a handler of VmPoweredOnEvent failed (the error went to hooks.onError)', id: 'throw' },
    thrown: true,
  },
  {
    name: `a body over maxBodyBytes (${LIMIT})`,
    message: () => encodeEvent('VmPoweredOnEvent', { ...body, FullFormattedMessage: 'x'.repeat(LIMIT + 4096) }),
    status: 413,
    answer: { error: `the body is larger than the limit of ${LIMIT} bytes (maxBodyBytes)` },
  },
];

/** Asserts one answer against its row of `badInputs`. */
export function expectAnswer(row: (typeof badInputs)[number], status: number, text: string): void {
  expect(status, `${row.name}: ${text}`).toBe(row.status);
  if (row.answer instanceof RegExp) expect(text).toMatch(row.answer);
  else expect(JSON.parse(text)).toEqual(row.answer);
}

export interface Started {
  url: string;
  close(): Promise<void>;
}

/**
 * The suite of an adapter mounted in an HTTP framework: `start` mounts `receiver` on each of
 * `routes` (paths below `url`), listens on 127.0.0.1 port 0, and `close` stops it.
 */
export function describeAdapterServer(
  name: string,
  routes: readonly string[],
  start: (receiver: Receiver<typeof events>) => Promise<Started>,
): void {
  describe(name, () => {
    const { receiver, seen, errors } = setup();
    let server: Started;
    let closed = false;
    beforeAll(async () => {
      server = await start(receiver);
    });
    afterAll(async () => {
      if (!closed) await server.close();
    });

    it.each(routes)('%s: VEBA binary and structured mode, both type schemes, reach the typed handler', async (route) => {
      seen.length = 0;
      for (const d of deliveries) {
        const r = await post(`${server.url}${route}`, d.message());
        expect(r.status, `${d.name}: ${r.text}`).toBe(200);
        expect(r.json).toMatchObject({ event: 'VmPoweredOnEvent', class: 'VmPoweredOnEvent', handlers: 1, issues: 0 });
      }
      expect(seen).toEqual(deliveries.map((d) => d.seen));
    });

    it.each(routes)('%s: bad input gets the same answers as every adapter; throws go to onError; it keeps serving', async (route) => {
      const before = errors.length;
      for (const row of badInputs) {
        const r = await post(`${server.url}${route}`, row.message());
        expectAnswer(row, r.status, r.text);
      }
      expect(errors.length - before).toBe(badInputs.filter((b) => b.thrown).length);
      expect(errors.at(-1)).toMatchObject({ message: 'nope' });
      expect((await post(`${server.url}${route}`, deliveries[0]!.message())).status).toBe(200);
    });

    it('closes: the port no longer answers', async () => {
      await server.close();
      closed = true;
      await expect(fetch(`${server.url}${routes[0]}`, { method: 'POST', body: '{}' })).rejects.toThrow();
    });
  });
}
