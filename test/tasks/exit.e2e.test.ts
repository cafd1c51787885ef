/**
 * No timer outlives `wait`: a node process that awaited a task (with a 10-minute deadline)
 * exits by itself after its last line, whether the task succeeded or the wait was aborted.
 * Asserted on events, not time: the child ends with an unref'd sentinel that prints
 * `lingered` only if something else (a poll timer, the deadline) kept it alive for 10 s.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fake, successScript } from './helpers.js';
import { runTsChild } from '../support/child.js';

const child = fileURLToPath(new URL('./fixtures/await-task.ts', import.meta.url));

const runChild = (args: string[]) => runTsChild(child, args);

describe('process exit', () => {
  it.each([
    ['run', 'close'],
    ['run', 'no-close'],
    ['abort', 'close'],
  ])(
    'after %s (%s) the child exits by itself after its last line',
    async (mode, closeMode) => {
      const f = await fake();
      f.tasks.template =
        mode === 'run'
          ? { advance: 'per-poll', script: successScript('vm-child') }
          : { advance: 'manual', script: [{ status: 'RUNNING' }] };
      const r = await runChild([f.url, closeMode!, mode!]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toContain(mode === 'run' ? 'result vm-child' : 'rejected AbortError');
      expect(r.out).toMatch(/done\n$/);
      expect(r.out).not.toContain('lingered');
    },
    60_000,
  );
});
