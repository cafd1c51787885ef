/**
 * Bounded resources by default. Connections per client are capped (calls beyond the cap
 * queue); a response over maxResponseBytes is a typed error and its connection is dropped; error
 * bodies are kept short; timeoutMs bounds the whole attempt, a trickled body included.
 */
import { describe, expect, it } from 'vitest';
import { RequestTimeout, ResponseTooLarge, ServiceUnavailable, VsphereError } from '@vcenter-sdk/runtime';
import { client, hostile, rejection } from './helpers.js';

const power = { path: { vm: 'vm-1' } };

describe('connections', () => {
  it('1,000 concurrent calls complete over at most 16 sockets (the default cap)', async () => {
    const s = await hostile();
    s.otherwise = () => ({ json: { state: 'POWERED_ON' }, delayMs: 2 });
    const c = client(s);
    const results = await Promise.all(Array.from({ length: 1000 }, () => c.call('vcenter.vm.power.get', power)));
    expect(results).toHaveLength(1000);
    expect(results.every((r) => r.state === 'POWERED_ON')).toBe(true);
    expect(s.sockets.peak).toBeLessThanOrEqual(16);
    expect(s.sockets.total).toBeLessThanOrEqual(16);
  });

  it('the cap is configurable: maxConnections 4', async () => {
    const s = await hostile();
    s.otherwise = () => ({ json: { state: 'POWERED_ON' }, delayMs: 2 });
    const c = client(s, { maxConnections: 4 });
    await Promise.all(Array.from({ length: 200 }, () => c.call('vcenter.vm.power.get', power)));
    expect(s.sockets.peak).toBeLessThanOrEqual(4);
    expect(s.sockets.peak).toBeGreaterThan(1);
  });
});

describe('response size', () => {
  it('a body over maxResponseBytes is ResponseTooLarge and its connection is dropped (streamed, no content-length)', async () => {
    const s = await hostile();
    s.next('/power', { bytes: 8 * 1024 * 1024 });
    const c = client(s, { maxResponseBytes: 1024 * 1024, retry: false });
    const err = await rejection(c.call('vcenter.vm.power.get', power));
    expect(err).toBeInstanceOf(ResponseTooLarge);
    expect(err).toMatchObject({ kind: 'RESPONSE_TOO_LARGE', limit: 1024 * 1024, operation: 'vcenter.vm.power.get' });
    expect(String((err as Error).message)).toMatch(/maxResponseBytes/);
    await expect.poll(() => s.sockets.closed).toBeGreaterThanOrEqual(1);
    // The client goes on working (a new connection).
    await expect(c.call('vcenter.vm.power.get', power)).resolves.toEqual({ state: 'POWERED_ON' });
  });

  it('the default limit is 64 MiB: a 70 MB body is refused', async () => {
    const s = await hostile();
    s.next('/power', { bytes: 70 * 1000 * 1000 });
    const c = client(s, { retry: false });
    expect(await rejection(c.call('vcenter.vm.power.get', power))).toMatchObject({ kind: 'RESPONSE_TOO_LARGE', limit: 64 * 1024 * 1024 });
  });

  it('a declared content-length over the limit is refused before reading', async () => {
    const s = await hostile();
    s.next('/power', { json: 'x'.repeat(5000), headers: { 'content-length': String(5002) } });
    const c = client(s, { maxResponseBytes: 1000, retry: false });
    expect(await rejection(c.call('vcenter.vm.power.get', power))).toBeInstanceOf(ResponseTooLarge);
  });

  it('an error body is kept to a bounded size', async () => {
    const s = await hostile();
    s.next('/power', { bytes: 5 * 1024 * 1024, status: 503 });
    const c = client(s, { retry: false });
    const err = await rejection(c.call('vcenter.vm.power.get', power));
    expect(err).toBeInstanceOf(ServiceUnavailable);
    expect(JSON.stringify(err).length).toBeLessThan(70 * 1024);
  });
});

describe('timeoutMs bounds the whole attempt', () => {
  it('a body trickled a byte every 100 ms times out at timeoutMs, not at the end of the body', async () => {
    const s = await hostile();
    s.next('/power', { trickle: JSON.stringify({ state: 'POWERED_ON', pad: 'x'.repeat(600) }), everyMs: 100 });
    const c = client(s, { timeoutMs: 1000, retry: false });
    const started = performance.now();
    const err = await rejection(c.call('vcenter.vm.power.get', power));
    const took = performance.now() - started;
    expect(err).toBeInstanceOf(RequestTimeout);
    expect(err).toBeInstanceOf(VsphereError);
    // The body takes 60 s; the attempt ends at its 1 s timeout (bound loose for a loaded machine).
    expect(took).toBeGreaterThanOrEqual(990);
    expect(took).toBeLessThan(5 * 1000);
  });

  it('headers that never come time out too', async () => {
    const s = await hostile();
    s.next('/power', { json: {}, delayMs: 60_000 });
    const c = client(s, { timeoutMs: 300, retry: false });
    expect(await rejection(c.call('vcenter.vm.power.get', power))).toBeInstanceOf(RequestTimeout);
  });
});
