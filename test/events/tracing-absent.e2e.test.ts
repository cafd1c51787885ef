/**
 * Without `@opentelemetry/api` installed (here: every import of it fails), deliveries are
 * received and dispatched as with it, and no span is made. The API is the runtime's
 * (`@vcenter-sdk/runtime/otel`): once something registered a tracer provider, it is looked for
 * once in the process, for deliveries and SDK calls alike.
 */
import samples from '@vcenter-sdk/events-data/samples';
import { afterEach, expect, it, vi } from 'vitest';
import { encodeEvent } from '@vcenter-sdk/events';
import { loadOtel } from '@vcenter-sdk/runtime/otel';
import { receiverWith } from './helpers.js';

const attempts = vi.hoisted(() => ({ count: 0 }));
vi.mock('@opentelemetry/api', () => {
  attempts.count++;
  throw new Error("Cannot find package '@opentelemetry/api'");
});

const REGISTERED = Symbol.for('opentelemetry.js.api.1');
afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[REGISTERED];
});

it('nothing registered: deliveries work, and the API is never looked for', async () => {
  let n = 0;
  const rx = receiverWith({ tracing: true });
  rx.onAny(() => void n++);
  expect((await rx.receive(encodeEvent('VmPoweredOnEvent', samples.VmPoweredOnEvent!))).status).toBe(200);
  expect(n).toBe(1);
  expect(attempts.count).toBe(0);
});

it('a provider registered by another copy of the API: looked for once for deliveries and SDK calls', async () => {
  (globalThis as Record<symbol, unknown>)[REGISTERED] = { version: '1.9.0' };
  const rx = receiverWith({ tracing: true });
  rx.onAny(() => {});
  for (const id of ['a', 'b'])
    expect((await rx.receive(encodeEvent('VmPoweredOnEvent', samples.VmPoweredOnEvent!, { id }))).status).toBe(200);
  expect(attempts.count).toBe(1);
  expect(await loadOtel()).toBeUndefined(); // what a client that traces asks: the same load
  expect(attempts.count).toBe(1);
});
