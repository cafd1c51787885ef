/**
 * `cloudEvent.time` as the sender wrote it: absent when the delivery has none (VEBA's own
 * test scripts send no ce-time), the string kept to the nanosecond, and `parsedTime` beside
 * it when it is an RFC 3339 timestamp. (adapter-suite.ts holds every adapter to the same.)
 */
import { describe, expect, it } from 'vitest';
import samples from '@vcenter-sdk/events-data/samples';
import { encodeEvent, type Delivery } from '@vcenter-sdk/events';
import { post, receiverWith, serve } from './helpers.js';

const body = samples.VmPoweredOnEvent!;

async function deliver(message: { headers: Record<string, string>; body: string }): Promise<Delivery['cloudEvent']> {
  const rx = receiverWith();
  let seen: Delivery['cloudEvent'] | undefined;
  rx.onAny((e) => void (seen = e.cloudEvent));
  const r = await rx.receive(message);
  expect(r.status, r.body).toBe(200);
  return seen!;
}

/** The headers VEBA's function examples' send-cloudevent-test.sh posts: no ce-time. */
const vebaTestScript = {
  'content-type': 'application/json',
  'ce-specversion': '1.0',
  'ce-id': '6a1f4d0c-0d5e-4c55-9a51-2f8e2b0c7a11',
  'ce-source': 'https://vcenter.local/sdk',
  'ce-type': 'com.vmware.event.router/event',
  'ce-subject': 'VmPoweredOnEvent',
};

describe('a delivery without a time', () => {
  it('binary mode, as VEBA’s test scripts post it, through a real server: no time, no parsedTime', async () => {
    const rx = receiverWith();
    const seen: Delivery['cloudEvent'][] = [];
    rx.onAny((e) => void seen.push(e.cloudEvent));
    const server = await serve(rx);
    try {
      const r = await post(server.url, { headers: vebaTestScript, body: JSON.stringify(body) });
      expect(r.status, r.text).toBe(200);
    } finally {
      await server.close();
    }
    expect(seen).toHaveLength(1);
    expect('time' in seen[0]!).toBe(false);
    expect('parsedTime' in seen[0]!).toBe(false);
  });

  it('structured mode: no time either', async () => {
    const ce = await deliver(encodeEvent('VmPoweredOnEvent', body, { structured: true, time: false }));
    expect(Object.keys(ce).sort()).toEqual(['id', 'source', 'specversion', 'type']);
  });
});

describe('a delivery with a time', () => {
  it.each([
    ['binary', false],
    ['structured', true],
  ])('%s mode: the sender’s string, nanoseconds included, and the parsed Date', async (_mode, structured) => {
    const ce = await deliver(encodeEvent('VmPoweredOnEvent', body, { structured, time: '2026-11-30T08:14:33.773581268Z' }));
    expect(ce.time).toBe('2026-11-30T08:14:33.773581268Z');
    expect(ce.parsedTime).toBeInstanceOf(Date);
    expect(ce.parsedTime!.toISOString()).toBe('2026-11-30T08:14:33.773Z');
  });

  it('an offset is kept as written and parsed to the same instant', async () => {
    const ce = await deliver(encodeEvent('VmPoweredOnEvent', body, { time: '2026-11-30T10:14:33.5+02:00' }));
    expect(ce.time).toBe('2026-11-30T10:14:33.5+02:00');
    expect(ce.parsedTime!.toISOString()).toBe('2026-11-30T08:14:33.500Z');
  });

  it.each(['yesterday', '2026-11-30', '1764490473'])('%s (not RFC 3339): kept as sent, no parsedTime, still delivered', async (time) => {
    const ce = await deliver({ headers: { ...vebaTestScript, 'ce-time': time }, body: JSON.stringify(body) });
    expect(ce.time).toBe(time);
    expect('parsedTime' in ce).toBe(false);
  });

  it('encodeEvent sends the time exactly as given, in either mode', () => {
    const time = '2026-11-30T08:14:33.773581268Z';
    expect(encodeEvent('VmPoweredOnEvent', body, { time }).headers['ce-time']).toBe(time);
    expect(JSON.parse(encodeEvent('VmPoweredOnEvent', body, { time, structured: true }).body).time).toBe(time);
    expect(encodeEvent('VmPoweredOnEvent', body, { time: false }).headers['ce-time']).toBeUndefined();
  });
});
