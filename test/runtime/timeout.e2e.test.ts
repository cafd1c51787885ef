/**
 * `timeoutMs` bounds the whole attempt: headers that never come, and a body that trickles in
 * (undici's own body timer restarts on every chunk, so a trickled body alone would never end).
 * Both end in RequestTimeout near the deadline; bounds are loose enough for a loaded machine.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient, RequestTimeout } from '@vcenter-sdk/runtime';
import v703 from '@vcenter-sdk/vsphere-7.0.3';

let server: Server;
let url: string;
beforeAll(async () => {
  // /fast answers at once, /slow after 60 s; /trickle sends its body one byte every 200 ms (about 65 s in all).
  server = createServer((req, res) => {
    if (req.url?.includes('vm-fast')) return void res.end('{"state":"POWERED_ON"}');
    if (req.url?.includes('vm-trickle')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      const body = JSON.stringify({ state: 'POWERED_ON', pad: 'x'.repeat(300) });
      let i = 0;
      const t = setInterval(() => {
        if (i >= body.length || res.destroyed) {
          clearInterval(t);
          res.end();
          return;
        }
        res.write(body[i++]!);
      }, 200);
      res.on('close', () => clearInterval(t));
      return;
    }
    setTimeout(() => res.end('{"state":"POWERED_ON"}'), 60_000).unref();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe.each([
  ['headers that never come', 'vm-slow', 300],
  ['a trickled body', 'vm-trickle', 1000],
  // From 10 s on, undici's timers and the transport's watchdog (every 0.5 s) bound the attempt.
  ['a trickled body, coarse timeout', 'vm-trickle', 10_000],
])('%s, timeoutMs %i', (_kind, vm, timeoutMs) => {
  it('rejects with RequestTimeout near the deadline', async () => {
    await using client = createClient({ baseUrl: url, release: v703, auth: { sessionId: 'fixed' }, retry: false, timeoutMs });
    const started = performance.now();
    const err = await client.call('vcenter.vm.power.get', { path: { vm } }).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(err).toBeInstanceOf(RequestTimeout);
    expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 5);
    // The response would take 60 s or more: ending well before shows the attempt is bounded.
    expect(elapsed).toBeLessThan(Math.min(timeoutMs * 5, timeoutMs + 15_000));
  }, 40_000);
});

describe('the body watchdog (coarse timeouts)', () => {
  it('is one interval for calls in a row, and stops by itself once no body is being read', async () => {
    const started = vi.spyOn(globalThis, 'setInterval');
    const stopped = vi.spyOn(globalThis, 'clearInterval');
    try {
      await using client = createClient({ baseUrl: url, release: v703, auth: { sessionId: 'fixed' }, retry: false });
      for (let i = 0; i < 20; i++) await client.call('vcenter.vm.power.get', { path: { vm: 'vm-fast' } });
      const watchdogs = started.mock.results.filter((_r, i) => started.mock.calls[i]![1] === 500).map((r) => r.value as NodeJS.Timeout);
      expect(watchdogs).toHaveLength(1);
      // Idle: the watchdog's next tick (0.5 s) finds nothing to watch and clears itself, before close().
      await vi.waitFor(() => expect(stopped.mock.calls.some(([t]) => t === watchdogs[0])).toBe(true), { timeout: 10_000, interval: 50 });
    } finally {
      started.mockRestore();
      stopped.mockRestore();
    }
  }, 20_000);
});
