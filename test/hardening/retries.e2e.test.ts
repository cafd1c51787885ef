/**
 * Idempotent calls retry on 429, 500, 502, 503, 504, resets and timeouts, honouring a
 * capped Retry-After; a non-idempotent call is never replayed once its request may have reached
 * the server; task polls ride the same policy, so one 500 or reset does not end `wait()`.
 */
import { describe, expect, it } from 'vitest';
import { ConnectionError, InternalServerError, RequestTimeout, ServiceUnavailable, type RetryInfo } from '@vcenter-sdk/runtime';
import { client, hostile, rejection } from './helpers.js';

const power = { path: { vm: 'vm-1' } };

describe('retries', () => {
  it.each([429, 500, 502, 503, 504])('a GET answered %i is retried, then succeeds', async (status) => {
    const s = await hostile();
    s.next('/power', { status, json: { error_type: 'ERROR', messages: [] } });
    const c = client(s);
    await expect(c.call('vcenter.vm.power.get', power)).resolves.toEqual({ state: 'POWERED_ON' });
    expect(s.requests.filter((r) => r.path.endsWith('/power'))).toHaveLength(2);
  });

  it('a reset before the headers and one in the middle of the body are retried for a GET', async () => {
    const s = await hostile();
    s.next('/power', { reset: 'before-headers' }, { reset: 'mid-body' });
    const retries: RetryInfo[] = [];
    const c = client(s, { hooks: { onRetry: (i) => retries.push(i) } });
    await expect(c.call('vcenter.vm.power.get', power)).resolves.toEqual({ state: 'POWERED_ON' });
    expect(retries).toHaveLength(2);
    expect(s.requests.filter((r) => r.path.endsWith('/power'))).toHaveLength(3);
  });

  it('a timed-out GET is retried', async () => {
    const s = await hostile();
    s.next('/power', { json: { state: 'POWERED_OFF' }, delayMs: 60_000 });
    const retries: RetryInfo[] = [];
    // Loose enough that the retry itself never times out on a loaded machine.
    const c = client(s, { timeoutMs: 1500, hooks: { onRetry: (i) => retries.push(i) } });
    await expect(c.call('vcenter.vm.power.get', power)).resolves.toEqual({ state: 'POWERED_ON' });
    expect(retries.map((r) => r.reason)).toEqual(['REQUEST_TIMEOUT']);
  });

  it('Retry-After is honoured, capped at maxRetryAfterMs', async () => {
    const s = await hostile();
    s.next('/power', { status: 503, headers: { 'retry-after': '3600' } }, { status: 429, headers: { 'retry-after': '0.01' } });
    const delays: number[] = [];
    const c = client(s, {
      retry: { retries: 3, baseMs: 1, capMs: 5, maxRetryAfterMs: 30 },
      hooks: { onRetry: (i) => delays.push(i.delayMs) },
    });
    await expect(c.call('vcenter.vm.power.get', power)).resolves.toEqual({ state: 'POWERED_ON' });
    expect(delays).toEqual([30, 10]);
  });

  it('retries end: the last error is typed', async () => {
    const s = await hostile();
    s.otherwise = () => ({ status: 503, json: { error_type: 'SERVICE_UNAVAILABLE', messages: [] } });
    const c = client(s);
    expect(await rejection(c.call('vcenter.vm.power.get', power))).toBeInstanceOf(ServiceUnavailable);
    expect(s.requests).toHaveLength(4);
  });

  it('a POST is never replayed: not on 503, 500, a reset, a reset mid-body, nor a timeout', async () => {
    const s = await hostile();
    const c = client(s, { timeoutMs: 2000 });
    const faults = [
      [{ status: 503 }, ServiceUnavailable],
      [{ status: 500 }, InternalServerError],
      [{ reset: 'before-headers' }, ConnectionError],
      [{ reset: 'mid-body' }, ConnectionError],
      [{ status: 200, delayMs: 60_000 }, RequestTimeout],
    ] as const;
    for (const [fault, Err] of faults) {
      s.requests.length = 0;
      s.next('action=start', fault);
      expect(await rejection(c.call('vcenter.vm.power.start', power))).toBeInstanceOf(Err);
      expect(s.requests.filter((r) => r.url.includes('action=start'))).toHaveLength(1);
    }
  });
});
