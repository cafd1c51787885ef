/**
 * The receiver's policies: bad input (not a CloudEvent, not a vCenter event, a handler that
 * throws, a body over the limit, a method other than POST), ids not in the catalog, the
 * decode policy (report / strict / off, issues to the hook), release catalogs by either
 * name, and routing (ancestors, prefix patterns, onAny, removal, order).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import samples from '@vcenter-sdk/events-data/samples';
import { createReceiver, encodeEvent, type EventIssue } from '@vcenter-sdk/events';
import { type events, post, receiverWith, serve } from './helpers.js';

const vmOn = () => structuredClone(samples.VmPoweredOnEvent!) as Record<string, any>;

describe('bad input', () => {
  const errors: unknown[] = [];
  const rejected: { status: number; message: string }[] = [];
  const receiver = receiverWith({
    maxBodyBytes: 64 * 1024,
    hooks: { onError: (e) => errors.push(e), onRejected: (r) => rejected.push(r) },
  });
  const boom = new Error('handler broke');
  receiver.on('VmPoweredOnEvent', (e) => {
    if (e.data.Vm?.Name === 'explode') throw boom;
  });
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => (server = await serve(receiver)));
  afterAll(() => server.close());

  it.each([
    [
      'plain JSON, no ce- headers',
      { headers: { 'content-type': 'application/json' }, body: '{"Key":1}' },
      /not a CloudEvent: no ce-specversion header/,
    ],
    ['structured mode, body not JSON', { headers: { 'content-type': 'application/cloudevents+json' }, body: '{nope' }, /not valid JSON/],
    [
      'binary mode, ce-type missing',
      { headers: { 'content-type': 'application/json', 'ce-specversion': '1.0', 'ce-id': '1', 'ce-source': 'x' }, body: '{}' },
      /'type'/,
    ],
    [
      'binary mode, ce-source missing',
      {
        headers: {
          'content-type': 'application/json',
          'ce-specversion': '1.0',
          'ce-id': '1',
          'ce-type': 'com.vmware.vsphere.VmPoweredOnEvent.v0',
        },
        body: '{}',
      },
      /'source'|source/,
    ],
    [
      'a CloudEvent that is not a vCenter event',
      {
        headers: {
          'content-type': 'application/json',
          'ce-specversion': '1.0',
          'ce-id': '1',
          'ce-source': 'x',
          'ce-type': 'dev.knative.ping',
        },
        body: '{}',
      },
      /'dev.knative.ping' is not a vCenter event/,
    ],
    [
      'the event router type without a subject',
      {
        headers: {
          'content-type': 'application/json',
          'ce-specversion': '1.0',
          'ce-id': '1',
          'ce-source': 'x',
          'ce-type': 'com.vmware.event.router/event',
        },
        body: '{}',
      },
      /has no subject/,
    ],
    [
      'data that is not an object',
      {
        headers: {
          'content-type': 'application/json',
          'ce-specversion': '1.0',
          'ce-id': '1',
          'ce-source': 'x',
          'ce-type': 'com.vmware.vsphere.VmPoweredOnEvent.v0',
        },
        body: '[1,2]',
      },
      /not a JSON object/,
    ],
  ])('%s: 400 with a clear message', async (_name, m, message) => {
    const before = rejected.length;
    const r = await post(server.url, m);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(message);
    expect(rejected.length).toBe(before + 1);
  });

  it('a handler that throws: 500, the error to onError, and the server keeps serving', async () => {
    const body = vmOn();
    body.Vm.Name = 'explode';
    const r = await post(server.url, encodeEvent('VmPoweredOnEvent', body));
    expect(r.status).toBe(500);
    expect(r.json.error).toMatch(/handler of VmPoweredOnEvent failed/);
    expect(r.text).not.toContain('handler broke');
    expect(errors).toContain(boom);
    const ok = await post(server.url, encodeEvent('VmPoweredOnEvent', vmOn()));
    expect(ok.status).toBe(200);
  });

  it('a body over maxBodyBytes is refused with 413, declared or streamed; the server keeps serving', async () => {
    const big = vmOn();
    big.FullFormattedMessage = 'x'.repeat(100 * 1024);
    const r = await post(server.url, encodeEvent('VmPoweredOnEvent', big));
    expect(r.status).toBe(413);
    expect(r.json.error).toMatch(/larger than the limit of 65536 bytes/);
    // chunked, no content-length
    const m = encodeEvent('VmPoweredOnEvent', big);
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(m.body));
        c.close();
      },
    });
    const r2 = await fetch(server.url, { method: 'POST', headers: m.headers, body: stream, duplex: 'half' } as RequestInit);
    expect(r2.status).toBe(413);
    expect((await post(server.url, encodeEvent('VmPoweredOnEvent', vmOn()))).status).toBe(200);
  });

  it('GET is 405', async () => {
    const r = await fetch(server.url);
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('POST');
  });

  it('hooks that throw never break a delivery', async () => {
    const rx = receiverWith({
      hooks: {
        onDecodeIssue: () => {
          throw new Error('hook');
        },
        onRejected: () => {
          throw new Error('hook');
        },
      },
    });
    const body = vmOn();
    delete body.Template;
    expect((await rx.receive(encodeEvent('VmPoweredOnEvent', body))).status).toBe(200);
    expect((await rx.receive({ headers: {}, body: 'x' })).status).toBe(400);
    // onError and onRejected throwing behind a server: still answered (500, 413)
    const hostile = receiverWith({
      maxBodyBytes: 1024,
      hooks: {
        onError: () => {
          throw new Error('hook');
        },
        onRejected: () => {
          throw new Error('hook');
        },
      },
    });
    hostile.on('VmPoweredOnEvent', () => {
      throw new Error('handler');
    });
    const s = await serve(hostile);
    try {
      expect((await post(s.url, encodeEvent('VmPoweredOnEvent', vmOn()))).status).toBe(500);
      expect((await post(s.url, encodeEvent('VmPoweredOnEvent', { ...vmOn(), FullFormattedMessage: 'x'.repeat(4096) }))).status).toBe(413);
    } finally {
      await s.close();
    }
  });
});

describe('ids not in the catalog, decode policy, releases', () => {
  it('an unknown dotted id is delivered, typed as the class its body shows, and reported', async () => {
    const issues: EventIssue[] = [];
    const rx = receiverWith({ hooks: { onDecodeIssue: (i) => issues.push(i) } });
    const seen: string[] = [];
    rx.on('EventEx', (e) => void seen.push(`${e.eventId}:${e.eventClass}:${e.data.EventTypeId}`));
    rx.onAny((e) => void seen.push(`any:${e.data.Key}`));
    const body = { ...(samples.EventEx as object), EventTypeId: 'com.example.custom.Thing' };
    const r = await rx.receive(encodeEvent('com.example.custom.Thing', body));
    expect(r.status).toBe(200);
    expect(seen).toEqual(['com.example.custom.Thing:EventEx:com.example.custom.Thing', 'any:9001']);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'unknown_event', operation: 'com.example.custom.Thing', path: '$' });
    expect(issues[0]!.message).toMatch(/not in the catalogs or the data model; delivered as EventEx/);
  });

  it('with a release, the catalog of that release decides (8.0u3 and 8.0.3 name the same one)', async () => {
    const id = 'com.vmware.cis.CreatePermission'; // in 8.0u3, not in 6.7u3
    const body = { ...(samples.EventEx as object), EventTypeId: id };
    for (const [release, reported] of [
      ['8.0u3', 0],
      ['8.0.3', 0],
      ['6.7u3', 1],
      ['6.7.3', 1],
    ] as const) {
      const issues: EventIssue[] = [];
      const rx = receiverWith({ release, hooks: { onDecodeIssue: (i) => issues.push(i) } });
      let cls = '';
      rx.on(id, (e) => void (cls = e.eventClass));
      expect((await rx.receive(encodeEvent(id, body))).status).toBe(200);
      expect(cls, release).toBe('EventEx');
      expect(
        issues.filter((i) => i.code === 'unknown_event'),
        release,
      ).toHaveLength(reported);
    }
    expect(() => receiverWith({ release: '5.5' })).toThrow(/no event catalog for release '5.5' \(known: 6.7u3 \(6.7.3\),/);
  });

  it('report (default): deviations go to onDecodeIssue and the body is delivered as received', async () => {
    const issues: EventIssue[] = [];
    const rx = receiverWith({ hooks: { onDecodeIssue: (i) => issues.push(i) } });
    let data: unknown;
    rx.on('VmPoweredOnEvent', (e) => void (data = e.data));
    const body = vmOn();
    body.Key = 'not-a-number';
    delete body.Template;
    expect((await rx.receive(encodeEvent('VmPoweredOnEvent', body))).status).toBe(200);
    expect(data).toEqual(body);
    expect(issues.map((i) => [i.path, i.code]).sort()).toEqual([
      ['$.Key', 'invalid_type'],
      ['$.Template', 'missing_required'],
    ]);
    expect(issues[0]).toMatchObject({ operation: 'VmPoweredOnEvent', release: 'any' });
  });

  it('strict: a body that does not match its class is a 400 and no handler runs; off: no check', async () => {
    const body = vmOn();
    body.Key = 'not-a-number';
    let calls = 0;
    const strict = receiverWith({ decode: 'strict' });
    strict.on('VmPoweredOnEvent', () => void calls++);
    const r = await strict.receive(encodeEvent('VmPoweredOnEvent', body, { id: 'ev-1' }));
    expect(r.status).toBe(400);
    // the answer's fields as README.md documents them; it speaks of the event, not of a response
    expect(JSON.parse(r.body)).toEqual({
      error:
        "the event VmPoweredOnEvent (CloudEvent ev-1) does not match its class VmPoweredOnEvent: $.Key: expected number, received string. No handler ran (decode: 'strict'; 'report' delivers it and passes each deviation to hooks.onDecodeIssue)",
      id: 'ev-1',
      event: 'VmPoweredOnEvent',
      class: 'VmPoweredOnEvent',
      issues: 1,
      deviations: [
        { path: '$.Key', code: 'invalid_type', message: 'expected number, received string', expected: 'number', received: 'string' },
      ],
    });
    expect(calls).toBe(0);
    const issues: EventIssue[] = [];
    const off = receiverWith({ decode: 'off', hooks: { onDecodeIssue: (i) => issues.push(i) } });
    off.on('VmPoweredOnEvent', () => void calls++);
    expect((await off.receive(encodeEvent('VmPoweredOnEvent', body))).status).toBe(200);
    expect(calls).toBe(1);
    expect(issues).toEqual([]);
  });

  it('strict: the 400 counts every issue and lists the first 20', async () => {
    const id = 'com.example.bare';
    const r = await receiverWith({ decode: 'strict' }).receive(encodeEvent(id, { EventTypeId: id }));
    const a = JSON.parse(r.body);
    // unknown_event, then each of the 20 EventEx fields the body lacks
    expect([r.status, a.class, a.issues, a.deviations.length]).toEqual([400, 'EventEx', 21, 20]);
    expect(a.deviations[0]).toMatchObject({ code: 'unknown_event', path: '$' });
    expect(a.deviations[1]).toEqual({ path: '$.Key', code: 'missing_required', message: 'missing required field', expected: 'number' });
  });

  it('bad options name the option', () => {
    expect(() => createReceiver({ events: {} as typeof events })).toThrow(/'events' must be an event model/);
    expect(() => receiverWith({ decode: 'loose' as 'off' })).toThrow(/'decode' must be report, strict or off/);
  });
});

describe('routing', () => {
  it('by id, by ancestor class, by prefix pattern, onAny; in registration order; removable', async () => {
    const rx = receiverWith();
    const calls: string[] = [];
    rx.on('VmEvent', (e) => void calls.push(`VmEvent:${e.data.Template}`));
    const off = rx.on('VmPoweredOnEvent', () => void calls.push('VmPoweredOnEvent'));
    rx.on('Event', () => void calls.push('Event'));
    rx.on('VmPowered*', () => void calls.push('VmPowered*'));
    rx.on('HostEvent', () => void calls.push('HostEvent'));
    rx.onAny(() => void calls.push('any'));
    await rx.receive(encodeEvent('VmPoweredOnEvent', vmOn()));
    expect(calls).toEqual(['VmEvent:false', 'VmPoweredOnEvent', 'Event', 'VmPowered*', 'any']);
    calls.length = 0;
    off();
    await rx.receive(encodeEvent('VmPoweredOnEvent', vmOn()));
    expect(calls).toEqual(['VmEvent:false', 'Event', 'VmPowered*', 'any']);
    calls.length = 0;
    await rx.receive(encodeEvent('EnteredMaintenanceModeEvent', samples.EnteredMaintenanceModeEvent!));
    expect(calls).toEqual(['Event', 'HostEvent', 'any']);
  });

  it('dotted ids: exact, prefix (case-sensitive), EventEx and ExtendedEvent classes', async () => {
    const rx = receiverWith();
    const calls: string[] = [];
    rx.on('com.vmware.vc.HA.*', (e) => void calls.push(`HA*:${e.eventId}`));
    rx.on(
      'com.vmware.vc.ha.VmRestartedByHAEvent',
      (e) => void calls.push(`exact:${e.eventClass}:${'ManagedObject' in e.data ? e.data.ManagedObject.Value : e.data.ObjectId}`),
    );
    rx.on('ExtendedEvent', (e) => void calls.push(`ExtendedEvent:${e.data.EventTypeId}`));
    const restarted = { ...(samples.ExtendedEvent as object), EventTypeId: 'com.vmware.vc.ha.VmRestartedByHAEvent' };
    await rx.receive(encodeEvent('com.vmware.vc.ha.VmRestartedByHAEvent', restarted));
    expect(calls).toEqual(['exact:ExtendedEvent:vm-42', 'ExtendedEvent:com.vmware.vc.ha.VmRestartedByHAEvent']);
    calls.length = 0;
    const initiated = { ...(samples.EventEx as object), EventTypeId: 'com.vmware.vc.HA.ClusterFailoverActionInitiatedEvent' };
    await rx.receive(encodeEvent('com.vmware.vc.HA.ClusterFailoverActionInitiatedEvent', initiated));
    expect(calls).toEqual(['HA*:com.vmware.vc.HA.ClusterFailoverActionInitiatedEvent']);
  });

  it('bad keys are refused when registering', () => {
    const rx = receiverWith();
    expect(() => rx.on('a*b' as 'Event', () => {})).toThrow(/'prefix\*' pattern/);
    expect(() => rx.on('' as 'Event', () => {})).toThrow(/expected an event id/);
    expect(() => rx.on('Event', 'x' as never)).toThrow(/not a function/);
  });
});
