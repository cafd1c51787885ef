/**
 * Tasks behind the Prism front (test/prism/front/tasks.ts), through the SDK: a `vmw-task=true`
 * operation is validated by Prism, then run by the mock vCenter, and the task advances per
 * poll (PENDING → RUNNING 50 % → SUCCEEDED with the mock's result: the clone's new VM), so that
 * `client.run` resolves. Also `/rest` (7.0.1), cancel, `cancelOnAbort`, listing, the task
 * info against the release's own schema, and what still goes to Prism.
 */
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import v701 from '@vcenter-sdk/vsphere-7.0.1';
import v703 from '@vcenter-sdk/vsphere-7.0.3';
import { Canceled, createClient, type DecodeIssueInfo, type TaskInfo } from '@vcenter-sdk/runtime';
import { BASIC, PASSWORD, USER } from './harness.js';

/** Fast polls: the mock advances per poll, not with time. */
const poll = { firstMs: 5, floorMs: 10, ceilingMs: 50 };
const auth = { username: USER, password: PASSWORD };

let base: string;
/** A session of the mock behind the front, for the raw requests. */
let session: string;
/** VMs of the mock that runs the tasks: what a clone can copy. */
let vm703: string;
let vm701: string;
const issues: DecodeIssueInfo[] = [];
let c703: ReturnType<typeof createClient<typeof v703>>;
let c701: ReturnType<typeof createClient<typeof v701>>;

beforeAll(async () => {
  base = inject('mockUrl');
  const login = await request(`${base}/api/session`, { method: 'POST', headers: { authorization: BASIC } });
  session = (await login.body.json()) as string;
  ({ '7.0.3': vm703 = '', '7.0.1': vm701 = '' } = inject('taskVms'));
  const hooks = { onDecodeIssue: (i: DecodeIssueInfo) => void issues.push(i) };
  c703 = createClient({ baseUrl: base, release: v703, auth, tasks: { poll }, hooks });
  c701 = createClient({ baseUrl: base, release: v701, auth, tasks: { poll }, hooks });
});
afterAll(async () => {
  await c703?.close();
  await c701?.close();
});

