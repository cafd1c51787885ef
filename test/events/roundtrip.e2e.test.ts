/**
 * Every standard event class round-trips: its generated sample body → a CloudEvent as VEBA
 * sends it (binary mode, com.vmware.vsphere.<Class>.v0) → HTTP to a loopback server → the
 * router → the handler registered under the class name → decoded against the class with no
 * issue. Then the same in structured mode with the event router's type scheme.
 */
import samples from '@vcenter-sdk/events-data/samples';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { encodeEvent, type Delivery, type EventIssue } from '@vcenter-sdk/events';
import { events, post, receiverWith, serve } from './helpers.js';

const classes = Object.keys(events.ancestors);
const received = new Map<string, Delivery>();
const issues: EventIssue[] = [];
const receiver = receiverWith({ hooks: { onDecodeIssue: (i) => issues.push(i) } });
for (const c of classes) receiver.on(c as 'Event', (d) => void received.set(`${d.mode}:${c}`, d));
let server: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => (server = await serve(receiver)));
afterAll(() => server.close());

it('the model has every event class of govmomi 0.24.2 and a sample for each', () => {
  expect(classes.length).toBe(443);
  expect(Object.keys(samples).sort()).toEqual([...classes].sort());
});

it.each([
  ['binary', { structured: false, scheme: 'vsphere' as const }],
  ['structured', { structured: true, scheme: 'router' as const }],
])('every class, %s mode: delivered to its own handler, decoded with no issue', async (mode, o) => {
  for (const c of classes) {
    const r = await post(server.url, encodeEvent(c, samples[c]!, { ...o, source: 'https://vc.example.com/sdk' }));
    expect(r.status, `${c}: ${r.text}`).toBe(200);
    const d = received.get(`${mode}:${c}`);
    expect(d, c).toBeDefined();
    expect(d!.eventClass).toBe(c);
    expect(d!.data).toEqual(samples[c]);
    expect(d!.issues, c).toEqual([]);
  }
  expect(issues).toEqual([]);
});
