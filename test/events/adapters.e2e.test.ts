/**
 * The adapters: a fetch-style handler (the Request/Response a function host gives) and a real
 * Express 5 app with the middleware (alone and after express.json()), each with VEBA's modes
 * and type schemes, the bad inputs and the size limit of adapter-suite.ts. Fastify has its
 * own file (fastify.e2e.test.ts), held to the same suite.
 */
import express from 'express';
import { describe, expect, it } from 'vitest';
import { fetchHandler, middleware } from '@vcenter-sdk/events';
import { badInputs, deliveries, describeAdapterServer, expectAnswer, setup } from './adapter-suite.js';
import { listen } from './helpers.js';

describe('fetch handler', () => {
  const { receiver, seen, errors } = setup();
  const handle = fetchHandler(receiver);
  const request = (m: { headers: Record<string, string>; body: string }, method = 'POST') =>
    new Request('http://fn.local/', { method, headers: m.headers, ...(method === 'POST' ? { body: m.body } : {}) });

  it('binary and structured, both type schemes', async () => {
    for (const d of deliveries) {
      const r = await handle(request(d.message()));
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({ event: 'VmPoweredOnEvent', class: 'VmPoweredOnEvent', handlers: 1, issues: 0 });
    }
    expect(seen).toEqual(deliveries.map((d) => d.seen));
  });

  it('bad input: the same answers as every adapter; a throwing handler goes to onError; GET: 405', async () => {
    for (const row of badInputs) {
      const r = await handle(request(row.message()));
      expectAnswer(row, r.status, await r.text());
    }
    expect(errors).toHaveLength(badInputs.filter((b) => b.thrown).length);
    expect((await handle(request({ headers: {}, body: '' }, 'GET'))).status).toBe(405);
  });
});

describeAdapterServer('Express 5: the middleware alone (events) and after express.json() (parsed)', ['events', 'parsed'], (receiver) => {
  const app = express();
  app.post('/events', middleware(receiver));
  app.post('/parsed', express.json(), middleware(receiver));
  return listen(app);
});
