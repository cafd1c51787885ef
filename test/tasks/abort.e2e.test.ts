/**
 * Abort and timeout stop polling at once, with and without `cancelOnAbort`; the cancel request
 * is sent only when the task is cancelable (checked on the fake's cancelRequests/wasCancelled).
 */
import { describe, expect, it } from 'vitest';
import { Canceled, TaskTimeout, type TaskEndInfo, type WarningInfo } from '@vcenter-sdk/runtime';
import { client, cloneBody, fake, progress, r703 } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('abort and timeout', () => {
  it('timeoutMs rejects with TaskTimeout within about one poll; nothing is cancelled by default', async () => {
    const f = await fake();
    f.tasks.template = { advance: 'manual', cancelable: true, script: [{ status: 'RUNNING', progress: progress(10) }] };
    const ends: TaskEndInfo[] = [];
    const c = client(f, r703, { hooks: { onTaskEnd: (i) => ends.push(i) } });
    const task = await c.start('vcenter.vm.clone$task', { body: cloneBody });
    const t0 = performance.now();
    const err = await task.wait({ timeoutMs: 150, pollMs: 40 }).catch((e: unknown) => e);
    const took = performance.now() - t0;
    expect(err).toBeInstanceOf(TaskTimeout);
    expect(err).toMatchObject({ kind: 'TASK_TIMEOUT', taskId: task.id, timeoutMs: 150, lastStatus: 'RUNNING' });
    expect(took).toBeGreaterThanOrEqual(145);
    // Not waiting for the task (it never ends): a bound loose enough for a loaded machine.
    expect(took).toBeLessThan(150 * 5);
    const polls = f.tasks.polls(task.id);
    await sleep(120);
    expect(f.tasks.polls(task.id)).toBe(polls); // polling stopped
    expect(f.tasks.cancelRequests).toEqual([]);
    expect(ends[0]).toMatchObject({ outcome: 'timeout', status: 'RUNNING' });
  });

  it('timeoutMs + cancelOnAbort on a cancelable task sends the cancel', async () => {
    const f = await fake();
    f.tasks.template = { advance: 'manual', cancelable: true, script: [{ status: 'RUNNING' }] };
    const c = client(f, r703);
    const task = await c.start('vcenter.vm.clone$task', { body: cloneBody });
    await expect(task.wait({ timeoutMs: 60, pollMs: 10, cancelOnAbort: true })).rejects.toBeInstanceOf(TaskTimeout);
    expect(f.tasks.cancelRequests).toEqual([task.id]);
    expect(f.tasks.wasCancelled(task.id)).toBe(true);
    // the server now reports it FAILED/CANCELED
    await expect(task.wait({ pollMs: 5 })).rejects.toBeInstanceOf(Canceled);
  });

  it('abort stops polling at once (in-flight poll included); without cancelOnAbort nothing is cancelled', async () => {
    const f = await fake();
    f.tasks.template = { advance: 'manual', cancelable: true, script: [{ status: 'RUNNING' }] };
    const c = client(f, r703);
    const task = await c.start('vcenter.vm.clone$task', { body: cloneBody });
    const ac = new AbortController();
    const waiting = task.wait({ signal: ac.signal, pollMs: 10 });
    await sleep(50);
    // the next poll will hang for 60 s on the server: abort must not wait for it
    f.delayNext({ ms: 60_000, match: (r) => r.path.includes('/cis/tasks/') });
    await sleep(25);
    const t0 = performance.now();
    ac.abort(new Error('user gave up'));
    await expect(waiting).rejects.toThrow('user gave up');
    expect(performance.now() - t0).toBeLessThan(60_000 / 10);
    expect(f.tasks.cancelRequests).toEqual([]);
  });

  it('abort + cancelOnAbort: cancel sent for a cancelable task, not for a non-cancelable one, not for an already aborted signal without info', async () => {
    const f = await fake();
    const warnings: WarningInfo[] = [];
    const c = client(f, r703, { hooks: { onWarning: (w) => warnings.push(w) } });

    f.tasks.template = { advance: 'manual', cancelable: true, script: [{ status: 'RUNNING' }] };
    const yes = await c.start('vcenter.vm.clone$task', { body: cloneBody });
    const ac1 = new AbortController();
    const w1 = yes.wait({ signal: ac1.signal, pollMs: 10, cancelOnAbort: true });
    await sleep(40);
    ac1.abort();
    await expect(w1).rejects.toMatchObject({ name: 'AbortError' });
    expect(f.tasks.wasCancelled(yes.id)).toBe(true);

    f.tasks.template = { advance: 'manual', cancelable: false, script: [{ status: 'RUNNING' }] };
    const no = await c.start('vcenter.vm.clone$task', { body: cloneBody });
    const ac2 = new AbortController();
    const w2 = no.wait({ signal: ac2.signal, pollMs: 10, cancelOnAbort: true });
    await sleep(40);
    ac2.abort();
    await expect(w2).rejects.toMatchObject({ name: 'AbortError' });

    // aborted before the first poll: one poll learns that it is not cancelable; no cancel
    f.tasks.template = { advance: 'manual', cancelable: false, script: [{ status: 'PENDING' }] };
    const early = await c.start('vcenter.vm.clone$task', { body: cloneBody });
    const ac3 = new AbortController();
    const w3 = early.wait({ signal: ac3.signal, cancelOnAbort: true });
    ac3.abort();
    await expect(w3).rejects.toMatchObject({ name: 'AbortError' });

    expect(f.tasks.cancelRequests).toEqual([yes.id]);
    expect(warnings).toEqual([]);
  });

  it('run: the signal also covers the start request; an aborted signal sends nothing', async () => {
    const f = await fake();
    const c = client(f, r703);
    const before = f.requests.length;
    await expect(c.run('vcenter.vm.clone$task', { body: cloneBody }, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(f.requests.slice(before).filter((r) => r.path.startsWith('/api/vcenter/vm'))).toEqual([]);
  });
});
