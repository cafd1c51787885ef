/**
 * Tasks against the fake vCenter speaking 7.0.3 (`/api/cis/tasks`): success with a decoded
 * result, failure with an error object and with error strings, BLOCKED phases, a task that
 * vanishes, polls that meet 503, explicit cancel, get/list/attach, and releases without tasks.
 */
import { describe, expect, it } from 'vitest';
import { matchers } from '../fake-vcenter/index.js';
import {
  Canceled,
  InternalServerError,
  InvalidArgument,
  NotFound,
  ResourceBusy,
  taskIdOf,
  TaskNotFound,
  Unsupported,
  UsageError,
  type TaskEndInfo,
  type TaskInfo,
  type TaskProgressInfo,
  type TaskStartInfo,
} from '@vcenter-sdk/runtime';
import { client, cloneBody, fake, progress, r670, r703, successScript, taskRequests } from './helpers.js';

describe('tasks over /api (7.0.3)', () => {
  it('run: starts the clone, polls through PENDING/RUNNING, resolves with the new VM id; the VM exists', async () => {
    const f = await fake();
    const starts: TaskStartInfo[] = [];
    const changes: TaskProgressInfo[] = [];
    const ends: TaskEndInfo[] = [];
    const c = client(f, r703, {
      hooks: { onTaskStart: (i) => starts.push(i), onTaskProgress: (i) => changes.push(i), onTaskEnd: (i) => ends.push(i) },
    });
    const seen: TaskInfo[] = [];
    const vm: string = await c.run('vcenter.vm.clone$task', { body: cloneBody }, { onProgress: (i) => seen.push(i) });
    expect(vm).toMatch(/^vm-/);
    expect(f.inventory.vms.get(vm)?.name).toBe('clone-1');
    expect(seen.map((i) => i.status)).toEqual(['PENDING', 'RUNNING', 'SUCCEEDED']);
    expect(seen[1]!.progress).toMatchObject({ completed: 50, total: 100 });
    const id = f.tasks.lastId!;
    expect(starts).toEqual([{ taskId: id, operation: 'vcenter.vm.clone$task', release: '7.0.3' }]);
    expect(changes.map((i) => [i.previousStatus, i.status])).toEqual([
      [undefined, 'PENDING'],
      ['PENDING', 'RUNNING'],
      ['RUNNING', 'SUCCEEDED'],
    ]);
    expect(ends).toHaveLength(1);
    expect(ends[0]).toMatchObject({ taskId: id, outcome: 'succeeded', status: 'SUCCEEDED', polls: 3 });
    expect(f.tasks.polls(id)).toBe(3);
    expect(taskRequests(f).every((r) => r === `GET /api/cis/tasks/${encodeURIComponent(id)}`)).toBe(true);
  });

  it('start returns a handle: id, info(), wait(); progress changes reach onProgress once each', async () => {
    const f = await fake();
    f.tasks.template = { advance: 'manual', script: successScript('vm-77') };
    const c = client(f, r703);
    const task = await c.start('vcenter.vm.clone$task', { body: cloneBody });
    expect(task.id).toBe(f.tasks.lastId);
    expect(task.operation).toBe('vcenter.vm.clone$task');
    expect((await task.info()).status).toBe('PENDING');
    const statuses: string[] = [];
    const waiting = task.wait({ onProgress: (i) => statuses.push(`${i.status}:${i.progress?.completed ?? '-'}`) });
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 40));
      f.tasks.advance(task.id);
    }
    await expect(waiting).resolves.toBe('vm-77');
    // PENDING was already seen by info(): wait reports only changes
    expect(statuses).toEqual(['RUNNING:30', 'RUNNING:60', 'SUCCEEDED:100']);
    // a second wait answers from the last info, without polling
    const polls = f.tasks.polls(task.id);
    await expect(task.wait()).resolves.toBe('vm-77');
    expect(f.tasks.polls(task.id)).toBe(polls);
  });

  it('a FAILED task with an error object rejects with the typed error from the error table (NotFound, not TaskNotFound)', async () => {
    const f = await fake();
    f.tasks.template = {
      advance: 'per-poll',
      script: [
        { status: 'RUNNING', progress: progress(10) },
        {
          status: 'FAILED',
          error: {
            error_type: 'NOT_FOUND',
            messages: [{ id: 'com.vmware.vcenter.vm.not_found', default_message: 'The source VM vanished.', args: [] }],
          },
        },
      ],
    };
    const ends: TaskEndInfo[] = [];
    const c = client(f, r703, { hooks: { onTaskEnd: (i) => ends.push(i) } });
    const err = await c.run('vcenter.vm.clone$task', { body: cloneBody }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFound);
    expect(err).not.toBeInstanceOf(TaskNotFound);
    expect(err).toMatchObject({
      kind: 'NOT_FOUND',
      messages: ['The source VM vanished.'],
      operation: 'vcenter.vm.clone$task',
      release: '7.0.3',
    });
    expect(taskIdOf(err)).toBe(f.tasks.lastId);
    expect(ends[0]).toMatchObject({ outcome: 'failed', status: 'FAILED' });
  });

  it('a FAILED task with an error string (as the spec types it): vAPI type name, bare kind, JSON text, plain message', async () => {
    const f = await fake();
    const c = client(f, r703);
    const cases: [unknown, new (...a: never[]) => Error, string][] = [
      ['com.vmware.vapi.std.errors.resource_busy', ResourceBusy, 'RESOURCE_BUSY'],
      ['INVALID_ARGUMENT', InvalidArgument, 'INVALID_ARGUMENT'],
      [JSON.stringify({ error_type: 'NOT_FOUND', messages: [{ default_message: 'gone', id: 'x', args: [] }] }), NotFound, 'NOT_FOUND'],
      ['Disk full on datastore1', InternalServerError, 'ERROR'],
      [
        { type: 'com.vmware.vapi.std.errors.unsupported', value: { messages: [{ default_message: 'nope', id: 'x', args: [] }] } },
        Unsupported,
        'UNSUPPORTED',
      ],
    ];
    for (const [error, Cls, kind] of cases) {
      f.tasks.template = { advance: 'per-poll', script: [{ status: 'RUNNING' }, { status: 'FAILED', error }] };
      const err = (await c.run('vcenter.vm.clone$task', { body: cloneBody }).catch((e: unknown) => e)) as {
        kind: string;
        messages: string[];
      };
      expect(err, String(error)).toBeInstanceOf(Cls);
      expect(err.kind).toBe(kind);
    }
  });

  it('BLOCKED is not done: polling goes on through BLOCKED phases to the result', async () => {
    const f = await fake();
    f.tasks.template = {
      advance: 'per-poll',
      script: [
        { status: 'PENDING' },
        { status: 'BLOCKED' },
        { status: 'BLOCKED' },
        { status: 'RUNNING', progress: progress(80) },
        { status: 'BLOCKED' },
        { status: 'SUCCEEDED', result: 'vm-blocked' },
      ],
    };
    const c = client(f, r703);
    const statuses: string[] = [];
    await expect(c.run('vcenter.vm.clone$task', { body: cloneBody }, { onProgress: (i) => statuses.push(i.status) })).resolves.toBe(
      'vm-blocked',
    );
    expect(statuses).toEqual(['PENDING', 'BLOCKED', 'RUNNING', 'BLOCKED', 'SUCCEEDED']);
    expect(f.tasks.polls(f.tasks.lastId!)).toBe(6);
  });

  it('a task that vanishes (404) rejects with TaskNotFound', async () => {
    const f = await fake();
    f.tasks.template = { advance: 'per-poll', script: [{ status: 'RUNNING' }, { status: 'RUNNING', vanish: true }] };
    const ends: TaskEndInfo[] = [];
    const c = client(f, r703, { hooks: { onTaskEnd: (i) => ends.push(i) } });
    const task = await c.start('vcenter.vm.clone$task', { body: cloneBody });
    const err = await task.wait().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TaskNotFound);
    expect(err).toMatchObject({ status: 404, taskId: task.id, kind: 'NOT_FOUND' });
    expect(ends[0]).toMatchObject({ outcome: 'not_found', status: 'RUNNING' });
    await expect(c.tasks.get('no-such-task')).rejects.toBeInstanceOf(TaskNotFound);
  });

  it('polls that meet 503 are retried under the retry policy; the task still resolves', async () => {
    const f = await fake();
    f.tasks.template = { advance: 'per-poll', script: successScript('vm-503') };
    const retries: string[] = [];
    const c = client(f, r703, { hooks: { onRetry: (i) => retries.push(`${i.operation}:${i.reason}`) } });
    const task = await c.start('vcenter.vm.clone$task', { body: cloneBody });
    f.failNext({ status: 503, times: 2, match: matchers.path(`/api/cis/tasks/${encodeURIComponent(task.id)}`, 'GET') });
    await expect(task.wait()).resolves.toBe('vm-503');
    expect(retries).toEqual(['cis.tasks.get:SERVICE_UNAVAILABLE', 'cis.tasks.get:SERVICE_UNAVAILABLE']);
  });

  it('a poll that keeps meeting 503 past the retry budget rejects with ServiceUnavailable', async () => {
    const f = await fake();
    f.tasks.template = { advance: 'manual' };
    const c = client(f, r703);
    const task = await c.start('vcenter.vm.clone$task', { body: cloneBody });
    f.failNext({ status: 503, times: 10, match: matchers.path(`/api/cis/tasks/${encodeURIComponent(task.id)}`, 'GET') });
    await expect(task.wait()).rejects.toMatchObject({ kind: 'SERVICE_UNAVAILABLE', status: 503 });
  });

  it('cancel(): a cancelable task is cancelled (wait rejects with Canceled); a non-cancelable one is refused (Unsupported)', async () => {
    const f = await fake();
    const c = client(f, r703);
    f.tasks.template = {
      advance: 'manual',
      cancelable: true,
      script: [
        { status: 'RUNNING', progress: progress(5) },
        { status: 'SUCCEEDED', result: 'x' },
      ],
    };
    const a = await c.start('vcenter.vm.clone$task', { body: cloneBody });
    await a.cancel();
    expect(f.tasks.wasCancelled(a.id)).toBe(true);
    await expect(a.wait()).rejects.toBeInstanceOf(Canceled);

    f.tasks.template = { advance: 'manual', cancelable: false, script: [{ status: 'RUNNING' }] };
    const b = await c.start('vcenter.vm.clone$task', { body: cloneBody });
    await expect(b.cancel()).rejects.toBeInstanceOf(Unsupported);
    expect(f.tasks.cancelRequests).toEqual([a.id, b.id]);
    expect(f.tasks.wasCancelled(b.id)).toBe(false);
    expect(taskRequests(f)).toContain(`POST /api/cis/tasks/${encodeURIComponent(a.id)}?action=cancel`);
  });

  it('tasks.get, tasks.list (filters) and attach work for tasks this client did not start', async () => {
    const f = await fake();
    const c = client(f, r703);
    const ok = f.tasks.create({
      script: successScript('vm-attached'),
      advance: 'per-poll',
      service: 'com.vmware.vcenter.vm',
      operation: 'clone',
    });
    const other = f.tasks.create({ script: [{ status: 'RUNNING', progress: progress(40) }], service: 'com.vmware.other' });
    const got = await c.tasks.get(other);
    expect(got).toMatchObject({
      id: other,
      status: 'RUNNING',
      progress: { completed: 40, total: 100 },
      service: 'com.vmware.other',
      cancelable: false,
    });
    const all = await c.tasks.list();
    expect(all.map((t) => t.id).sort()).toEqual([ok, other].sort());
    const running = await c.tasks.list({ status: ['RUNNING'], services: ['com.vmware.other'] });
    expect(running.map((t) => t.id)).toEqual([other]);
    const byId = await c.tasks.list({ tasks: [ok] });
    expect(byId.map((t) => t.id)).toEqual([ok]);

    const handle = c.tasks.attach<string>(ok, { operation: 'vcenter.vm.clone$task' });
    await expect(handle.wait()).resolves.toBe('vm-attached');
    const bare = c.tasks.attach(other);
    expect(bare.operation).toBeUndefined();
    expect((await bare.info()).status).toBe('RUNNING');
  });

  it('misuse: a release without task endpoints, a synchronous operation, an unknown operation (nothing sent)', async () => {
    const f = await fake('6.7.0');
    const c = client(f, r670);
    const before = f.requests.length;
    const err = await c.start('rest.vcenter.vcha.cluster.deploy$task', { body: {} as never }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(err).toMatchObject({ kind: 'TASKS_UNSUPPORTED', release: '6.7.0' });
    expect((err as Error).message).toMatch(/release 6\.7\.0 has no task service/);
    expect(() => c.tasks.attach('t-1')).toThrow(/no task service/);
    await expect(c.tasks.list()).rejects.toMatchObject({ kind: 'TASKS_UNSUPPORTED' });
    expect(f.requests.length).toBe(before);

    const f2 = await fake();
    const c2 = client(f2, r703);
    await expect(c2.start('vcenter.vm.clone' as never, { body: cloneBody } as never)).rejects.toMatchObject({
      kind: 'NOT_A_TASK_OPERATION',
    });
    await expect(c2.start('nope$task' as never)).rejects.toMatchObject({ kind: 'UNKNOWN_OPERATION' });
  });
});
