/**
 * A pending call keeps the process alive through every retry delay and every poll;
 * nothing else does (keep-alive timers, idle sockets). Child processes: a script awaiting a
 * call retried twice prints its result and exits 0 (top-level await and a plain promise chain);
 * the same for task.wait() with a poll retried; a script that only created a client, or made
 * one call and left the client open, exits. "Exits" is an event: the child's sentinel (an
 * unref'd timer printing `lingered` after 10 s) must never fire.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { matchers } from '../fake-vcenter/faults.js';
import { fake, successScript } from '../tasks/helpers.js';
import { hostile } from './helpers.js';
import { runTsChild, type ChildResult } from '../support/child.js';

function runChild(script: string, args: string[]): Promise<ChildResult> {
  return runTsChild(fileURLToPath(new URL(`./children/${script}`, import.meta.url)), args);
}

function expectCleanExit(r: ChildResult, line: string): void {
  expect(r.err).toBe('');
  expect(r.out).toBe(`${line}\ndone\n`);
  expect(r.code).toBe(0);
}

describe('process lifetime', () => {
  it.each(['await', 'chain'])(
    'a call retried twice (503, 503, 200) prints its result and exits 0 (%s)',
    async (style) => {
      const s = await hostile();
      s.next('/power', { status: 503, json: { error_type: 'SERVICE_UNAVAILABLE', messages: [] } }, { status: 503 });
      const r = await runChild('retried-call.ts', [s.url, style]);
      expectCleanExit(r, 'result POWERED_ON');
      expect(s.requests.filter((q) => q.path.endsWith('/power'))).toHaveLength(3);
    },
    60_000,
  );

  it('task.wait() with a poll retried (500) prints its result and exits 0', async () => {
    const f = await fake();
    f.tasks.template = { advance: 'per-poll', script: successScript('vm-child') };
    f.failNext({ status: 500, match: matchers.path(/\/cis\/tasks\/[^/]+$/, 'GET') });
    const r = await runChild('retried-poll.ts', [f.url]);
    expectCleanExit(r, 'result vm-child');
    expect(f.requests.filter((q) => /\/cis\/tasks\//.test(q.path)).length).toBeGreaterThanOrEqual(successScript('x').length + 1);
  }, 60_000);

  it.each(['created', 'called'])(
    'a client that is only %s (keep-alive on, never closed) lets the process exit',
    async (mode) => {
      const s = await hostile();
      const r = await runChild('idle-client.ts', [s.url, mode]);
      expectCleanExit(r, 'client 7.0.3');
    },
    60_000,
  );
});
