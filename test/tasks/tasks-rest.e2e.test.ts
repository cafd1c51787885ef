/**
 * Releases whose task service is only on /rest (7.0.0 and 7.0.1): the endpoints come from the
 * operation table, bodies are unwrapped from {"value": ...}, cancel carries action=cancel.
 */
import { describe, expect, it } from 'vitest';
import { Canceled, NotFound } from '@vcenter-sdk/runtime';
import { client, fake, progress, r700, r701, restCloneBody, successScript, taskRequests } from './helpers.js';

describe.each([
  ['7.0.0', r700],
  ['7.0.1', r701],
] as const)('tasks over /rest (%s)', (release, descriptor) => {
  it('run resolves with the clone result; every poll goes to /rest/cis/tasks/{task}', async () => {
    const f = await fake(release);
    f.tasks.template = { advance: 'per-poll', script: successScript('vm-rest') };
    const c = client(f, descriptor);
    const statuses: string[] = [];
    // 7.0.0 and 7.0.1 only have the /rest clone; its sync twin is rest.vcenter.vm.clone
    const name = 'rest.vcenter.vm.clone$task' as never;
    const vm = await (c.run as (n: string, i: unknown, o: unknown) => Promise<unknown>)(
      name,
      { body: restCloneBody },
      { onProgress: (i: { status: string }) => statuses.push(i.status) },
    );
    expect(vm).toBe('vm-rest');
    expect(statuses).toEqual(['PENDING', 'RUNNING', 'RUNNING', 'SUCCEEDED']);
    const id = encodeURIComponent(f.tasks.lastId!);
    expect(taskRequests(f)).toEqual(Array(4).fill(`GET /rest/cis/tasks/${id}`));
  });

  it('FAILED with a /rest-style error, cancel with action=cancel, list and get', async () => {
    const f = await fake(release);
    const c = client(f, descriptor);
    const start = (c.start as unknown as (n: string, i: unknown) => Promise<ReturnType<typeof c.tasks.attach>>).bind(c);
    f.tasks.template = {
      advance: 'per-poll',
      script: [
        { status: 'RUNNING' },
        {
          status: 'FAILED',
          error: {
            type: 'com.vmware.vapi.std.errors.not_found',
            value: { messages: [{ default_message: 'no such VM', id: 'x', args: [] }] },
          },
        },
      ],
    };
    await expect((await start('rest.vcenter.vm.clone$task', { body: restCloneBody })).wait()).rejects.toBeInstanceOf(NotFound);

    f.tasks.template = { advance: 'manual', cancelable: true, script: [{ status: 'RUNNING', progress: progress(20) }] };
    const t = await start('rest.vcenter.vm.clone$task', { body: restCloneBody });
    await t.cancel();
    expect(f.tasks.wasCancelled(t.id)).toBe(true);
    expect(taskRequests(f)).toContain(`POST /rest/cis/tasks/${encodeURIComponent(t.id)}?action=cancel`);
    await expect(t.wait()).rejects.toBeInstanceOf(Canceled);

    const list = await c.tasks.list({ tasks: [t.id] });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: t.id, status: 'FAILED' });
    expect(taskRequests(f).at(-1)).toMatch(/^GET \/rest\/cis\/tasks\?filter_spec\.tasks=/);
    expect((await c.tasks.get(t.id)).status).toBe('FAILED');
  });
});
