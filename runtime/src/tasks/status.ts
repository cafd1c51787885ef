/**
 * A task's state on its own, in a module that imports nothing: the errors module needs it, and
 * the errors module is part of what generated decoders compile against with no DOM or Node
 * types (test/codegen/emit-decoders.e2e.test.ts), which the rest of tasks/types.ts needs (AbortSignal).
 */

/** A vCenter task's state, as `cis.tasks` reports it. */
export type TaskStatus = 'PENDING' | 'RUNNING' | 'BLOCKED' | 'SUCCEEDED' | 'FAILED';
