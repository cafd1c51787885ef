/**
 * Without `@opentelemetry/api` installed (here: every import of it fails, as when it is not in
 * node_modules), calls, tasks and event deliveries run as with it, their hooks carry the same
 * facts, and no span is made. The API is not even looked for until something in the process
 * registered a tracer provider; once something has (another copy of the API), it is looked for
 * once in the process, not per call, and deliveries share that one look (@vcenter-sdk/runtime/otel).
 */
import samples from '@vcenter-sdk/events-data/samples';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeEvent } from '@vcenter-sdk/events';
import type { TaskEndInfo, TaskProgressInfo } from '@vcenter-sdk/runtime';
import { loadedOtel, loadOtel } from '@vcenter-sdk/runtime/otel';
import { receiverWith } from '../events/helpers.js';
import { client, cloneBody, fake, r703, successScript } from './helpers.js';

const attempts = vi.hoisted(() => ({ count: 0 }));
vi.mock('@opentelemetry/api', () => {
  attempts.count++;
  throw new Error("Cannot find package '@opentelemetry/api'");
});

/** Where every copy of the API 1.x keeps what a process registered. */
const REGISTERED = Symbol.for('opentelemetry.js.api.1');
afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[REGISTERED];
});

async function runAll(): Promise<{ ends: string[]; running: (number | undefined)[] }> {
  const f = await fake();
  f.tasks.template = { advance: 'per-poll', script: successScript('vm-x') };
  const progress: TaskProgressInfo[] = [];
  const ends: TaskEndInfo[] = [];
  const c = client(f, r703, { hooks: { onTaskProgress: (i) => progress.push(i), onTaskEnd: (i) => ends.push(i) } });
  await expect(c.run('vcenter.vm.clone$task', { body: cloneBody })).resolves.toBe('vm-x');
  expect(Array.isArray(await c.call('vcenter.vm.list'))).toBe(true);
  await c.close();
  return { ends: ends.map((e) => e.outcome), running: progress.filter((p) => p.status === 'RUNNING').map((p) => p.progress?.completed) };
}

describe('@opentelemetry/api absent', () => {
  it('nothing registered: the API is never looked for, and tasks and hooks work as with it', async () => {
    expect(await runAll()).toEqual({ ends: ['succeeded'], running: [30, 60] });
    expect(attempts.count).toBe(0);
    expect(loadedOtel()).toBeUndefined();
  });

  it('a provider registered by another copy of the API: looked for once in the process, then no spans, no errors', async () => {
    (globalThis as Record<symbol, unknown>)[REGISTERED] = { version: '1.9.0' };
    expect(await runAll()).toEqual({ ends: ['succeeded'], running: [30, 60] });
    expect(await runAll()).toEqual({ ends: ['succeeded'], running: [30, 60] });
    expect(attempts.count).toBe(1);
    expect(loadedOtel()).toBeUndefined();
  });

  it('event deliveries: received and dispatched with nothing registered; with a provider, the same one look as SDK calls', async () => {
    let n = 0;
    const rx = receiverWith({ tracing: true });
    rx.onAny(() => void n++);
    const before = attempts.count;
    expect((await rx.receive(encodeEvent('VmPoweredOnEvent', samples.VmPoweredOnEvent!))).status).toBe(200);
    expect(attempts.count).toBe(before);
    (globalThis as Record<symbol, unknown>)[REGISTERED] = { version: '1.9.0' };
    for (const id of ['a', 'b'])
      expect((await rx.receive(encodeEvent('VmPoweredOnEvent', samples.VmPoweredOnEvent!, { id }))).status).toBe(200);
    expect(await loadOtel()).toBeUndefined(); // what a client that traces asks: the same load
    expect(attempts.count).toBe(1); // once in the process, whichever looked first
    expect(n).toBe(3);
  });
});