async function raw(method: string, path: string, release: string, body?: unknown) {
  const headers: Record<string, string> = { 'vmware-api-session-id': session, 'X-API-Version': release };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await request(base + path, {
    method: method as 'GET',
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.body.text();
  return { status: res.statusCode, json: text ? (JSON.parse(text) as unknown) : undefined, operation: res.headers['x-mock-operation'] };
}

describe('mock tasks, /api (7.0.3)', () => {
  it('run(vcenter.vm.clone$task) resolves with the id of the VM the clone made, after PENDING, RUNNING 50 %, SUCCEEDED', async () => {
    issues.length = 0;
    const seen: TaskInfo<string>[] = [];
    const vm = await c703.run(
      'vcenter.vm.clone$task',
      { body: { source: vm703, name: 'clone-of-one' } },
      { onProgress: (i) => seen.push(i), timeoutMs: 20_000 },
    );
    expect(vm).toMatch(/^vm-\d+$/);
    expect(vm).not.toBe(vm703);
    expect(seen.map((i) => i.status)).toEqual(['PENDING', 'RUNNING', 'SUCCEEDED']);
    const running = seen[1]!;
    expect(running.progress).toMatchObject({
      total: 100,
      completed: 50,
      message: { id: expect.any(String), default_message: expect.any(String), args: [] },
    });
    expect(running.cancelable).toBe(true);
    expect(running.start_time).toMatch(/^\d{4}-\d\d-\d\dT/);
    const done = seen[2]!;
    expect(done.id).toMatch(/^task-\d+$/);
    expect(done.cancelable).toBe(false);
    expect(done.end_time).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(done.service).toBe('com.vmware.vcenter.vm');
    expect(done.operation).toBe('clone');
    expect(done.description).toMatchObject({ id: expect.any(String), default_message: expect.any(String), args: [] });
    expect(issues).toEqual([]);
  });

  it('the start answers 202 with a bare task id; every step of the task info decodes with CisTaskInfo (result apart: it has the sync operation`s shape)', async () => {
    const started = await raw('POST', '/api/vcenter/vm?action=clone&vmw-task=true', '7.0.3', { source: vm703, name: 'c' });
    expect(started.status).toBe(202);
    expect(started.operation).toBe('vcenter.vm.clone$task');
    expect(started.json).toMatch(/^task-\d+$/);
    const schema = v703.schemas.CisTaskInfo!();
    const statuses: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      const got = await raw('GET', `/api/cis/tasks/${started.json as string}`, '7.0.3');
      expect(got.status).toBe(200);
      const info = got.json as Record<string, unknown>;
      statuses.push(info.status);
      const { result, ...rest } = info;
      const r = schema.safeParse(rest);
      expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
      if (info.status === 'SUCCEEDED') expect(typeof result).toBe('string');
    }
    expect(statuses).toEqual(['PENDING', 'RUNNING', 'SUCCEEDED', 'SUCCEEDED']);
  });

  it('cancel: a started task ends FAILED with a CANCELED error, and wait rejects with Canceled', async () => {
    const task = await c703.start('vcenter.vm.clone$task', { body: { source: vm703, name: 'to-cancel' } });
    const first = await task.info();
    expect(first).toMatchObject({ status: 'PENDING', cancelable: true });
    await task.cancel();
    const err = await task.wait({ timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Canceled);
    expect((err as Canceled).kind).toBe('CANCELED');
    expect(task.last).toMatchObject({ status: 'FAILED', cancelable: false });
    expect(task.last?.end_time).toBeDefined();
    // Cancelling a task that has ended is refused.
    const again = await raw('POST', `/api/cis/tasks/${task.id}?action=cancel`, '7.0.3');
    expect(again.status).toBe(400);
    expect(again.json).toMatchObject({ error_type: 'NOT_ALLOWED_IN_CURRENT_STATE' });
  });

  it('cancelOnAbort: aborting the wait cancels the task on the mock', async () => {
    const ac = new AbortController();
    const task = await c703.start('vcenter.vm.clone$task', { body: { source: vm703, name: 'aborted' } });
    const err = await task
      .wait({
        signal: ac.signal,
        cancelOnAbort: true,
        onProgress: (i) => (i.status === 'PENDING' ? ac.abort(new Error('stop')) : undefined),
      })
      .catch((e: unknown) => e);
    expect((err as Error).message).toBe('stop');
    const info = await c703.tasks.get(task.id);
    expect(info.status).toBe('FAILED');
    expect(info.error).toEqual(expect.stringContaining('CANCELED'));
  });

  it('tasks.list and POST /api/cis/tasks?action=list list the mock tasks of the release, filtered', async () => {
    const id = await c703.start('vcenter.vm.clone$task', { body: { source: vm703, name: 'listed' } }).then((t) => t.id);
    const all = await c703.tasks.list();
    expect(all.map((t) => t.id)).toContain(id);
    const pending = await c703.tasks.list({ status: ['PENDING'] });
    expect(pending.map((t) => t.id)).toContain(id);
    expect(pending.every((t) => t.status === 'PENDING')).toBe(true);
    const listed = await raw('POST', '/api/cis/tasks?action=list', '7.0.3', { filter_spec: { tasks: [id] } });
    expect(listed.status).toBe(200);
    expect(Object.keys(listed.json as object)).toEqual([id]);
    expect((listed.json as Record<string, { status: string }>)[id]!.status).toBe('PENDING'); // listing does not advance a task
  });

  it('unknown task ids and invalid task requests still go to Prism', async () => {
    const unknown = await raw('GET', '/api/cis/tasks/not-a-mock-task', '7.0.3');
    expect(unknown.status).toBe(200);
    expect(unknown.operation).toBe('cis.tasks.get');
    const invalid = await raw('POST', '/api/vcenter/vm?action=clone&vmw-task=true', '7.0.3', { bogus: true });
    expect(invalid.status).toBeGreaterThanOrEqual(400);
    expect(invalid.status).toBeLessThan(500);
  });
});

describe('mock tasks, /rest (7.0.1)', () => {
  /** The tasks started on 7.0.1 here; each release is its own vCenter, numbering its tasks from 1. */
  const started701: string[] = [];

  it('run(rest.vcenter.vm.clone$task) resolves with the VM id; the start answers {"value": id}', async () => {
    const started = await raw('POST', '/rest/vcenter/vm?action=clone&vmw-task=true', '7.0.1', { spec: { source: vm701, name: 'c' } });
    expect(started.status).toBe(200);
    expect(started.json).toEqual({ value: expect.stringMatching(/^task-\d+$/) });
    started701.push((started.json as { value: string }).value);
    const polled = await raw('GET', `/rest/cis/tasks/${(started.json as { value: string }).value}`, '7.0.1');
    expect(polled.json).toMatchObject({ value: { status: 'PENDING', cancelable: true } });
    const r = v701.schemas['cis.task.info']!().safeParse((polled.json as { value: unknown }).value);
    expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);

    issues.length = 0;
    const statuses: string[] = [];
    const vm = await c701.run(
      'rest.vcenter.vm.clone$task',
      { body: { spec: { source: vm701, name: 'rest-clone' } } },
      {
        onProgress: (i) => {
          statuses.push(i.status);
          started701.push(i.id);
        },
      },
    );
    expect(typeof vm).toBe('string');
    expect(statuses).toEqual(['PENDING', 'RUNNING', 'SUCCEEDED']);
    expect(issues).toEqual([]);
  });

  it('cancel over /rest, and 7.0.1 lists its own tasks, none of 7.0.3', async () => {
    const task = await c701.start('rest.vcenter.vm.clone$task', { body: { spec: { source: vm701, name: 'x' } } });
    started701.push(task.id);
    await task.cancel();
    await expect(task.wait()).rejects.toBeInstanceOf(Canceled);
    const failed = await c701.tasks.list({ status: ['FAILED'] });
    expect(failed.map((t) => t.id)).toContain(task.id);
    expect((await c703.tasks.list()).length).toBeGreaterThan(0);
    expect((await c701.tasks.list()).map((t) => t.id).sort()).toEqual([...new Set(started701)].sort());
  });
});
