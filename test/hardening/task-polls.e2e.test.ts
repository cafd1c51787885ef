/**
 * A poll rides the client's retry policy, so one 500, 503, 429 or reset on a
 * poll does not end `wait()` (/api and /rest releases). Polls that keep failing end it, typed.
 */
import { describe, expect, it } from 'vitest';
import { InternalServerError } from '@vcenter-sdk/runtime';
import { matchers } from '../fake-vcenter/faults.js';
import { client, cloneBody, fake, r701, r703, restCloneBody, successScript } from '../tasks/helpers.js';

const isPoll = matchers.path(/\/cis\/tasks\/[^/]+$/, 'GET');

describe('task polls retried', () => {
  it.each([
    [
      '500',
      (f: Awaited<ReturnType<typeof fake>>) =>
        f.failNext({ status: 500, body: { error_type: 'INTERNAL_SERVER_ERROR', messages: [] }, match: isPoll }),
    ],
    ['503', (f: Awaited<ReturnType<typeof fake>>) => f.failNext({ status: 503, body: '<html>busy</html>', match: isPoll })],
    ['429', (f: Awaited<ReturnType<typeof fake>>) => f.failNext({ status: 429, headers: { 'retry-after': '0' }, match: isPoll })],
    ['reset', (f: Awaited<ReturnType<typeof fake>>) => f.resetNext({ match: isPoll })],
  ])('one %s on a poll (7.0.3, /api) does not end wait()', async (_name, inject) => {
    const f = await fake('7.0.3');
    f.tasks.template = { advance: 'per-poll', script: successScript('vm-2001') };
    const c = client(f, r703);
    const task = await c.start('vcenter.vm.clone$task', { body: cloneBody });
    inject(f);
    await expect(task.wait()).resolves.toBe('vm-2001');
    const polls = f.requests.filter((r) => isPoll(r));
    expect(polls.length).toBeGreaterThanOrEqual(successScript('x').length + 1);
  });

  it('one 500 on a /rest poll (7.0.1) does not end wait()', async () => {
    const f = await fake('7.0.1');
    f.tasks.template = { advance: 'per-poll', script: successScript('vm-2002') };
    const c = client(f, r701);
    const task = await c.start('rest.vcenter.vm.clone$task' as never, { body: restCloneBody } as never);
    f.failNext({ status: 500, body: { type: 'com.vmware.vapi.std.errors.error', value: { messages: [] } }, match: isPoll });
    await expect(task.wait()).resolves.toBe('vm-2002');
  });

  it('polls failing past the retries end wait() with the typed error', async () => {
    const f = await fake('7.0.3');
    f.tasks.template = { advance: 'per-poll', script: successScript('vm-2003') };
    const c = client(f, r703);
    const task = await c.start('vcenter.vm.clone$task', { body: cloneBody });
    f.failNext({ status: 500, times: 10, match: isPoll });
    await expect(task.wait()).rejects.toBeInstanceOf(InternalServerError);
  });
});
