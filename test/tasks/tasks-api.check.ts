/**
 * Type-level checks of the task API: checked by `npm test`'s tsc, never run (the behaviour is
 * in tasks-api.e2e.test.ts).
 */
import { expectTypeOf } from 'vitest';
import type { Task } from '@vcenter-sdk/runtime';
import type { client, cloneBody, r703 } from './helpers.js';

/** start/run are typed from the descriptor: $task names only, the body, the sync twin's result. */
export function typed(c: ReturnType<typeof client<typeof r703>>, body: typeof cloneBody): void {
  // the result type of vcenter.vm.clone (the sync twin) is a string
  expectTypeOf(c.run('vcenter.vm.clone$task', { body })).toEqualTypeOf<Promise<string>>();
  expectTypeOf(c.start('vcenter.vm.clone$task', { body })).toEqualTypeOf<Promise<Task<string>>>();
  // @ts-expect-error not a $task operation
  void c.start('vcenter.vm.list');
  // @ts-expect-error wrong body
  void c.run('vcenter.vm.clone$task', { body: { source: 1 } });
  // @ts-expect-error wait options are checked
  void c.run('vcenter.vm.clone$task', { body }, { timeoutMs: 'soon' });
}
