/**
 * The adapters: a fetch-style handler (the Request/Response a function host gives), a real
 * Express 5 app with the middleware (alone and after express.json()), and the middleware as
 * a Fastify route's onRequest hook (Fastify's documented request/reply shapes: `request.raw`,
 * `reply.raw`, `reply.hijack()`; fastify itself is not a devDependency: its current major
 * needs Node 22). Each in both modes, with bad input and the size limit.
 */
import express from 'express';
import samples from '@vcenter-sdk/events-data/samples';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeEvent, fetchHandler, middleware } from '@vcenter-sdk/events';
import { listen, post, receiverWith } from './helpers.js';

const body = samples.VmPoweredOnEvent!;

function setup() {
  const seen: string[] = [];
  const errors: unknown[] = [];
  const receiver = receiverWith({ maxBodyBytes: 16 * 1024, hooks: { onError: (e) => errors.push(e) } });
  receiver.on('VmPoweredOnEvent', (e) => {
    if (e.cloudEvent.id === 'throw') throw new Error('nope');
    seen.push(`${e.mode}:${e.vm?.id}`);
  });
  return { receiver, seen, errors };
}

describe('fetch handler', () => {
  const { receiver, seen, errors } = setup();
  const handle = fetchHandler(receiver);
  const request = (m: { headers: Record<string, string>; body: string }, method = 'POST') =>
    new Request('http://fn.local/', { method, headers: m.headers, ...(method === 'POST' ? { body: m.body } : {}) });

  it('binary and structured', async () => {
    for (const structured of [false, true]) {
      const r = await handle(request(encodeEvent('VmPoweredOnEvent', body, { structured })));
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({ event: 'VmPoweredOnEvent', class: 'VmPoweredOnEvent', handlers: 1, issues: 0 });
    }
    expect(seen).toEqual(['binary:vm-42', 'structured:vm-42']);
  });

  it('not a CloudEvent: 400; a throwing handler: 500 to onError; too large: 413; GET: 405', async () => {
    const bad = await handle(request({ headers: { 'content-type': 'text/plain' }, body: 'hello' }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/not a CloudEvent/);
    const thrown = await handle(request(encodeEvent('VmPoweredOnEvent', body, { id: 'throw' })));
    expect(thrown.status).toBe(500);
    expect(errors).toHaveLength(1);
    const big = await handle(request(encodeEvent('VmPoweredOnEvent', { ...body, FullFormattedMessage: 'x'.repeat(20_000) })));
    expect(big.status).toBe(413);
    expect((await handle(request({ headers: {}, body: '' }, 'GET'))).status).toBe(405);
  });
});

describe('Express 5', () => {
  const { receiver, seen, errors } = setup();
  const app = express();
  app.post('/events', middleware(receiver));
  app.post('/parsed', express.json(), middleware(receiver));
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => (server = await listen(app)));
  afterAll(() => server.close());

  it('binary and structured, raw or after express.json()', async () => {
    for (const path of ['events', 'parsed']) {
      for (const structured of [false, true]) {
        const r = await post(`${server.url}${path}`, encodeEvent('VmPoweredOnEvent', body, { structured }));
        expect(r.status, `${path} ${structured}: ${r.text}`).toBe(200);
      }
    }
    expect(seen).toEqual(['binary:vm-42', 'structured:vm-42', 'binary:vm-42', 'structured:vm-42']);
  });

  it('bad input: 400, 500 to onError, 413; the app keeps serving', async () => {
    expect((await post(`${server.url}events`, { headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(400);
    expect((await post(`${server.url}events`, encodeEvent('VmPoweredOnEvent', body, { id: 'throw' }))).status).toBe(500);
    expect(errors).toHaveLength(1);
    const big = encodeEvent('VmPoweredOnEvent', { ...body, FullFormattedMessage: 'x'.repeat(20_000) });
    expect((await post(`${server.url}events`, big)).status).toBe(413);
    expect((await post(`${server.url}events`, encodeEvent('VmPoweredOnEvent', body))).status).toBe(200);
  });
});

describe('Fastify onRequest hook shape', () => {
  const { receiver, seen } = setup();
  const mw = middleware(receiver);
  let hijacked = 0;
  let server: Awaited<ReturnType<typeof listen>>;
  // What Fastify passes to a route's onRequest hook: its request (headers, method, raw; no body
  // yet) and reply (raw, hijack), and `done`, which is never called once the reply is hijacked.
  beforeAll(async () => {
    server = await listen((raw: any, rawRes: any) => {
      const request = { raw, headers: raw.headers, method: raw.method, body: undefined };
      const reply = { raw: rawRes, hijack: () => void hijacked++ };
      mw(request, reply, () => rawRes.end('done called'));
    });
  });
  afterAll(() => server.close());

  it('binary and structured; the reply is hijacked and written by the middleware', async () => {
    for (const structured of [false, true]) {
      const r = await post(server.url, encodeEvent('VmPoweredOnEvent', body, { structured }));
      expect(r.status).toBe(200);
      expect(r.json.event).toBe('VmPoweredOnEvent');
    }
    expect(seen).toEqual(['binary:vm-42', 'structured:vm-42']);
    expect(hijacked).toBe(2);
    expect((await post(server.url, { headers: {}, body: 'x' })).status).toBe(400);
  });
});
