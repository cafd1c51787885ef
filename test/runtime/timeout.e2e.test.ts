/**
 * Long per-call timeouts ride on undici's own timers (about 1 s of resolution), short ones on
 * a precise timer of the runtime's: both end in RequestTimeout, close to the deadline.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, RequestTimeout } from '@vcenter-sdk/runtime';
import v703 from '@vcenter-sdk/vsphere-7.0.3';

let server: Server;
let url: string;
beforeAll(async () => {
  // Answers the power state only after 30 s: every call here must time out first.
  server = createServer((_req, res) => setTimeout(() => res.end('{"state":"POWERED_ON"}'), 30_000).unref());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe.each([
  ['precise', 300],
  ['coarse', 10_000],
])('a %s timeout of %i ms', (_kind, timeoutMs) => {
  it('rejects with RequestTimeout near the deadline', async () => {
    await using client = createClient({ baseUrl: url, release: v703, auth: { sessionId: 'fixed' }, retry: false, timeoutMs });
    const started = performance.now();
    const err = await client.call('vcenter.vm.power.get', { path: { vm: 'vm-1' } }).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(err).toBeInstanceOf(RequestTimeout);
    expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 5);
    expect(elapsed).toBeLessThan(timeoutMs + 1_500);
  }, 20_000);
});
