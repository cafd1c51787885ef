/**
 * The middleware in a real Fastify 4 app (fastify 5 needs Node 22 through a dependency; this
 * project runs on Node 20), held to the same suite as Express (adapter-suite.ts): VEBA's
 * binary and structured modes in both type schemes, the bad inputs with the same answers, the
 * size limit, and the server closing.
 *
 * Two ways to mount it, as events/README.md documents them:
 * - `hook`: a route's onRequest hook, before Fastify reads the body: the middleware hijacks
 *   the reply, reads the raw body itself, and Fastify's handler never runs;
 * - `handler`: the route's handler, in a scope whose only content-type parser hands the body
 *   over as text (with Fastify's own parsers, structured mode is a 415 and some bad bodies get
 *   Fastify's answers, not the receiver's: the last test shows it).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { middleware } from '@vcenter-sdk/events';
import { deliveries, describeAdapterServer, setup, type Started } from './adapter-suite.js';
import { post } from './helpers.js';

/** Fastify's warnings and errors (a reply sent twice, a hook that failed): there must be none. */
const logs: string[] = [];
let handlerRuns = 0;

async function listen(app: FastifyInstance): Promise<Started> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => app.close() };
}

const quiet = () => Fastify({ logger: { level: 'warn', stream: { write: (line: string) => void logs.push(line) } } });

describeAdapterServer(
  'Fastify 4: the middleware as an onRequest hook (hook) and as the handler (handler)',
  ['hook', 'handler'],
  (receiver) => {
    const app = quiet();
    const mw = middleware(receiver);
    app.post('/hook', { onRequest: mw }, async () => {
      handlerRuns++;
    });
    // What events/README.md says a handler mount needs: a scope whose one parser hands over the
    // text, as the hook reads it (Fastify's own parsers refuse application/cloudevents+json, an
    // empty JSON body and a `__proto__` key with answers of their own).
    app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, text, done) => done(null, text));
      scope.post('/handler', mw);
    });
    return listen(app);
  },
);

describe('Fastify 4, after the suite', () => {
  it("logged no warning or error, and never ran the hook route's handler (the reply was hijacked)", () => {
    expect(logs).toEqual([]);
    expect(handlerRuns).toBe(0);
  });
});

describe('Fastify 4: a handler mount without the application/cloudevents+json parser', () => {
  it('binary mode is delivered; structured mode never reaches the middleware: Fastify answers 415', async () => {
    const { receiver, seen } = setup();
    const app = quiet();
    app.post('/events', middleware(receiver));
    const server = await listen(app);
    try {
      const binary = await post(`${server.url}events`, deliveries[0]!.message());
      expect(binary.status).toBe(200);
      const structured = await post(`${server.url}events`, deliveries[1]!.message());
      expect(structured.status).toBe(415);
      expect(structured.json).toMatchObject({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
      expect(seen).toEqual([deliveries[0]!.seen]);
    } finally {
      await server.close();
    }
  });
});
