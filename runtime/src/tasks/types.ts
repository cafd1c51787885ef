/** The public types of tasks. No runtime code: the errors module and hooks import them without side effects. */

/** A vCenter task's state, as `cis.tasks` reports it. */
export type TaskStatus = 'PENDING' | 'RUNNING' | 'BLOCKED' | 'SUCCEEDED' | 'FAILED';
